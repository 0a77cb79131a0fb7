package io.buddykit.share.bandwidth;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Range;
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

  static final Param<Long> CAPACITY = Param.longInteger("capacity", 1024, 1, LinkBroker.MAX_CAPACITY,
      "link capacity in units, a power of two").withUnit("Mbit/s");
  static final Param<Double> LOAD = Param.number("load", 24, Range.greaterThan(0),
      "offered load (mean flows live without blocking)").withUnit("Erlangs");
  static final Param<List<Long>> RATES = Param.integers("rates", "3,10,25,50,100", 1, LinkBroker.MAX_CAPACITY,
      "the rate mix, drawn uniformly; each at most capacity").withUnit("Mbit/s");
  static final Param<Long> FLOWS = Param.longInteger("flows", 50_000, 1, FlowSimulation.MAX_FLOWS,
      "flows offered per run");
  static final Param<Long> SEED = Param.seed("random seed");
  static final Param<List<Double>> LOADS = Param.numbers("loads", "8,12,16,20,24,28,32,40", Range.greaterThan(0),
      "offered loads of the sweep").withUnit("Erlangs");

  /** One run's parameters, with the checks that relate them. */
  record Config(long capacity, double load, List<Long> rates, long flows, long seed, List<Double> loads) {
    static Config of(Params p) {
      long capacity = p.get(CAPACITY);
      p.require(Long.bitCount(capacity) == 1, CAPACITY, "must be a power of two up to 2^20");
      List<Long> rates = p.get(RATES);
      p.require(rates.stream().allMatch(x -> x <= capacity), RATES, "each must be in [1, capacity]");
      return new Config(capacity, p.get(LOAD), rates, p.get(FLOWS), p.get(SEED), p.get(LOADS));
    }

    FlowSimulation.Config flow(double load, long flows, Broker b) {
      return new FlowSimulation.Config(capacity, load, rates, flows, seed, b.placement(), b.reassign());
    }
  }

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
    return List.of(CAPACITY, LOAD, RATES, FLOWS, SEED, LOADS);
  }

  @Override
  public Result run(Params p) {
    Config c = Config.of(p);
    Result.Builder out = Result.builder(name(), p);
    brokers(c, out);
    sweep(c, out);
    return out.build();
  }

  /** Each broker at the one load: the numbers and the {@code brokers} table. */
  private static void brokers(Config c, Result.Builder out) {
    ResultTable.Builder compare = ResultTable.builder("broker", "offered", "admitted", "blocked capacity",
        "blocked fragmentation", "blocking", "utilisation", "internal fragmentation", "reassignments/admitted");
    for (Broker b : BROKERS) {
      FlowSimulation.Outcome o = FlowSimulation.run(c.flow(c.load(), c.flows(), b));
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
  }

  /** Each broker over the sweep's loads, with a quarter of the flows: the {@code sweep} table and series. */
  private static void sweep(Config c, Result.Builder out) {
    ResultTable.Builder sweep = ResultTable.builder("load", "broker", "capacity blocking",
        "fragmentation blocking", "utilisation");
    Series.Builder series = Series.builder("load", "lowest", "crowded", "crowded+reassign");
    for (double l : c.loads()) {
      double[] blocking = new double[BROKERS.size()];
      for (int i = 0; i < BROKERS.size(); i++) {
        Broker b = BROKERS.get(i);
        FlowSimulation.Outcome o = FlowSimulation.run(c.flow(l, Math.max(1, c.flows() / 4), b));
        sweep.row(l, b.name(), o.capacityBlocking(), o.fragmentationBlocking(), o.utilisation());
        blocking[i] = o.blockingProbability();
      }
      series.point(l, blocking);
    }
    out.table("sweep", sweep.build());
    out.series("blockingByLoad", series.build());
  }
}
