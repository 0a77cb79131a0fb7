package io.buddykit.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything observable about an allocator, to check that a failed call changed nothing: the free
 * blocks and, per list, the first one (under {@link FreeListOrder#LINUX} the head, which a failed
 * call must not move either).
 */
record Fingerprint(
    List<String> freeBlocks,
    List<Long> firstFreeBlocks,
    List<String> live,
    List<Long> reservedUnits,
    long freeUnits,
    long reserved,
    long allocations,
    long requested) {

  static Fingerprint of(BuddyAllocator a) {
    List<String> free = new ArrayList<>();
    a.forEachFreeBlock((s, n, k, c) -> free.add(s + "/" + n + "/" + k + "/" + c));
    List<String> live = new ArrayList<>();
    a.forEachLive(
        (s, n, k, c) -> live.add(s + "/" + n + "/" + k + "/" + c + "/" + a.requestedOf(s)));
    List<Long> first = new ArrayList<>();
    for (int c = 0; c < a.listClasses(); c++) {
      for (int k = 0; k <= a.maxOrder(); k++) {
        first.add(a.firstFreeBlock(k, c));
      }
    }
    List<Long> reservedUnits = new ArrayList<>();
    for (long u = 0; u < a.units(); u++) {
      if (a.isReservedUnit(u)) {
        reservedUnits.add(u);
      }
    }
    return new Fingerprint(
        free,
        first,
        live,
        reservedUnits,
        a.freeUnits(),
        a.reservedUnits(),
        a.liveAllocations(),
        a.liveRequestedUnits());
  }
}
