package io.buddykit.app;

import io.buddykit.flash.FlashConfig;
import io.buddykit.flash.FlashRun;
import io.buddykit.flash.Ftl;
import io.buddykit.flash.GcPolicy;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.trace.block.BlockTraceFormat;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the flash translation layer, as {@code buddykit flash} runs it and a {@code traces:}
 * sweep runs it for every block trace (MSR Cambridge, DiskSim): the device's options read and
 * checked, the device built and filled once, then driven by a trace or the caller's workload, and
 * its metrics. The one owner of what a flash run's options mean and what its result holds; the
 * command prints the result, the sweep keeps its numbers.
 */
public final class FlashReplay {
  /**
   * The options' names, as the command's long options spell them and a sweep spec's {@code flash:}
   * takes them.
   */
  public static final List<String> OPTIONS = List.of("blocks", "pages-per-block", "op", "gc", "wear-threshold",
      "static-threshold", "format", "seed");

  /** Host requests between the FTL's consistency checks, as the command has always run. */
  private static final long CHECK_EVERY = 64;

  private FlashReplay() {}

  /**
   * The device and how a trace is read: erase blocks (a power of two), pages per block,
   * over-provisioning, the GC policy, the two wear thresholds (-1 off), the trace's format ({@code
   * null}: detected from its first lines) and the seed of the FTL's random choices.
   */
  public record Options(int blocks, int pagesPerBlock, double op, GcPolicy gc, int wearThreshold,
      int staticThreshold, BlockTraceFormat format, long seed) {
    /** The command's defaults: 1024 blocks of 256 pages, 7% over-provisioning, greedy, 20, 100, detected, 1. */
    public static final Options DEFAULTS = new Options(1024, 256, 0.07, GcPolicy.GREEDY, 20, 100, null, 1);

    /** The device these options describe, checked as {@link FlashConfig} checks a shape. */
    public FlashConfig config() {
      return FlashConfig.defaults().withShape(blocks, pagesPerBlock, op).withGc(gc)
          .withWear(wearThreshold, staticThreshold).withSeed(seed);
    }

    /**
     * The defaults with {@code given} (option name to its text, names from {@link #OPTIONS}) applied
     * and the device checked; an unknown name or a value that does not read throws, naming {@code
     * prefix + name} ({@code --op}, {@code flash.op}).
     */
    public static Options parse(String prefix, Map<String, String> given) {
      Options o = DEFAULTS;
      for (Map.Entry<String, String> e : given.entrySet()) {
        String v = e.getValue().strip();
        try {
          o = switch (e.getKey()) {
            case "blocks" -> new Options(whole(v), o.pagesPerBlock, o.op, o.gc, o.wearThreshold,
                o.staticThreshold, o.format, o.seed);
            case "pages-per-block" -> new Options(o.blocks, whole(v), o.op, o.gc, o.wearThreshold,
                o.staticThreshold, o.format, o.seed);
            case "op" -> new Options(o.blocks, o.pagesPerBlock, op(v), o.gc, o.wearThreshold, o.staticThreshold,
                o.format, o.seed);
            case "gc" -> new Options(o.blocks, o.pagesPerBlock, o.op, GcPolicy.parse(v), o.wearThreshold,
                o.staticThreshold, o.format, o.seed);
            case "wear-threshold" -> new Options(o.blocks, o.pagesPerBlock, o.op, o.gc, threshold(v),
                o.staticThreshold, o.format, o.seed);
            case "static-threshold" -> new Options(o.blocks, o.pagesPerBlock, o.op, o.gc, o.wearThreshold,
                threshold(v), o.format, o.seed);
            case "format" -> new Options(o.blocks, o.pagesPerBlock, o.op, o.gc, o.wearThreshold,
                o.staticThreshold, BlockTraceFormat.parse(v), o.seed);
            case "seed" -> new Options(o.blocks, o.pagesPerBlock, o.op, o.gc, o.wearThreshold,
                o.staticThreshold, o.format, Long.parseLong(v));
            default -> throw new IllegalArgumentException("unknown flash option (known: "
                + String.join(", ", OPTIONS) + ")");
          };
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(prefix + e.getKey() + ": " + bad.getMessage(), bad);
        }
      }
      try {
        o.config();
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(prefix + "blocks " + o.blocks + " " + prefix + "pages-per-block "
            + o.pagesPerBlock + " " + prefix + "op " + o.op + ": " + bad.getMessage(), bad);
      }
      return o;
    }

    private static int whole(String v) {
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a whole number, not " + v, e);
      }
    }

    private static double op(String v) {
      double op;
      try {
        op = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a fraction such as 0.07, not " + v, e);
      }
      if (!(op >= 0.02 && op <= 0.5)) { // NaN too
        throw new IllegalArgumentException("must be in [0.02, 0.5], got " + v);
      }
      return op;
    }

    /** A wear threshold: an erase-count spread (0 or more), or -1 for the rule off. */
    private static int threshold(String v) {
      int t = whole(v);
      if (t < -1) {
        throw new IllegalArgumentException("must be -1 (off) or an erase-count spread of 0 or more, got " + t);
      }
      return t;
    }
  }

  /** {@code given}, or the format detected from {@code file}'s first lines. */
  public static BlockTraceFormat format(Path file, BlockTraceFormat given) {
    return given != null ? given : BlockTraceFormat.detect(file).orElseThrow(() -> new IllegalArgumentException(
        file + ": cannot tell the block trace format (msr or disksim) from its first lines; give the format"));
  }

  /**
   * A device of {@code o}, its Java heap need checked first, every logical page written once
   * (the fill that {@code hostWrites} counts and {@code initialFillWrites} names), ready to drive.
   */
  public static FlashRun start(Options o) {
    FlashConfig c = o.config();
    HeapBudget.require("--blocks " + o.blocks() + " --pages-per-block " + o.pagesPerBlock(), Ftl.heapBytes(c));
    FlashRun run = new FlashRun(new Ftl(c), CHECK_EVERY);
    run.precondition();
    return run;
  }

  /**
   * Replays the block trace {@code file} on a fresh device of {@code o} and returns {@link
   * #result}; a trace with no request is refused, naming the file.
   */
  public static Map<String, Object> replay(Path file, Options o) {
    BlockTraceFormat f = format(file, o.format());
    FlashRun run = start(o);
    long requests = run.replay(file, f, o.config().pageBytes());
    if (requests == 0) {
      throw new IllegalArgumentException(file + ": no requests in the trace (an empty file?)");
    }
    return result(run, requests);
  }

  /**
   * What {@code buddykit flash --json} prints and a sweep row's {@code results} hold: every metric
   * of {@link io.buddykit.flash.FlashMetrics} by its name, then {@code initialFillWrites} (the fill
   * {@code hostWrites} counts), {@code traceRequests} (0 for a workload) and {@code lostPages}
   * (pages whose data the FTL lost; a sound run has none).
   */
  public static Map<String, Object> result(FlashRun run, long requests) {
    Record m = run.ftl().metrics();
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : m.getClass().getRecordComponents()) {
      try {
        out.put(c.getName(), c.getAccessor().invoke(m));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read FlashMetrics." + c.getName(), e);
      }
    }
    out.put("initialFillWrites", run.ftl().logicalPages());
    out.put("traceRequests", requests);
    out.put("lostPages", run.lostPages());
    return out;
  }
}
