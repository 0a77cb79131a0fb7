package io.buddykit.experiments.watermarks;

import io.buddykit.sim.Gfp;
import io.buddykit.sim.Machine;
import io.buddykit.sim.PageRequest;
import io.buddykit.sim.Zone;
import io.buddykit.sim.ZoneType;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a machine with single pages for GFP_NOWAIT until refused, then for GFP_ATOMIC until
 * refused, and reads where each zone stopped. Why: the gap between the two refusal points is the
 * reserve that watermarks keep for requests that cannot wait, which low-priority ones cannot touch.
 * Nothing is freed and kswapd is never run, so the machine must have nothing else to do.
 */
public final class ReserveFill {
  private ReserveFill() {}

  /** What the fill found. */
  public record Outcome(List<ZoneRefusal> zones, long nowaitPages, long atomicPages) {}

  public static Outcome run(Machine machine) {
    int tag = 0;
    long nowait = 0;
    while (machine.allocPages(PageRequest.of(Gfp.GFP_NOWAIT, 0).tagged(++tag)) >= 0) {
      nowait++;
    }
    List<Zone> zones = machine.zones();
    long[] afterNowait = new long[zones.size()];
    for (int i = 0; i < afterNowait.length; i++) {
      afterNowait[i] = zones.get(i).freePages();
    }
    long atomic = 0;
    while (machine.allocPages(PageRequest.of(Gfp.GFP_ATOMIC, 0).tagged(++tag)) >= 0) {
      atomic++;
    }
    ZoneType highest = Gfp.GFP_NOWAIT.highestZone();
    List<ZoneRefusal> out = new ArrayList<>();
    for (int i = 0; i < afterNowait.length; i++) {
      Zone z = zones.get(i);
      out.add(new ZoneRefusal(z.toString(), z.watermarks().min(), z.watermarks().low(), z.watermarks().high(),
          z.lowmemReserve(highest), afterNowait[i], z.freePages()));
    }
    return new Outcome(out, nowait, atomic);
  }
}
