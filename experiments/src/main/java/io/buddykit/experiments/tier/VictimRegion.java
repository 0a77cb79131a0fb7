package io.buddykit.experiments.tier;

import java.util.List;

/**
 * DRAM objects whose demotion frees a block big enough for a promotion: either one object whose
 * block is at least that big, or every object in the aligned block of that order around a cold one.
 *
 * @param slots the objects to demote
 * @param rate their expected accesses per epoch, together
 * @param pages their pages, together
 */
public record VictimRegion(List<Integer> slots, double rate, long pages) {
  public VictimRegion {
    slots = List.copyOf(slots);
  }
}
