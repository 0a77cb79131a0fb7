package io.buddykit.trace.record;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Records the running Linux's page-allocator events through tracefs, as root, into a text trace
 * that {@code FtraceReader} reads, with the machine's shape beside it ({@link RecordedShape}).
 *
 * <p>It works in a private instance ({@link TracingInstance}), so the top-level tracing settings
 * are never touched; it streams the instance's {@code trace_pipe} to the output (gzip when the
 * name ends {@code .gz}) until the time or byte limit, or the command's exit; and it undoes what
 * it changed on a normal end, on an error and on Ctrl-C (a shutdown hook). Every precondition is
 * checked in {@link #prepare} before anything changes.
 */
public final class KmemRecorder {
  /** The kmem tracepoints recorded, in include/trace/events/kmem.h's names. */
  public static final List<String> EVENTS = List.of("mm_page_alloc", "mm_page_free", "mm_page_free_batched",
      "mm_page_alloc_zone_locked", "mm_page_pcpu_drain", "mm_page_alloc_extfrag");
  /** Where tracefs lives (Documentation/trace/ftrace.rst); mounted there if it is not. */
  public static final Path TRACEFS = Path.of("/sys/kernel/tracing");
  /** How long teardown waits for the reader to drain the ring buffer up to the end marker. */
  private static final long DRAIN_MILLIS = 5_000;

  /**
   * What to record.
   *
   * @param out the trace file; gzip-compressed when its name ends {@code .gz}
   * @param seconds the longest recording
   * @param maxBytes the most trace text written (before compression); whole lines only
   * @param bufferKb the ring buffer per CPU, in KiB ({@code buffer_size_kb})
   * @param command a command to run while recording (the recording stops at its exit), or empty
   */
  public record Options(Path out, int seconds, long maxBytes, int bufferKb, List<String> command) {
    public Options {
      Objects.requireNonNull(out, "out");
      command = List.copyOf(command);
      if (seconds < 1) {
        throw new IllegalArgumentException("--seconds must be at least 1, not " + seconds);
      }
      if (maxBytes < 4096) {
        throw new IllegalArgumentException("--max-bytes must be at least 4096, not " + maxBytes);
      }
      if (bufferKb < 4 || bufferKb > (1 << 20)) {
        throw new IllegalArgumentException("--buffer-kb must be 4..1048576, not " + bufferKb);
      }
    }
  }

  /** Why the recording stopped. */
  public enum Stop {
    TIME, SIZE, COMMAND, INTERRUPTED, ERROR
  }

  private final Options options;
  private final Host host;
  private final Path mountPoint;

  private KmemRecorder(Options options, Host host, Path mountPoint) {
    this.options = options;
    this.host = host;
    this.mountPoint = mountPoint;
  }

  /**
   * Checks that a recording can start, changing nothing: root, a kernel with tracefs, a place
   * to mount it, a writable output, a command that exists. Throws {@link RecordException}, whose
   * message is one sentence naming what is missing.
   */
  public static KmemRecorder prepare(Options options) {
    return prepare(options, Host.running(), TRACEFS);
  }

  static KmemRecorder prepare(Options options, Host host, Path mountPoint) {
    if (host.effectiveUid() != 0) {
      throw new RecordException("recording kernel events needs root (tracefs is root's); run as root");
    }
    if (!host.kernelHasTracefs()) {
      throw new RecordException("this kernel has no tracefs (/proc/filesystems lists none): built without"
          + " CONFIG_TRACING?");
    }
    if (!host.tracefsMountedAt(mountPoint) && !Files.isDirectory(mountPoint)) {
      throw new RecordException("tracefs is not mounted and its mount point " + mountPoint + " does not exist");
    }
    if (host.tracefsMountedAt(mountPoint) && !Files.isDirectory(mountPoint.resolve("instances"))) {
      throw new RecordException(mountPoint + " has no instances directory: cannot record privately");
    }
    Path out = options.out().toAbsolutePath();
    if (Files.isDirectory(out)) {
      throw new RecordException("--out " + options.out() + " is a directory");
    }
    Path parent = out.getParent();
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new RecordException("--out " + options.out() + ": cannot write in " + parent);
    }
    if (!options.command().isEmpty() && findProgram(options.command().get(0)) == null) {
      throw new RecordException("command not found: " + options.command().get(0));
    }
    return new KmemRecorder(options, host, mountPoint);
  }

  /** The executable {@code name} runs: itself when it has a slash, else the first on PATH. */
  private static Path findProgram(String name) {
    if (name.contains("/")) {
      return Files.isExecutable(Path.of(name)) ? Path.of(name) : null;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Records. Progress and what the kernel lacks go to {@code log}; the result says what was
   * recorded. A tracefs that cannot be mounted, or an instance that cannot be made, is a {@link
   * RecordException}, with nothing left changed. On Ctrl-C the shutdown hook removes the
   * instance, writes the shape and says where the trace went; this method then does not return.
   */
  public Recording run(PrintWriter log) throws IOException {
    Instant started = Instant.now();
    RecordedShape shape = host.shape(started, options.command());
    String name = "buddykit-" + ProcessHandle.current().pid();
    Session s = new Session(shape, started);
    Thread hook = new Thread(s::interrupted, "buddykit-record-cleanup");
    Runtime.getRuntime().addShutdownHook(hook); // before the instance exists: a Ctrl-C while it is made removes it
    try {
      TracingInstance instance = TracingInstance.open(host, mountPoint, name, options.bufferKb(), EVENTS,
          s::created);
      s.opened = true;
      if (!instance.missing().isEmpty()) {
        log.println("buddykit: this kernel lacks kmem events " + String.join(", ", instance.missing())
            + "; recording without them");
      }
      log.printf("recording %s into %s for at most %d s%s%n", String.join(", ", instance.enabled()), options.out(),
          options.seconds(), options.command().isEmpty() ? "" : " while " + String.join(" ", options.command())
          + " runs");
      log.flush();
      Stop stop = s.record();
      s.finish(); // tracing stops here, also when the command is still running
      return s.result(stop, s.waitForCommand());
    } finally {
      s.finish();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: it cleans up
      }
    }
  }

  /** One recording's moving parts, shared by the recording thread and the shutdown hook. */
  private final class Session {
    private volatile TracingInstance instance;
    /** Set once {@link TracingInstance#open} returned: from then on the shape is written too. */
    private volatile boolean opened;
    private final RecordedShape shape;
    private final Instant started;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final String marker = "buddykit-end-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private PipeCopy copy;
    private Thread reader;
    private FileChannel pipe;
    private Process command;
    private boolean finished;
    private long lost;
    private Instant ended;
    private final List<String> problems = new ArrayList<>();

    Session(RecordedShape shape, Instant started) {
      this.shape = shape;
      this.started = started;
    }

    Stop record() throws IOException {
      pipe = instance.openPipe();
      OutputStream file = new BufferedOutputStream(Files.newOutputStream(options.out()), 1 << 16);
      OutputStream out = options.out().getFileName().toString().endsWith(".gz")
          ? new GZIPOutputStream(file, 1 << 16) : file;
      copy = new PipeCopy(pipe, out, options.maxBytes(), marker, stop);
      reader = new Thread(copy, "buddykit-trace-pipe");
      reader.setDaemon(true);
      reader.start();
      if (!options.command().isEmpty()) {
        command = new ProcessBuilder(options.command()).inheritIO().start();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
      try {
        while (true) {
          if (stop.await(20, TimeUnit.MILLISECONDS)) {
            return copy.failure() != null ? Stop.ERROR : Stop.SIZE;
          }
          if (command != null && !command.isAlive()) {
            return Stop.COMMAND;
          }
          if (System.nanoTime() - deadline >= 0) {
            return Stop.TIME;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Stop.INTERRUPTED;
      }
    }

    /** The command's exit status once it ends (it is left to finish after the time limit), or null. */
    Integer waitForCommand() {
      if (command == null) {
        return null;
      }
      try {
        return command.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    /**
     * Stops the events, lets the reader drain the ring buffer up to the end marker, reads the
     * lost-event counts, removes the instance (and unmounts), and writes the shape with the
     * "after" views. Runs once.
     */
    synchronized void finish() {
      if (finished) {
        return;
      }
      finished = true;
      ended = Instant.now();
      if (instance == null) {
        return;
      }
      if (!opened) { // open failed, or Ctrl-C came while it ran: undo it, record nothing
        instance.close();
        return;
      }
      try {
        instance.stopEvents();
        instance.mark(marker);
        if (reader != null) {
          reader.join(DRAIN_MILLIS);
        }
        lost = instance.lostEvents();
      } catch (IOException e) {
        problems.add("stopping the trace: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closePipe();
      instance.close();
      problems.addAll(instance.cleanupErrors());
      try {
        shape.withAfter(host.views()).write(RecordedShape.besides(options.out()));
      } catch (IOException e) {
        problems.add("writing the shape: " + e.getMessage());
      }
    }

    /** Closing the channel wakes a reader still blocked in read (FileChannel is interruptible). */
    private void closePipe() {
      try {
        if (pipe != null) {
          pipe.close();
        }
        if (reader != null) {
          reader.join(DRAIN_MILLIS);
        }
      } catch (IOException e) {
        problems.add("closing trace_pipe: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Called by {@link TracingInstance#open} before it makes the instance. */
    void created(TracingInstance t) {
      instance = t;
    }

    /** The shutdown hook: Ctrl-C or SIGTERM while recording. */
    void interrupted() {
      boolean first;
      synchronized (this) {
        first = !finished && opened;
      }
      if (command != null && command.isAlive()) {
        command.destroy();
      }
      finish();
      if (first) {
        System.err.println("buddykit: interrupted; " + (copy == null ? 0 : copy.bytes()) + " bytes of trace in "
            + options.out() + ", shape in " + RecordedShape.besides(options.out()) + ", tracing instance "
            + instance.dir().getFileName() + (problems.isEmpty() ? " removed" : ": " + String.join("; ", problems)));
      }
    }

    Recording result(Stop why, Integer exit) throws IOException {
      if (copy.failure() != null) {
        problems.add("reading trace_pipe: " + copy.failure().getMessage());
      }
      if (!copy.sawMarker()) {
        problems.add("the end marker did not come through trace_pipe: events traced last may be missing");
      }
      return new Recording(options.out(), RecordedShape.besides(options.out()), instance.enabled(),
          instance.missing(), copy.events(), copy.bytes(), Files.size(options.out()), lost,
          Duration.between(started, ended), why, exit, instance.mountedByUs(), problems);
    }
  }
}
