package io.buddykit.cli;

import io.buddykit.trace.record.KmemRecorder;
import io.buddykit.trace.record.RecordException;
import io.buddykit.trace.record.Recording;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code buddykit record}: records the running Linux's kmem page events, as root, in a private
 * tracing instance, with the machine's shape beside the trace ({@link KmemRecorder}).
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = "Records a kmem page-allocator trace of the running Linux (root, tracefs) and the machine's shape"
        + " beside it, for replay.")
final class RecordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seconds", defaultValue = "10",
      description = "Longest recording, in seconds (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--max-bytes", defaultValue = "200M", converter = SizeConverter.class,
      description = "Most trace text to write, before compression (default ${DEFAULT-VALUE}).")
  long maxBytes;

  @Option(names = "--buffer-kb", defaultValue = "16384",
      description = "Ring buffer per CPU, in KiB (default ${DEFAULT-VALUE}).")
  int bufferKb;

  @Option(names = "--out", defaultValue = "kmem.trace.gz",
      description = "The trace file, gzip-compressed when it ends .gz; the shape goes to FILE.shape.json"
          + " (default ${DEFAULT-VALUE}).")
  Path out;

  @Parameters(paramLabel = "COMMAND", arity = "0..*",
      description = "After --: a command to run while recording; the recording stops when it exits.")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Recording r;
    try {
      r = KmemRecorder.prepare(new KmemRecorder.Options(this.out, seconds, maxBytes, bufferKb, command)).run(err);
    } catch (RecordException e) { // thrown before anything on the machine changed, or after it was undone
      err.println("buddykit: " + e.getMessage());
      return 2;
    }
    print(out, r);
    return r.problems().isEmpty() ? 0 : 1;
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / 1048576.0, bytes);
  }

  private static void print(PrintWriter out, Recording r) {
    out.println("== recorded");
    Table events = new Table("event", "count");
    for (String e : KmemRecorder.EVENTS) {
      events.row(e, r.missing().contains(e) ? "(not in this kernel)" : r.events().getOrDefault(e, 0L));
    }
    for (Map.Entry<String, Long> e : r.events().entrySet()) {
      if (!KmemRecorder.EVENTS.contains(e.getKey())) {
        events.row(e.getKey(), e.getValue());
      }
    }
    events.print(out);
    out.println("== summary");
    Table t = new Table("what", "value")
        .row("trace", r.trace())
        .row("trace text", mib(r.textBytes()))
        .row("file", mib(r.fileBytes()))
        .row("events", r.totalEvents())
        .row("lost events", r.lostEvents() + (r.lostEvents() > 0 ? " (ring buffer overran: raise --buffer-kb)" : ""))
        .row("time", String.format(Locale.ROOT, "%.2f s", r.elapsed().toNanos() / 1e9))
        .row("stopped by", switch (r.stop()) {
          case TIME -> "--seconds";
          case SIZE -> "--max-bytes";
          case COMMAND -> "the command's exit";
          case INTERRUPTED -> "an interrupt";
          case ERROR -> "an error";
        });
    if (r.commandExit() != null) {
      t.row("command exit status", r.commandExit());
    }
    t.row("shape", r.shape())
        .row("tracefs", r.mountedTracefs() ? "mounted for the recording, unmounted after" : "was mounted; left so");
    for (String p : r.problems()) {
      t.row("problem", p);
    }
    t.print(out);
  }
}
