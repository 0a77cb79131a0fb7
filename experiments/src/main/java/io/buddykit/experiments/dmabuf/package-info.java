/**
 * The {@code dmabuf} scenario: {@link DmaBufferScenario} takes a 64 KiB buffer from an off-heap
 * {@code BuddyArena} and reads its physical frames from /proc/self/pagemap: one aligned block, and
 * physically contiguous when huge pages back it. One package per experiment of the seed chapter, so
 * that each reads, and changes, alone. It is the one experiment on real memory instead of the
 * simulator, so its figures vary between runs.
 */
package io.buddykit.experiments.dmabuf;
