package io.buddykit.trace.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A private ftrace instance ({@code instances/NAME} under tracefs, Documentation/trace/ftrace.rst
 * "Instances"): its own ring buffer and its own event switches, so the top-level tracing settings
 * and anyone else's instances are never touched. It mounts tracefs if nothing is mounted at the
 * mount point, and {@link #close()} undoes, in reverse order, exactly what {@link #open} did.
 *
 * <p>Not thread-safe except {@link #close()}, which a shutdown hook may call while the recording
 * thread also does; the second call does nothing.
 */
final class TracingInstance implements AutoCloseable {
  private final Path mountPoint;
  private final boolean mountedByUs;
  private final Path dir;
  private final List<String> enabled = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();
  private final List<String> cleanupErrors = new ArrayList<>();
  private boolean closed;

  private TracingInstance(Path mountPoint, boolean mountedByUs, Path dir) {
    this.mountPoint = mountPoint;
    this.mountedByUs = mountedByUs;
    this.dir = dir;
  }

  /**
   * Mounts tracefs at {@code mountPoint} unless one is mounted there, creates the instance {@code
   * name}, sizes its per-CPU ring buffer and enables those of {@code events} (all in the kmem
   * group) that the kernel has. On any failure it undoes what it did and throws: a {@link
   * RecordException} when tracefs cannot be mounted or the instance cannot be made. {@code
   * created} gets the instance before its directory is made, so a shutdown hook can undo a
   * half-made one.
   */
  static TracingInstance open(Host host, Path mountPoint, String name, int bufferKb, List<String> events,
      Consumer<TracingInstance> created) throws IOException {
    boolean mount = !host.tracefsMountedAt(mountPoint);
    if (mount) {
      try {
        run("mount", "-t", "tracefs", "nodev", mountPoint.toString());
      } catch (IOException e) {
        throw new RecordException("tracefs is not mounted at " + mountPoint + " and mounting it failed: "
            + e.getMessage());
      }
    }
    Path dir = mountPoint.resolve("instances").resolve(name);
    TracingInstance t = new TracingInstance(mountPoint, mount, dir);
    created.accept(t); // from here a shutdown hook can close it
    try {
      try {
        Files.createDirectory(dir); // tracefs builds the instance's files on mkdir
      } catch (IOException e) {
        throw new RecordException("cannot create the tracing instance " + dir + ": " + e);
      }
      write(dir.resolve("buffer_size_kb"), Integer.toString(bufferKb));
      for (String e : events) {
        Path enable = dir.resolve("events/kmem").resolve(e).resolve("enable");
        if (Files.exists(enable)) {
          write(enable, "1");
          t.enabled.add(e);
        } else {
          t.missing.add(e);
        }
      }
      write(dir.resolve("tracing_on"), "1");
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  /** Whether tracefs was mounted by {@link #open} (and is unmounted by {@link #close()}). */
  boolean mountedByUs() {
    return mountedByUs;
  }

  Path dir() {
    return dir;
  }

  /** The events enabled, in the order asked. */
  List<String> enabled() {
    return List.copyOf(enabled);
  }

  /** The events asked for that this kernel does not have. */
  List<String> missing() {
    return List.copyOf(missing);
  }

  /** The instance's consuming reader: each event read from it leaves the ring buffer. */
  FileChannel openPipe() throws IOException {
    return FileChannel.open(dir.resolve("trace_pipe"), StandardOpenOption.READ);
  }

  /** Switches the events off; the ring buffer keeps what it holds. */
  void stopEvents() throws IOException {
    for (String e : enabled) {
      write(dir.resolve("events/kmem").resolve(e).resolve("enable"), "0");
    }
  }

  /** Writes {@code text} into the instance's own buffer as a {@code tracing_mark_write} event. */
  void mark(String text) throws IOException {
    write(dir.resolve("trace_marker"), text);
  }

  /**
   * Events the ring buffer lost: the sum over CPUs of {@code overrun} (overwritten before they
   * were read) and {@code dropped events} (per_cpu/cpuN/stats, kernel/trace/trace.c
   * tracing_stats_read).
   */
  long lostEvents() throws IOException {
    long lost = 0;
    try (DirectoryStream<Path> cpus = Files.newDirectoryStream(dir.resolve("per_cpu"), "cpu*")) {
      for (Path cpu : cpus) {
        for (String line : Files.readAllLines(cpu.resolve("stats"), StandardCharsets.ISO_8859_1)) {
          if (line.startsWith("overrun:") || line.startsWith("dropped events:")) {
            lost += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
          }
        }
      }
    }
    return lost;
  }

  /**
   * Disables the events, removes the instance and unmounts tracefs if {@link #open} mounted it.
   * Every step is tried even when an earlier one fails; the failures are kept ({@link
   * #cleanupErrors()}).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Files.isDirectory(dir)) {
      try {
        stopEvents();
        write(dir.resolve("tracing_on"), "0");
      } catch (IOException | UncheckedIOException e) {
        cleanupErrors.add("disabling events in " + dir + ": " + e.getMessage());
      }
      try {
        Files.delete(dir); // rmdir: tracefs frees the instance and its buffer
      } catch (IOException e) {
        cleanupErrors.add("removing " + dir + ": " + e);
      }
    }
    if (mountedByUs) {
      try {
        run("umount", mountPoint.toString());
      } catch (IOException e) {
        cleanupErrors.add(e.getMessage());
      }
    }
  }

  /** What {@link #close()} could not undo, one sentence each; empty when it undid everything. */
  synchronized List<String> cleanupErrors() {
    return List.copyOf(cleanupErrors);
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.ISO_8859_1, StandardOpenOption.WRITE);
  }

  /** Runs a system command (mount, umount), failing with its own message. */
  static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", command) + " interrupted", e);
    }
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")"
          + (said.isEmpty() ? "" : ": " + said));
    }
  }
}
