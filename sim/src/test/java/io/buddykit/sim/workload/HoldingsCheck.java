package io.buddykit.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.sim.Machine;
import io.buddykit.sim.OwnerTable;

/** Checks that a workload's holdings and the machine's owner table name the same blocks. */
final class HoldingsCheck {
  private HoldingsCheck() {}

  static void assertExact(Machine m, Holdings h) {
    OwnerTable owners = m.owners();
    for (PageKind k : PageKind.values()) {
      for (int i = 0; i < h.count(k); i++) {
        int tag = h.tag(k, i);
        long pfn = h.pfn(tag);
        assertThat(owners.isHead(pfn)).as("tag %d at pfn %d is a head", tag, pfn).isTrue();
        assertThat(owners.isPcp(pfn)).as("tag %d at pfn %d is not on a per-CPU list", tag, pfn).isFalse();
        assertThat(owners.owner(pfn)).as("owner of pfn %d", pfn).isEqualTo(tag);
        assertThat(owners.order(pfn)).as("order of pfn %d", pfn).isEqualTo(h.order(tag));
        assertThat(owners.isMovable(pfn)).as("movable at pfn %d", pfn).isEqualTo(k.movable());
        assertThat(owners.isReclaimable(pfn)).as("reclaimable at pfn %d", pfn).isEqualTo(k.reclaimable());
      }
    }
    // And nothing the machine holds for the workload is missing from the holdings.
    long heads = 0;
    for (long pfn = 0; pfn < owners.size(); pfn++) {
      if (owners.isHead(pfn) && !owners.isPcp(pfn)) {
        heads++;
      }
    }
    assertThat(heads).as("allocations the owner table records").isEqualTo(h.count());
  }
}
