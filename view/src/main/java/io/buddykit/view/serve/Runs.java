package io.buddykit.view.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs a server holds, by id. At most {@value #MAX_RUNS} are kept: a new run closes the oldest,
 * since each holds a whole simulated machine and one person watches one or two at a time.
 *
 * <p>A closed run's thread is interrupted, and the models' long loops look at that ({@link
 * io.buddykit.scenario.Scenario#checkInterrupted}), so a deleted run stops within a step and is
 * not counted once the grace period is over. A model that ignored the interrupt would keep its
 * thread, so threads are capped too: at most {@value #MAX_THREADS} runs, kept or closed, may have
 * a live thread, and a new run past that is refused with 409 rather than left to pile up threads
 * that nobody can see or stop.
 */
final class Runs {
  static final int MAX_RUNS = 4;
  /** Live run threads: the kept runs plus two closed ones still finishing a step. */
  static final int MAX_THREADS = MAX_RUNS + 2;
  /** How long a new run waits for closed runs' threads to end before counting them. */
  static final long GRACE_MILLIS = 200;

  private final Map<Long, LiveRun> runs = new LinkedHashMap<>();
  /** Every started run whose thread may still be alive (kept or closed). */
  private final List<LiveRun> started = new ArrayList<>();
  private long nextId = 1;
  private boolean closed;

  /**
   * Registers and starts a run for {@code spec}; 409 when {@value #MAX_THREADS} run threads are
   * still alive. The checks come before the id is taken, so a refused run uses up no id.
   */
  synchronized LiveRun start(RunSpec spec, boolean play, double speed) {
    if (closed) {
      throw new ApiException(503, "the server is stopping");
    }
    LiveRun.checkSpeed(speed);
    if (liveThreads() >= MAX_THREADS) {
      awaitClosedThreads();
      if (liveThreads() >= MAX_THREADS) {
        throw new ApiException(409, MAX_THREADS + " runs are still working (closed scenarios finish their"
            + " step first); try again when one has ended, or delete a run");
      }
    }
    LiveRun run = new LiveRun(nextId, spec, play, speed);
    nextId++;
    runs.put(run.id(), run);
    while (runs.size() > MAX_RUNS) {
      Long oldest = runs.keySet().iterator().next();
      runs.remove(oldest).close();
    }
    run.start();
    started.add(run);
    return run;
  }

  private int liveThreads() {
    started.removeIf(r -> !r.alive());
    return started.size();
  }

  /** Gives closed runs' threads a moment to end: a closed workload or trace run stops within a step. */
  private void awaitClosedThreads() {
    long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
    for (LiveRun r : List.copyOf(started)) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      if (r.closed()) {
        try {
          r.awaitEnd(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** The run called {@code id}; 404 when there is none (or it was closed). */
  synchronized LiveRun get(String id) {
    LiveRun r = null;
    try {
      r = runs.get(Long.parseLong(id));
    } catch (NumberFormatException e) {
      // not a number: no such run either
    }
    if (r == null) {
      throw ApiException.notFound("no run '" + Http.clip(id) + "'");
    }
    return r;
  }

  synchronized List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    runs.values().forEach(r -> out.add(r.brief()));
    return out;
  }

  synchronized void remove(String id) {
    get(id).close();
    runs.remove(Long.parseLong(id));
  }

  /** Closes every run; event streams end. */
  synchronized void closeAll() {
    closed = true;
    runs.values().forEach(LiveRun::close);
    runs.clear();
  }
}
