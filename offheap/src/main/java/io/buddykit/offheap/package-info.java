/**
 * Real off-heap memory on the buddy core. Open {@link BuddyArena} first: it maps one aligned region
 * from the kernel ({@code NativeRegion}, the only native code: mmap, madvise, mincore) and hands
 * out {@link java.lang.foreign.MemorySegment} slices, small requests through SLUB-like slab caches
 * ({@code SizeClasses}, {@code SlabCache}, {@code Slab}) and every small one through per-thread
 * caches ({@code ThreadCache}); {@code Purger} gives free memory back to the kernel after a decay
 * time ({@link PurgeAdvice}); {@link ArenaStats} is a picture of it, also shown in JFR ({@code
 * ArenaRecorder} and the event classes, which need the jdk.jfr module); {@link PageFrames} reads
 * the physical frames behind a segment, and every misuse is an {@link OffHeapException} that
 * changes nothing. Its own module because it is the one part of the toolkit that touches real
 * memory through the FFM API; crypt and the dmabuf experiment build on it.
 */
package io.buddykit.offheap;
