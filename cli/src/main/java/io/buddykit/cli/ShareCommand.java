package io.buddykit.cli;

import io.buddykit.app.Figures;
import io.buddykit.scenario.Param;
import io.buddykit.share.bandwidth.FlowSimulation;
import io.buddykit.share.bandwidth.LinkBroker;
import io.buddykit.share.bandwidth.Placement;
import io.buddykit.share.cpu.CpuTimeScenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code buddykit share}: the buddy system beyond memory (link bandwidth, CPU time). */
@Command(
    name = "share",
    mixinStandardHelpOptions = true,
    description = "The buddy system beyond memory: link bandwidth and CPU time.",
    subcommands = {ShareCommand.TimeCommand.class, ShareCommand.BandwidthCommand.class})
final class ShareCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code share time}: the CPU-time frame scheduler (the {@code cputime} scenario). */
  @Command(name = "time", mixinStandardHelpOptions = true,
      description = {"Schedules periodic tasks and one-off requests in 16 ms frames of buddy-allocated time,"
          + " against an exact-time baseline; sweeps task-set density for schedulability.",
          "Every parameter of the cputime scenario is accepted with -p KEY=VALUE (see `scenario list`)."})
  static final class TimeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--frame", paramLabel = "MS", description = "Frame length in ms (default 16).")
    String frameMs;

    @Option(names = "--frames", description = "Frames simulated (default 1000).")
    String frames;

    @Option(names = "--seed", description = "Random seed (default 1).")
    String seed;

    @Option(names = "--policy", description = "all, fifo, smallest or aging (default all).")
    String policy;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "Any other cputime parameter.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print one JSON object: scenario, params, results, series.")
    boolean json;

    @Override
    public Integer call() {
      Map<String, String> given = new LinkedHashMap<>(params);
      putIfSet(given, CpuTimeScenario.FRAME_MS, frameMs);
      putIfSet(given, CpuTimeScenario.FRAMES, frames);
      putIfSet(given, CpuTimeScenario.SEED, seed);
      putIfSet(given, CpuTimeScenario.POLICY, policy);
      ScenarioCommand.print(spec.commandLine().getOut(), ScenarioCommand.run(new CpuTimeScenario(), given), json);
      return 0;
    }

    private static void putIfSet(Map<String, String> m, Param<?> param, String value) {
      if (value != null) {
        m.put(param.name(), value);
      }
    }
  }

  /** {@code share bandwidth}: one run of flows offered to a link managed as a buddy block. */
  @Command(name = "bandwidth", mixinStandardHelpOptions = true,
      description = "Offers Poisson flows to a link whose capacity is one buddy block; counts blocking.")
  static final class BandwidthCommand implements Callable<Integer> {
    /** The table's words and units for FlowSimulation.Outcome's components. */
    private static final Map<String, String> LABELS = Map.ofEntries(
        Map.entry("offered", "flows offered"),
        Map.entry("admitted", "flows admitted"),
        Map.entry("blockedCapacity", "flows blocked: link full"),
        Map.entry("blockedFragmentation", "flows blocked: room, but no free block of the size"),
        Map.entry("blockingProbability", "blocking probability (of offered)"),
        Map.entry("capacityBlocking", "blocked for capacity (of offered)"),
        Map.entry("fragmentationBlocking", "blocked for fragmentation (of offered)"),
        Map.entry("utilisation", "granted Mbit/s / capacity (time average)"),
        Map.entry("requestedUtilisation", "requested Mbit/s / capacity (time average)"),
        Map.entry("internalFragmentation", "granted but not requested (of granted)"),
        Map.entry("reassignments", "live flows moved to admit one"),
        Map.entry("reassignmentsPerAdmitted", "flows moved per admitted flow"));

    @Spec CommandSpec spec;

    @Option(names = "--capacity", defaultValue = "1024",
        description = "Link capacity in Mbit/s, a power of two (default ${DEFAULT-VALUE}).")
    long capacity;

    @Option(names = "--load", defaultValue = "24", description = "Offered load in Erlangs (default ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--rates", defaultValue = "3,10,25,50,100", split = ",",
        description = "Rate mix in Mbit/s (default ${DEFAULT-VALUE}).")
    List<Long> rates;

    @Option(names = "--flows", defaultValue = "100000", description = "Flows offered (default ${DEFAULT-VALUE}).")
    long flows;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--placement", defaultValue = "lowest",
        description = "lowest or crowded (default ${DEFAULT-VALUE}).")
    String placement;

    @Option(names = "--reassign", description = "Move live flows to admit a fragmentation-blocked one.")
    boolean reassign;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
      Placement p = switch (placement.toLowerCase(Locale.ROOT)) {
        case "lowest" -> Placement.LOWEST;
        case "crowded" -> Placement.CROWDED;
        default -> throw new IllegalArgumentException("--placement must be lowest or crowded, got " + placement);
      };
      if (capacity < 1 || Long.bitCount(capacity) != 1 || capacity > LinkBroker.MAX_CAPACITY) {
        throw new IllegalArgumentException("--capacity must be a power of two up to 2^20, got " + capacity);
      }
      FlowSimulation.Outcome o = FlowSimulation.run(
          new FlowSimulation.Config(capacity, load, rates, flows, seed, p, reassign));
      String params = String.format(Locale.ROOT, "link %d Mbit/s, offered load %s Erlangs, rates %s Mbit/s,"
          + " %d flows, seed %d, placement %s, reassign %s", capacity, Figures.format(load),
          rates.stream().map(String::valueOf).collect(Collectors.joining(",")), flows, seed,
          placement.toLowerCase(Locale.ROOT), reassign ? "on" : "off");
      MetricsPrinter.print(spec.commandLine().getOut(), o, Map.of(), json, LABELS, params);
      return 0;
    }
  }
}
