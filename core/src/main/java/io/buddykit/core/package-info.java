/**
 * The buddy allocator itself, over unit indices, with no notion of bytes, pages or threads. Open
 * {@link BuddyAllocator} first: it keeps every free list in {@code FreeLists}, lets a {@link
 * MergePolicy} veto a merge, and reports every bad call as a {@link BuddyException} that leaves it
 * unchanged; {@link BuddyInfo} and {@link Fragmentation} print and judge free counts per order as
 * Linux does. A module and package of its own, depending on nothing, because every model of the
 * toolkit (the off-heap arena, encrypted memory, flash, link bandwidth, CPU time, the
 * page-allocator simulator) is built on this one core.
 */
package io.buddykit.core;
