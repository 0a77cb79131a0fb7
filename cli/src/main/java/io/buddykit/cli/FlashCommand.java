package io.buddykit.cli;

import io.buddykit.app.FlashReplay;
import io.buddykit.flash.FlashRun;
import io.buddykit.flash.HostWrites;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code buddykit flash}: one run of the flash translation layer, on a workload or a trace. */
@Command(
    name = "flash",
    mixinStandardHelpOptions = true,
    description = "Runs the flash translation layer (free erase blocks as a buddy system with"
        + " wear-aware coalescing) on a workload or a block trace and prints its metrics.")
final class FlashCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--blocks", defaultValue = "1024",
      description = "Erase blocks, a power of two (default ${DEFAULT-VALUE}).")
  int blocks;

  @Option(names = "--pages-per-block", defaultValue = "256",
      description = "Pages per block (default ${DEFAULT-VALUE}).")
  int pagesPerBlock;

  @Option(names = "--op", defaultValue = "0.07", description = "Over-provisioning (default ${DEFAULT-VALUE}).")
  double op;

  @Option(names = "--workload", defaultValue = "uniform",
      description = "uniform, hotcold or seq (default ${DEFAULT-VALUE}).")
  String workload;

  @Option(names = "--gc", defaultValue = "greedy",
      description = "greedy, cost-benefit or d-choices (default ${DEFAULT-VALUE}).")
  String gc;

  @Option(names = "--wear-threshold", defaultValue = "20",
      description = "Max erase-count spread within a merged group; -1 turns the rule off (default ${DEFAULT-VALUE}).")
  int wearThreshold;

  @Option(names = "--static-threshold", defaultValue = "100",
      description = "Erase spread that triggers static wear levelling; -1 off (default ${DEFAULT-VALUE}).")
  int staticThreshold;

  @Option(names = "--writes", defaultValue = "1000000",
      description = "Host page writes after filling the device once (default ${DEFAULT-VALUE}).")
  long writes;

  @Option(names = "--trace", paramLabel = "FILE", description = "Replay a block trace instead of a workload.")
  Path trace;

  @Option(names = "--format", defaultValue = "msr",
      description = "Trace format: msr or disksim (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  /**
   * The device's options as {@link FlashReplay.Options#parse} reads them, the one reading of them
   * the command and a sweep's {@code flash:} share (the command's format is msr unless given; a
   * sweep detects it).
   */
  private FlashReplay.Options options() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("blocks", Integer.toString(blocks));
    given.put("pages-per-block", Integer.toString(pagesPerBlock));
    given.put("op", Double.toString(op));
    given.put("gc", gc);
    given.put("wear-threshold", Integer.toString(wearThreshold));
    given.put("static-threshold", Integer.toString(staticThreshold));
    given.put("format", format);
    given.put("seed", Long.toString(seed));
    return FlashReplay.Options.parse("--", given);
  }

  @Override
  public Integer call() {
    if (writes < 0 || writes > FlashRun.MAX_WRITES) {
      throw new IllegalArgumentException("--writes must be in 0.." + FlashRun.MAX_WRITES + ", got " + writes);
    }
    FlashReplay.Options o = options();
    Map<String, Object> result;
    if (trace != null) {
      Main.PathChecks.checkInputFile("--trace", trace);
      result = FlashReplay.replay(trace, o);
    } else {
      if (spec.commandLine().getParseResult().hasMatchedOption("--format")) {
        throw new IllegalArgumentException("--format " + format + ": names a --trace file's format, and no --trace"
            + " was given");
      }
      FlashRun run = FlashReplay.start(o);
      run.run(HostWrites.named(workload, run.ftl().logicalPages(), seed), writes);
      result = FlashReplay.result(run, 0);
    }
    MetricsPrinter.print(spec.commandLine().getOut(), result, json, Map.of(), "");
    return ((Number) result.get("lostPages")).longValue() == 0 ? 0 : 1;
  }
}
