package io.buddykit.view.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run driven on its own thread: it waits for play or step, runs steps at the chosen speed, and
 * after a step publishes the state as a JSON string that GET /state and the event stream hand out
 * unchanged. Only the run's thread touches the simulator (it is single-threaded); HTTP threads
 * change the controls and read published strings, under {@link #lock}.
 *
 * <p>While playing fast, a state is published at most every {@value #PUBLISH_MILLIS} ms (the map
 * walk costs more than a small step); when paused, after a single step, and at the end, every
 * state is published, so what the API returns then is exactly what the run holds.
 */
final class LiveRun {
  /** Where a run is; the JSON carries the lower-case name. */
  enum Status { AWAITING_UPLOAD, STARTING, PAUSED, RUNNING, DONE, FAILED }

  static final long PUBLISH_MILLIS = 100;
  /** Most steps a second; 0 asks for no delay at all. */
  static final double MAX_SPEED = 1000;

  private final long id;
  private final RunSpec spec;
  private final Object lock = new Object();
  private final History history = new History();
  // Guarded by lock.
  private Status status;
  private String error;
  private boolean playing;
  private int pendingSteps;
  private double speed;
  private boolean closed;
  private byte[] upload;
  private long step;
  private long total = -1;
  private Map<String, Object> frame = Map.of();
  private String state;
  private long version;
  /** Event streams open on this run ({@link EventStream}); a dropped one leaves within a keep-alive. */
  private final AtomicInteger streams = new AtomicInteger();
  /** The run's thread, interrupted on close so that waits (and steppers that check) end at once. */
  private Thread thread;

  LiveRun(long id, RunSpec spec, boolean play, double speed) {
    this.id = id;
    this.spec = spec;
    this.playing = play;
    this.speed = checkSpeed(speed);
    this.status = spec.needsUpload() ? Status.AWAITING_UPLOAD : Status.STARTING;
    synchronized (lock) {
      publish();
    }
  }

  long id() {
    return id;
  }

  /** Counts an event stream in (+1) or out (-1), for {@link #brief()}. */
  void countStream(int delta) {
    streams.addAndGet(delta);
  }

  RunSpec spec() {
    return spec;
  }

  void start() {
    synchronized (lock) {
      thread = Thread.ofPlatform().daemon().name("buddykit-run-" + id).unstarted(this::drive);
      thread.start();
    }
  }

  /**
   * Whether the run's thread still works or waits. A closed run's thread can outlive it until its
   * model next looks at the interrupt, so {@link Runs} counts these to cap the threads.
   */
  boolean alive() {
    synchronized (lock) {
      return thread != null && thread.isAlive();
    }
  }

  /** Waits up to {@code millis} for the run's thread to end. */
  void awaitEnd(long millis) throws InterruptedException {
    Thread t;
    synchronized (lock) {
      t = thread;
    }
    if (t != null) {
      t.join(millis);
    }
  }

  // ---------------------------------------------------------------- HTTP side

  /** Hands over the trace of a trace run; 409 when it needs none or has one. */
  void upload(byte[] bytes) {
    synchronized (lock) {
      if (status != Status.AWAITING_UPLOAD || upload != null) {
        throw new ApiException(409, "run " + id + " is not waiting for a trace (it is " + statusName() + ")");
      }
      upload = bytes;
      lock.notifyAll();
    }
  }

  /**
   * play, pause or step, and optionally a new speed; 409 once the run has ended. Everything is
   * checked before anything changes, so a refused request leaves the run as it was.
   */
  void control(String action, Double newSpeed) {
    if (action != null && !List.of("play", "pause", "step").contains(action)) {
      throw ApiException.badRequest("unknown action '" + Http.clip(action) + "' (known: play, pause, step)");
    }
    if (newSpeed != null) {
      checkSpeed(newSpeed);
    }
    synchronized (lock) {
      if (action != null && (status == Status.DONE || status == Status.FAILED)) {
        throw new ApiException(409, "run " + id + " is " + statusName() + ": nothing to " + action);
      }
      if (newSpeed != null) {
        speed = newSpeed;
      }
      if (action != null) {
        switch (action) {
          // Play drops steps asked for but not yet taken: left pending, they would count as owed
          // while playing (pace() would never wait) and make a later pause take one more step.
          case "play" -> {
            playing = true;
            pendingSteps = 0;
          }
          case "pause" -> playing = false;
          default -> {
            playing = false;
            pendingSteps++;
          }
        }
        if (status == Status.PAUSED || status == Status.RUNNING) {
          status = playing ? Status.RUNNING : Status.PAUSED;
        }
      }
      publish();
      lock.notifyAll();
    }
  }

  static double checkSpeed(double s) {
    if (!(s >= 0 && s <= MAX_SPEED)) {
      throw ApiException.badRequest("speed must be 0 (no delay) to " + (int) MAX_SPEED + " steps a second, not " + s);
    }
    return s;
  }

  /** A published state and its number (1, 2, ... in publication order). */
  record Published(long version, String json) {}

  /** The latest published state. */
  Published state() {
    synchronized (lock) {
      return new Published(version, state);
    }
  }

  /**
   * Waits up to {@code millis} for a state newer than {@code seen}; returns it, or null on time-out
   * or when the run was closed.
   */
  Published awaitNewer(long seen, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    synchronized (lock) {
      while (version <= seen && !closed) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return null;
        }
        lock.wait(left);
      }
      return version <= seen ? null : new Published(version, state);
    }
  }

  boolean closed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Stops the run and wakes everyone waiting on it. The thread is interrupted too, so that a stepper
   * that checks (trace parsing, say) stops in its step; one that does not ends after it.
   */
  void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  /** One line for GET /api/runs. */
  Map<String, Object> brief() {
    synchronized (lock) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", Long.toString(id));
      m.put("kind", spec.kind());
      m.put("name", spec.name());
      m.put("status", statusName());
      m.put("step", step);
      m.put("steps", total);
      m.put("streams", streams.get());
      return m;
    }
  }

  // ---------------------------------------------------------------- the run's thread

  private void drive() {
    try {
      Stepper stepper = launch();
      if (stepper == null) {
        return;
      }
      record(stepper, 0, total == 0);
      if (total == 0 || runSteps(stepper)) {
        setStatus(Status.DONE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) { // a run that dies shows why on the page, whatever it was
      synchronized (lock) {
        if (closed) {
          return; // stopped by close (an interrupted step may fail): nobody is watching
        }
        status = Status.FAILED;
        error = t.getMessage() == null ? t.toString() : t.getMessage();
        playing = false;
        publish();
      }
    }
  }

  /** Waits for the upload a trace run needs and builds the stepper; null when closed before it came. */
  private Stepper launch() throws InterruptedException {
    byte[] trace = awaitUpload();
    if (trace == null && spec.needsUpload()) {
      return null;
    }
    setStatus(Status.STARTING);
    Stepper stepper = spec.launcher().apply(trace);
    synchronized (lock) {
      total = stepper.total();
      upload = null;
      status = playing ? Status.RUNNING : Status.PAUSED;
    }
    return stepper;
  }

  /**
   * Runs every step as play, pause and step allow, publishing as the class comment says; false when
   * the run was closed before its end.
   */
  private boolean runSteps(Stepper stepper) throws InterruptedException {
    long lastPublish = System.nanoTime();
    long recorded = 0;
    for (long s = 0; s < total; s++) {
      boolean manual;
      while (true) {
        synchronized (lock) {
          if (closed) {
            return false;
          }
          manual = !playing;
          if (playing || pendingSteps > 0) {
            pendingSteps = Math.max(0, pendingSteps - 1);
            break;
          }
          if (recorded == s) {
            lock.wait();
            continue;
          }
        }
        record(stepper, s, false); // paused between publications: show where the run stands
        recorded = s;
      }
      long started = System.nanoTime();
      stepper.step(s);
      boolean last = s + 1 == total;
      if (manual || last || System.nanoTime() - lastPublish >= PUBLISH_MILLIS * 1_000_000) {
        record(stepper, s + 1, last);
        recorded = s + 1;
        lastPublish = System.nanoTime();
      }
      if (!last && !manual) {
        pace(started);
      }
    }
    return true;
  }

  private byte[] awaitUpload() throws InterruptedException {
    if (!spec.needsUpload()) {
      return null;
    }
    synchronized (lock) {
      while (upload == null && !closed) {
        lock.wait();
      }
      return upload;
    }
  }

  /**
   * Waits out the rest of the step's time at the current speed, cut short by pause, step or close.
   * Its own condition, checked after every wake-up (any publication wakes the lock): the speed is
   * read anew each time, so a change applies to the step being waited for.
   */
  private void pace(long startedNanos) throws InterruptedException {
    synchronized (lock) {
      while (playing && !closed && pendingSteps == 0 && speed > 0) {
        long left = (startedNanos + (long) (1e9 / speed) - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        lock.wait(left);
      }
    }
  }

  /** Reads the stepper (on the run's thread) and publishes the state after {@code done} steps. */
  private void record(Stepper stepper, long done, boolean last) {
    Snapshot snap = stepper.snapshot();
    Map<String, Object> f = new LinkedHashMap<>();
    if (snap != null) {
      history.add(done, snap, last);
      snap.putInto(f);
      f.put("history", history.toJson());
    }
    f.put("summary", stepper.summary());
    synchronized (lock) {
      step = done;
      frame = f;
      publish();
    }
  }

  private void setStatus(Status s) {
    synchronized (lock) {
      status = s;
      if (s == Status.DONE) {
        playing = false;
      }
      publish();
    }
  }

  private String statusName() {
    return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Composes the state JSON from the controls and the last frame; caller holds the lock (or is the constructor). */
  private void publish() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", Long.toString(id));
    s.put("kind", spec.kind());
    s.put("name", spec.name());
    s.put("params", spec.params());
    s.put("status", statusName());
    s.put("error", error);
    s.put("step", step);
    s.put("steps", total);
    s.put("playing", playing);
    s.put("speed", speed);
    s.put("version", version + 1);
    s.putAll(frame);
    state = Http.json(s);
    version++;
    lock.notifyAll();
  }
}
