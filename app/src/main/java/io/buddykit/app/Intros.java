package io.buddykit.app;

/**
 * The words that introduce each scenario in the tour, the report and the README: two or three
 * sentences saying what the scenario shows and what to conclude from its numbers. They state
 * conclusions that hold for the tour's shortened runs as for the defaults, so they quote no figure
 * that only the defaults give. {@code `code`} marks a kernel or command name. The README's
 * paragraph on each scenario starts with these words ({@code IntrosTest} holds it), so there is
 * one text to change.
 */
final class Intros {
  static final String FRAG = "How much memory rounding wastes: the seed's four requests rounded to powers of two"
      + " against exact page runs (`alloc_pages_exact`), dynamic arrays that grow by moving or in place, and"
      + " small objects on slabs against buddy blocks. Exact runs waste a few percent where powers of two waste"
      + " about a quarter, and growing in place when the buddy is free copies far fewer bytes than moving.";
  static final String SPLIT_COALESCE = "64 pages through three allocations and three frees, with the memory map"
      + " and the free blocks of each order after every step. An allocation splits a larger block down to its"
      + " order, and a free merges with its buddy only while the buddy is free, so at the end everything"
      + " coalesces back into one order-6 block.";
  static final String BOOT = "memblock's reservations at boot, the hand-over of the rest to the buddy allocator,"
      + " and buddyinfo before and after the initrd and the boot page tables are released, beside what it would"
      + " be had nothing merged. The coalescing table says how many blocks of order 9 and up (2 MiB and more)"
      + " freeing init memory creates, and how many of them needed a merge with free memory around them.";
  static final String AGING = "A simulated machine booted, aged by seeded workloads and then compacted, following"
      + " Linux's page allocator, reclaim and compaction. Aging leaves plenty of free pages but few whole 2 MiB"
      + " blocks among them, and `compact_memory` recovers many of those blocks by migrating pages.";
  static final String STACKS = "Thread stacks with guard pages on buddy blocks, under four ways to grow them:"
      + " in place when the buddy is free, spreading stacks apart first, always moving, or reserving the"
      + " maximum up front. Spreading stacks apart lets about half the growths happen in place and copies"
      + " least; reserving the maximum copies nothing but holds about twice the memory.";
  static final String DMA = "DMA32 buffers (64 KiB by default: an order-4 block of 16 contiguous pages), aligned and"
      + " below 4 GiB, requested as memory ages, against slab pages that are contiguous only by chance. Once memory"
      + " has aged, some requests fail without reclaim and compaction and every one succeeds with them, and slab"
      + " pages lose their contiguity.";
  static final String DMABUF = "The same 64 KiB request on real memory: a buffer from the off-heap `BuddyArena`,"
      + " its alignment, and its physical frames as /proc/self/pagemap gives them. The only section whose"
      + " figures are this machine's kernel's, so they change from run to run: the buffer is aligned whatever"
      + " the kernel does, but whether its frames are contiguous is up to the kernel.";
  static final String THP = "Huge pages after aging, with mobility grouping on or off and with or without a"
      + " final `compact_memory`, and the TLB reach they buy for a working set. Grouping with compaction makes"
      + " by far the most huge pages, and the TLB hit rate follows: close to 100% when huge pages cover the"
      + " working set, a few percent on 4 KiB pages.";
  static final String WATERMARKS = "The free pages at which `GFP_NOWAIT` and then `GFP_ATOMIC` requests are"
      + " refused in each zone; then low-priority unmovable requests under aging with no watermarks, with"
      + " Linux's, and with a gate that keeps them from falling back into other pageblocks. Linux's watermarks"
      + " keep more huge pages and refuse fewer requests than none; on seed 1 the gate adds little.";
  static final String FIDELITY = "The simulator against Linux 6.18 on a recorded kmem trace: the kernel's counts"
      + " (per-CPU refills and drains, zone-locked allocations, fallbacks, pageblocks in use) beside the"
      + " model's for the same requests. A model/kernel ratio near 1 means the model follows the kernel there;"
      + " the README's Fidelity section says which differences are known and why.";
  static final String NUMA = "NUMA nodes (two by default, at SLIT distances 10 and 21), with pages placed"
      + " local-first, interleaved, or protecting high orders (served remotely rather than splitting a local huge"
      + " block). Local-first is fastest and finds a local huge page almost every time, interleaving costs about"
      + " half again the latency, and protecting high orders buys nothing on this seed.";
  static final String TIER = "A small DRAM pool and a large, slower NVM pool (16 and 256 MiB by default) under"
      + " Zipf-skewed accesses, with no migration, promotion of every hot object, or promotion only when the"
      + " expected latency gain beats the copy. Always promoting serves the most accesses from DRAM but pays for the"
      + " copying; cost-benefit migrates a fraction as much for the lowest mean access including copying.";
  static final String BALLOON = "A guest that must hand the host one free 2 MiB block, by emptying the pageblock"
      + " closest to free (targeted), by ballooning random pages, or by compaction, over many seeded trials."
      + " Targeted ballooning gives up the fewest pages per huge page, random ballooning needs thousands, and"
      + " compaction migrates a few hundred pages and succeeds in every trial.";
  static final String CPUTIME = "CPU time as a buddy resource: each frame (16 ms by default) is one block, periodic"
      + " tasks and one-off requests get power-of-two slices of it, against an exact placer that does not round."
      + " Rounding is the whole cost: past the lightest densities, buddy frames schedule far fewer random task sets"
      + " without a miss than exact time, and miss more deadlines.";
  static final String BANDWIDTH = "Link bandwidth as a buddy resource: flows get power-of-two shares of a link (1024"
      + " Mbit/s by default), placed lowest-first or beside a crowded buddy, and may reassign live flows when"
      + " fragmentation blocks a new one. Fragmentation causes more than half the blocking without reassignment and"
      + " almost none with it, and rounding costs about a quarter of the granted bandwidth.";
  static final String ENCRYPTION = "AES-GCM encrypted memory on buddy blocks under three IV schemes, every"
      + " (key, IV) audited across allocation, writes, frees, splits and reallocation. The address schemes"
      + " reuse IVs as soon as memory is reallocated and the epoch scheme never does; the MB/s are this"
      + " machine's, per CPU second after a timed warm-up shown beside them.";
  static final String FLASH = "A flash translation layer whose free erase blocks are a buddy system, under three"
      + " garbage collectors, each with and without the wear rule (only blocks of similar wear coalesce) and"
      + " static levelling. Cost-benefit cleaning writes least (the lowest WAF), and the wear rule narrows the"
      + " spread of erase counts for a little more writing.";

  private Intros() {}
}
