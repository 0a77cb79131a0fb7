/**
 * The buddy allocator over unit indices: {@link io.buddykit.core.BuddyAllocator} and its statistics.
 * Depends on nothing but {@code java.base}.
 */
module io.buddykit.core {
  exports io.buddykit.core;
}
