package io.buddykit.cli.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs a server holds, by id. At most {@value #MAX_RUNS} are kept: a new run closes the oldest,
 * since each holds a whole simulated machine and one person watches one or two at a time.
 */
final class Runs {
  static final int MAX_RUNS = 4;

  private final Map<Long, LiveRun> runs = new LinkedHashMap<>();
  private long nextId = 1;
  private boolean closed;

  /** Registers and starts a run for {@code spec}. */
  synchronized LiveRun start(RunSpec spec, boolean play, double speed) {
    if (closed) {
      throw new ApiException(503, "the server is stopping");
    }
    LiveRun run = new LiveRun(nextId++, spec, play, speed);
    runs.put(run.id(), run);
    while (runs.size() > MAX_RUNS) {
      Long oldest = runs.keySet().iterator().next();
      runs.remove(oldest).close();
    }
    run.start();
    return run;
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
      throw ApiException.notFound("no run '" + id + "'");
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
