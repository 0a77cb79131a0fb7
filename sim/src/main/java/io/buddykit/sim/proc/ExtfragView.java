package io.buddykit.sim.proc;

import io.buddykit.core.Fragmentation;
import io.buddykit.sim.Machine;

/**
 * The two files of Linux's debugfs {@code extfrag} directory for a simulated machine, one line
 * per populated zone as mm/vmstat.c's extfrag_show and unusable_show print them; the arithmetic
 * and number formats are core's {@link Fragmentation}.
 */
public final class ExtfragView {
  private ExtfragView() {}

  /** /sys/kernel/debug/extfrag/extfrag_index: {@code "%2d.%03d "} per order. */
  public static String extfragIndex(Machine m) {
    return extfragIndex(MachineSnapshot.of(m));
  }

  public static String extfragIndex(MachineSnapshot s) {
    StringBuilder b = new StringBuilder();
    for (ZoneSnapshot z : s.zones()) {
      if (z.presentPages() > 0) {
        b.append(Fragmentation.extfragLine(z.node(), z.name(), z.buddyinfo())).append('\n');
      }
    }
    return b.toString();
  }

  /** /sys/kernel/debug/extfrag/unusable_index: {@code "%d.%03d "} per order. */
  public static String unusableIndex(Machine m) {
    return unusableIndex(MachineSnapshot.of(m));
  }

  public static String unusableIndex(MachineSnapshot s) {
    StringBuilder b = new StringBuilder();
    for (ZoneSnapshot z : s.zones()) {
      if (z.presentPages() > 0) {
        b.append(Fragmentation.unusableLine(z.node(), z.name(), z.buddyinfo())).append('\n');
      }
    }
    return b.toString();
  }
}
