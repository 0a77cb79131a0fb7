/**
 * Memory encrypted line by line with AES-GCM, allocated in buddy blocks of an off-heap arena. Open
 * {@link EncryptedMemory} first: it derives each write's IV by an {@link IvScheme}, binds each line
 * to its address, its block and its allocation's epoch, and throws {@link IntegrityViolation} for a
 * line that fails authentication; {@link IvAuditor} records every (key, IV) pair so that a reuse is
 * caught, and {@link EncryptionScenario} runs the seed's argument that only the epoch scheme never
 * repeats an IV. Its own module: the one place that needs a cipher and an arena together.
 */
package io.buddykit.crypt;
