package io.buddykit.core;

/**
 * Decides whether two free buddies may coalesce. The core merges free buddies unless this says no:
 * the flash layer refuses blocks of unequal wear, the simulator refuses pageblocks of incompatible
 * migratetypes. Without a policy every merge happens and no call is made.
 */
@FunctionalInterface
public interface MergePolicy {
  /**
   * @param left start unit of the left buddy (aligned to 2^(order+1))
   * @param order order of each buddy; the merged block has order + 1
   * @return true to merge [left, left + 2^(order+1)) into one free block
   */
  boolean mayMerge(long left, int order);
}
