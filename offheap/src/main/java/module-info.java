/**
 * Real off-heap memory on the buddy core: {@link io.buddykit.offheap.BuddyArena} maps its region with
 * {@code mmap} through the FFM linker, a restricted method, so an application grants this module
 * native access: {@code --enable-native-access=io.buddykit.offheap} (or {@code ALL-UNNAMED} when
 * the jar is on the class path). It records JFR events (jdk.jfr) for its statistics, purges and
 * full arenas.
 */
module io.buddykit.offheap {
  requires io.buddykit.core;
  requires jdk.jfr; // the arena's statistics, purge and arena-full events


  exports io.buddykit.offheap;
}
