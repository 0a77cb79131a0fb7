package io.buddykit.share.bandwidth;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Series;
import java.util.List;

/**
 * The seed's ISP link: 1024 Mbit/s managed as one buddy block, flows rounded up to powers of two.
 * Measures blocking split into capacity and fragmentation blocking for three brokers — lowest
 * address first, most-crowded subtree first, and most-crowded with reassignment of live flows —
 * at one load and over a sweep of loads, with utilisation and bandwidth-internal fragmentation.
 */
public final class BandwidthScenario implements Scenario {
  /** The brokers compared: name, placement, reassignment. */
  private record Broker(String name, Placement placement, boolean reassign) {}

  private static final List<Broker> BROKERS = List.of(
      new Broker("lowest", Placement.LOWEST, false),
      new Broker("crowded", Placement.CROWDED, false),
      new Broker("crowded+reassign", Placement.CROWDED, true));

  @Override
  public String name() {
    return "bandwidth";
  }

  @Override
  public String description() {
    return "Link bandwidth as a buddy block: capacity vs fragmentation blocking, placement and reassignment";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(
        Param.text("capacity", "1024", "link capacity in units (Mbit/s), a power of two"),
        Param.text("load", "24", "offered load in Erlangs (mean flows live without blocking)"),
        Param.text("rates", "3,10,25,50,100", "the rate mix in Mbit/s, drawn uniformly"),
        Param.text("flows", "50000", "flows offered per run"),
        Param.text("seed", "1", "random seed"),
        Param.text("loads", "8,12,16,20,24,28,32,40", "offered loads of the sweep"));
  }

  @Override
  public Result run(Params p) {
    long capacity = p.getLong("capacity");
    p.require(capacity >= 1 && Long.bitCount(capacity) == 1 && capacity <= 1L << 30, "capacity",
        "must be a power of two up to 2^30");
    double load = p.getDouble("load");
    p.require(load > 0, "load", "must be positive");
    List<Long> rates = p.getLongs("rates");
    p.require(rates.stream().allMatch(x -> x >= 1 && x <= capacity), "rates", "each must be in [1, capacity]");
    long flows = p.getLong("flows");
    p.require(flows >= 1 && flows <= 10_000_000, "flows", "must be in [1, 10^7]");
    long seed = p.getLong("seed");
    List<Double> loads = p.getDoubles("loads");
    p.require(loads.stream().allMatch(x -> x > 0), "loads", "must be positive");

    Result.Builder out = Result.builder(name(), p);
    ResultTable.Builder compare = ResultTable.builder("broker", "offered", "admitted", "blocked capacity",
        "blocked fragmentation", "blocking", "utilisation", "internal fragmentation", "reassignments/admitted");
    for (Broker b : BROKERS) {
      FlowSimulation.Outcome o = FlowSimulation.run(
          new FlowSimulation.Config(capacity, load, rates, flows, seed, b.placement(), b.reassign()));
      String k = b.name() + ".";
      out.number(k + "offered", o.offered())
          .number(k + "admitted", o.admitted())
          .number(k + "blockedCapacity", o.blockedCapacity())
          .number(k + "blockedFragmentation", o.blockedFragmentation())
          .number(k + "blockingProbability", o.blockingProbability())
          .number(k + "utilisation", o.utilisation())
          .number(k + "internalFragmentation", o.internalFragmentation())
          .number(k + "reassignmentsPerAdmitted", o.reassignmentsPerAdmitted());
      compare.row(b.name(), o.offered(), o.admitted(), o.blockedCapacity(), o.blockedFragmentation(),
          o.blockingProbability(), o.utilisation(), o.internalFragmentation(), o.reassignmentsPerAdmitted());
    }
    out.table("brokers", compare.build());

    ResultTable.Builder sweep = ResultTable.builder("load", "broker", "capacity blocking",
        "fragmentation blocking", "utilisation");
    Series.Builder series = Series.builder("load", "lowest", "crowded", "crowded+reassign");
    for (double l : loads) {
      double[] blocking = new double[BROKERS.size()];
      for (int i = 0; i < BROKERS.size(); i++) {
        Broker b = BROKERS.get(i);
        FlowSimulation.Outcome o = FlowSimulation.run(new FlowSimulation.Config(
            capacity, l, rates, Math.max(1, flows / 4), seed, b.placement(), b.reassign()));
        sweep.row(l, b.name(), o.capacityBlocking(), o.fragmentationBlocking(), o.utilisation());
        blocking[i] = o.blockingProbability();
      }
      series.point(l, blocking);
    }
    out.table("sweep", sweep.build());
    out.series("blockingByLoad", series.build());
    return out.build();
  }
}
