package io.buddykit.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The embedded runner: every (point, seed) of a spec that {@code DIR/results.jsonl} does not hold yet,
 * on a pool of platform threads in this process (the runs are CPU-bound and share nothing), each
 * row appended with one write as its run finishes. A sweep stopped half-way (Ctrl-C, a crash) leaves
 * only whole rows and at most one unfinished line, so running it again redoes only what is missing.
 * The spec is written to {@code DIR/spec.json} on the first run; another spec for the same
 * directory is refused, so one directory's rows are one sweep's.
 */
public final class SweepRunner {
  /** The file holding the spec inside a sweep's directory. */
  public static final String SPEC = "spec.json";

  /** Told after each run: runs finished in this call, and how many this call has to do. */
  @FunctionalInterface
  public interface Progress {
    void ran(int done, int todo);
  }

  /** What a call did: runs in the spec, runs found already done, runs done now. */
  public record Outcome(int runs, int skipped, int ran) {}

  private SweepRunner() {}

  /**
   * Runs what is missing of {@code spec} into {@code dir} on {@code threads} threads. Stops at the
   * first run that fails, with that run's parameters and seed in the message; rows already written
   * stay, so a rerun resumes.
   */
  public static Outcome run(SweepSpec spec, Path dir, int threads, Progress progress) throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    Files.createDirectories(dir);
    claim(spec, dir);
    Path results = dir.resolve(ResultsFile.NAME);
    Set<String> done = new HashSet<>();
    for (JsonNode row : ResultsFile.read(results, true)) {
      done.add(RunRow.key(row.get("params"), row.get("seed").asLong()));
    }
    List<SweepSpec.Run> todo = new ArrayList<>();
    for (SweepSpec.Run r : spec.runs()) {
      if (!done.contains(RunRow.key(spec, r))) {
        todo.add(r);
      }
    }
    int runs = spec.runs().size();
    if (todo.isEmpty()) {
      return new Outcome(runs, runs, 0);
    }
    try (FileChannel out = FileChannel.open(results, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon()
            .name("sweep-", 0).factory())) {
      Appender appender = new Appender(out, todo.size(), progress);
      List<Future<?>> futures = new ArrayList<>();
      for (SweepSpec.Run r : todo) {
        futures.add(pool.submit(() -> appender.append(spec, r)));
      }
      await(futures, todo);
    }
    return new Outcome(runs, runs - todo.size(), todo.size());
  }

  /**
   * Writes the rows another engine ran (each a {@link RunRow#line()}) into {@code dir} as this
   * runner would have: {@code spec.json}, and {@code results.jsonl} sorted, so that the summary,
   * the page and {@code sweep report} read them alike. {@code dir} must hold no results yet.
   */
  public static void record(SweepSpec spec, Path dir, List<String> lines) throws IOException {
    Files.createDirectories(dir);
    Path results = dir.resolve(ResultsFile.NAME);
    if (Files.exists(results)) {
      throw new IllegalArgumentException("--out " + dir + ": holds " + ResultsFile.NAME + " already; give a new"
          + " directory");
    }
    claim(spec, dir);
    StringBuilder b = new StringBuilder();
    lines.stream().sorted().forEach(l -> b.append(l).append('\n'));
    Files.writeString(results, b.toString(), StandardCharsets.UTF_8);
  }

  /** Writes the spec beside the results, or checks that the one there is this one. */
  private static void claim(SweepSpec spec, Path dir) throws IOException {
    Path file = dir.resolve(SPEC);
    String json = Json.mapper().writeValueAsString(spec.asJson()) + "\n";
    if (Files.exists(file)) {
      SweepSpec there = SweepSpec.parse(file.toString(), Json.mapper().readTree(Files.readString(file)));
      if (!there.equals(spec)) {
        throw new IllegalArgumentException("--out " + dir + " holds another sweep (" + file
            + " differs from this spec); give another directory");
      }
      return;
    }
    Files.writeString(file, json, StandardCharsets.UTF_8);
  }

  private static void await(List<Future<?>> futures, List<SweepSpec.Run> todo) throws IOException {
    for (int i = 0; i < futures.size(); i++) {
      try {
        futures.get(i).get();
      } catch (InterruptedException e) {
        futures.forEach(f -> f.cancel(true));
        Thread.currentThread().interrupt();
        throw new IOException("interrupted; the rows written so far are kept", e);
      } catch (ExecutionException e) {
        futures.forEach(f -> f.cancel(true));
        Throwable cause = e.getCause();
        if (cause instanceof UncheckedIOException io) {
          throw io.getCause();
        }
        if (cause instanceof SweepSpecException bad) {
          throw bad;
        }
        SweepSpec.Run r = todo.get(i);
        String what = "run " + r.point() + " seed=" + r.seed() + ": " + cause.getMessage();
        throw cause instanceof IllegalArgumentException ? new IllegalArgumentException(what, cause)
            : new IllegalStateException(what, cause);
      }
    }
  }

  /** Appends rows, one whole line per write, and counts them for the progress. */
  private static final class Appender {
    private final FileChannel out;
    private final int todo;
    private final Progress progress;
    private int done;

    Appender(FileChannel out, int todo, Progress progress) {
      this.out = out;
      this.todo = todo;
      this.progress = progress;
    }

    void append(SweepSpec spec, SweepSpec.Run r) {
      RunRow row = RunRow.run(spec, r);
      byte[] line = (row.line() + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (this) {
        if (done == 0) {
          spec.checkKeep(row.results());
        }
        try {
          var buf = java.nio.ByteBuffer.wrap(line);
          while (buf.hasRemaining()) {
            out.write(buf);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        done++;
        progress.ran(done, todo);
      }
    }
  }

  /** The rows of {@code dir}, for tests and the summary: every complete line of its results. */
  static List<JsonNode> rows(Path dir) throws IOException {
    return ResultsFile.read(dir.resolve(ResultsFile.NAME), false);
  }

  /** The spec a sweep directory holds. */
  public static SweepSpec spec(Path dir) throws IOException {
    Path file = dir.resolve(SPEC);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(dir + ": no " + SPEC + " here; not a sweep's directory");
    }
    return SweepSpec.parse(file.toString(), Json.mapper().readTree(Files.readString(file)));
  }
}
