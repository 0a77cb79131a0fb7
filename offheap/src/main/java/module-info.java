/**
 * Real off-heap memory on the buddy core: {@link io.buddykit.offheap.BuddyArena} maps its region with
 * {@code mmap} through the FFM linker, a restricted method, so an application grants this module
 * native access: {@code --enable-native-access=io.buddykit.offheap} (or {@code ALL-UNNAMED} when
 * the jar is on the class path).
 */
module io.buddykit.offheap {
  requires io.buddykit.core;

  exports io.buddykit.offheap;
}
