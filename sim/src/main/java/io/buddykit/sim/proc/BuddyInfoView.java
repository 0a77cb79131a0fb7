package io.buddykit.sim.proc;

import io.buddykit.core.BuddyInfo;
import io.buddykit.sim.Machine;

/**
 * /proc/buddyinfo of a simulated machine, as mm/vmstat.c's frag_show prints it: for every node
 * and every populated zone, {@code "Node %d, zone %8s "} and {@code "%6lu "} free blocks per order.
 * Output that diffs cleanly against a real machine's file is the point.
 */
public final class BuddyInfoView {
  private BuddyInfoView() {}

  public static String render(Machine m) {
    return render(MachineSnapshot.of(m));
  }

  public static String render(MachineSnapshot s) {
    StringBuilder b = new StringBuilder();
    for (ZoneSnapshot z : s.zones()) {
      if (z.presentPages() > 0) { // walk_zones_in_node(..., assert_populated = true)
        b.append(BuddyInfo.line(z.node(), z.name(), z.buddyinfo())).append('\n');
      }
    }
    return b.toString();
  }
}
