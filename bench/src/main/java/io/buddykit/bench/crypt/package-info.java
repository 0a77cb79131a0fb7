/**
 * The encrypted memory's benchmark: {@link EncryptedThroughput} measures AES-GCM line encryption
 * per {@code IvScheme} against a plain copy of the same bytes, to show whether the schemes'
 * security difference is also a cost difference. Its own package, as each measured module's
 * benchmarks are.
 */
package io.buddykit.bench.crypt;
