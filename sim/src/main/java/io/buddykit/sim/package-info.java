/**
 * The page-allocator engine: a simulated machine's physical memory and Linux's page allocator over
 * it. Open {@link Machine} first (a {@link PageRequest} becomes an {@code AllocContext}, as
 * Linux's {@code struct alloc_context}, for the zonelist walk with watermarks, per-CPU lists, the
 * slow path with kswapd, direct reclaim and compaction; and freeing), then {@link Zone} (one
 * zone's free area on a core {@code BuddyAllocator}, one list class per {@link Migratetype}),
 * {@link Node}, {@link Gfp} and {@link AllocFlags} (what a request may do), {@link Watermarks} and
 * {@link Zonelists}; reclaim, compaction, the LRU and the per-CPU lists are package-private parts
 * of the machine ({@code Reclaim}, {@code Compaction}, {@code Lru}, {@code PerCpuPages}), {@link
 * OwnerTable} names the holder of every page frame, and {@link VmStat} counts events (read-only
 * outside the engine); {@code io.buddykit.sim.boot} lays out RAM with memblock before the buddy
 * allocator takes over. One package so that the engine's internals can stay package-private; the
 * Linux views, trace replay and workloads over its public API are subpackages, and the experiments
 * are a module of their own.
 */
package io.buddykit.sim;
