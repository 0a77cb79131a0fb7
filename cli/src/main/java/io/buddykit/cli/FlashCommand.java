package io.buddykit.cli;

import io.buddykit.flash.FlashConfig;
import io.buddykit.flash.FlashMetrics;
import io.buddykit.flash.FlashRun;
import io.buddykit.flash.Ftl;
import io.buddykit.flash.GcPolicy;
import io.buddykit.flash.HostWrites;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.trace.block.BlockTraceFormat;
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

  /** A wear threshold: an erase-count spread (0 or more), or -1 for the rule off, as the help says. */
  private static void checkThreshold(String option, int value) {
    if (value < -1) {
      throw new IllegalArgumentException(option + " must be -1 (off) or an erase-count spread of 0 or more, got "
          + value);
    }
  }

  @Override
  public Integer call() {
    if (writes < 0 || writes > FlashRun.MAX_WRITES) {
      throw new IllegalArgumentException("--writes must be in 0.." + FlashRun.MAX_WRITES + ", got " + writes);
    }
    if (!(op >= 0.02 && op <= 0.5)) { // NaN too
      throw new IllegalArgumentException("--op must be in [0.02, 0.5], got " + op);
    }
    checkThreshold("--wear-threshold", wearThreshold);
    checkThreshold("--static-threshold", staticThreshold);
    BlockTraceFormat traceFormat = BlockTraceFormat.parse(format);
    if (trace != null) {
      Main.PathChecks.checkInputFile("--trace", trace);
    } else if (spec.commandLine().getParseResult().hasMatchedOption("--format")) {
      throw new IllegalArgumentException("--format " + format + ": names a --trace file's format, and no --trace"
          + " was given");
    }
    FlashConfig c = FlashConfig.defaults().withShape(blocks, pagesPerBlock, op)
        .withGc(GcPolicy.parse(gc)).withWear(wearThreshold, staticThreshold).withSeed(seed);
    HeapBudget.require("--blocks " + blocks + " --pages-per-block " + pagesPerBlock, Ftl.heapBytes(c));
    FlashRun run = new FlashRun(new Ftl(c), 64);
    run.precondition();
    long requests = 0;
    if (trace != null) {
      requests = run.replay(trace, traceFormat, c.pageBytes());
      if (requests == 0) {
        throw new IllegalArgumentException("--trace " + trace + ": no requests in the trace (an empty file?)");
      }
    } else {
      run.run(HostWrites.named(workload, run.ftl().logicalPages(), seed), writes);
    }
    FlashMetrics m = run.ftl().metrics();
    long lost = run.lostPages();
    Map<String, Object> extra = new LinkedHashMap<>();
    // hostWrites counts the fill that precedes the run (every logical page written once).
    extra.put("initialFillWrites", run.ftl().logicalPages());
    extra.put("traceRequests", requests);
    extra.put("lostPages", lost);
    MetricsPrinter.print(spec.commandLine().getOut(), m, extra, json);
    return lost == 0 ? 0 : 1;
  }
}
