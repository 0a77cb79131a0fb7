package io.buddykit.core;

/**
 * Which free block of an order an allocation takes, and so how a {@link BuddyAllocator} keeps its
 * free lists. Both orders split, merge and account alike: the same calls free and take the same
 * numbers of blocks of each order; only the choice among the free blocks of one order differs.
 */
public enum FreeListOrder {
  /**
   * The lowest address: every free list is a hierarchical bitmap, an allocation takes its lowest
   * block. Live blocks pack towards unit 0 and the answers follow from the free units alone. About
   * 2.4 bytes of metadata per unit with one list class. The default.
   */
  LOWEST_ADDRESS,

  /**
   * Linux's own order (mm/page_alloc.c): every free list is a doubly linked list; an allocation
   * takes the head (get_page_from_free_area), expand() puts the upper halves at the heads and keeps
   * the low half; a freed block, after merging, goes to the head, or to the tail when
   * buddy_merge_likely holds or the caller asks (FPI_TO_TAIL: boot hand-over, reservations given
   * back, the tail of an exact allocation). Recently freed blocks are reused first, as in the
   * kernel. About 10.1 bytes of metadata per unit: the links take 8, the tags share the head words.
   */
  LINUX
}
