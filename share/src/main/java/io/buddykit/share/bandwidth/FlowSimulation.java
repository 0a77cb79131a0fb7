package io.buddykit.share.bandwidth;

import io.buddykit.scenario.Scenario;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Flows offered to a {@link LinkBroker}: Poisson arrivals, exponential holding times (mean 1), a
 * rate drawn uniformly from a mix. The offered load in Erlangs is the arrival rate times the mean
 * holding time, i.e. the mean number of flows that would be live with no blocking. Utilisation and
 * internal fragmentation are time averages over the run.
 */
public final class FlowSimulation {

  /** The most flows one run offers, as the bandwidth scenario's {@code flows}. */
  public static final long MAX_FLOWS = 10_000_000;

  /** The parameters of one run. */
  public record Config(long capacity, double load, List<Long> rates, long flows, long seed,
      Placement placement, boolean reassign) {
    public Config {
      rates = List.copyOf(rates);
      if (!(load > 0 && load < Double.POSITIVE_INFINITY)) { // NaN too
        throw new IllegalArgumentException("load must be a finite number above 0, got " + load);
      }
      if (flows < 1 || flows > MAX_FLOWS) {
        throw new IllegalArgumentException("flows must be in 1.." + MAX_FLOWS + ", got " + flows);
      }
      if (rates.isEmpty()) {
        throw new IllegalArgumentException("rates must not be empty");
      }
      for (long r : rates) {
        if (r < 1 || r > capacity) {
          throw new IllegalArgumentException("rate " + r + " is outside [1, " + capacity + "]");
        }
      }
    }
  }

  /** What a run measured. */
  public record Outcome(
      long offered, long admitted, long blockedCapacity, long blockedFragmentation,
      double blockingProbability, double capacityBlocking, double fragmentationBlocking,
      double utilisation, double requestedUtilisation, double internalFragmentation,
      long reassignments, double reassignmentsPerAdmitted) {}

  private FlowSimulation() {}

  public static Outcome run(Config c) {
    LinkBroker broker = new LinkBroker(c.capacity(), c.placement(), c.reassign());
    SplittableRandom r = new SplittableRandom(c.seed());
    PriorityQueue<double[]> departures = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    double lambda = c.load(); // arrivals per unit time; mean holding time 1
    double now = 0;
    double grantedArea = 0;
    double requestedArea = 0;
    long admitted = 0;
    long blockedCapacity = 0;
    long blockedFragmentation = 0;
    for (long id = 0; id < c.flows(); id++) {
      Scenario.checkInterrupted();
      double next = now - Math.log(1 - r.nextDouble()) / lambda;
      while (!departures.isEmpty() && departures.peek()[0] <= next) {
        double[] d = departures.poll();
        grantedArea += broker.granted() * (d[0] - now);
        requestedArea += broker.requested() * (d[0] - now);
        now = d[0];
        broker.release((long) d[1]);
      }
      grantedArea += broker.granted() * (next - now);
      requestedArea += broker.requested() * (next - now);
      now = next;
      long rate = c.rates().get(r.nextInt(c.rates().size()));
      double holding = -Math.log(1 - r.nextDouble());
      Admission a = broker.admit(id, rate);
      switch (a.outcome()) {
        case ADMITTED -> {
          admitted++;
          departures.add(new double[] {now + holding, id});
        }
        case BLOCKED_CAPACITY -> blockedCapacity++;
        case BLOCKED_FRAGMENTATION -> blockedFragmentation++;
      }
    }
    broker.verify();
    long offered = c.flows();
    double time = Math.max(now, Double.MIN_VALUE);
    return new Outcome(offered, admitted, blockedCapacity, blockedFragmentation,
        (blockedCapacity + blockedFragmentation) / (double) offered,
        blockedCapacity / (double) offered, blockedFragmentation / (double) offered,
        grantedArea / time / c.capacity(), requestedArea / time / c.capacity(),
        grantedArea == 0 ? 0 : 1 - requestedArea / grantedArea,
        broker.reassignments(), admitted == 0 ? 0 : broker.reassignments() / (double) admitted);
  }
}
