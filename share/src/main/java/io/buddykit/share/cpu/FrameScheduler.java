package io.buddykit.share.cpu;

import io.buddykit.scenario.Scenario;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Schedules a {@link FrameWorkload} frame by frame. Each frame: the periodic jobs whose period starts
 * now and the one-off requests arriving now join the pending jobs; the pending jobs are offered to
 * the {@link Placer} in the {@link Policy}'s order, each placed as one slice or deferred to the next
 * frame (a request that does not fit does not block the ones behind it); a periodic job still
 * pending at the end of its deadline frame is a miss and is dropped; then every slot is given back
 * ({@link Placer#endFrame()}: for buddy slices, the frame coalesces whole again).
 *
 * <p>Deterministic: the same workload, placer and policy give the same frames.
 */
public final class FrameScheduler {
  private final FrameWorkload workload;
  private final Placer placer;
  private final Policy policy;
  private final Ledger ledger;
  private final List<Job> pending = new ArrayList<>();
  private long frame;
  private long seq;
  private int nextOneOff;

  /**
   * A scheduler at frame 0. Throws {@link IllegalArgumentException} when a task or request needs
   * more than one frame.
   */
  public FrameScheduler(FrameWorkload workload, Placer placer, Policy policy) {
    this.workload = workload;
    this.placer = placer;
    this.policy = policy;
    TimeFrame f = placer.frame();
    for (PeriodicTask t : workload.periodic()) {
      if (t.budgetUnits() > f.units()) {
        throw new IllegalArgumentException(
            "task " + t.name() + " needs " + t.budgetUnits() + " units, more than the frame of "
                + f.units());
      }
    }
    for (OneOffRequest r : workload.oneOffs()) {
      if (r.budgetUnits() > f.units()) {
        throw new IllegalArgumentException(
            "request " + r.name() + " needs " + r.budgetUnits() + " units, more than the frame of "
                + f.units());
      }
    }
    this.ledger = new Ledger(f, workload.clients());
  }

  /** Runs one frame and tells what happened in it. */
  public FrameLog step() {
    long f = frame;
    release(f);
    pending.sort(policy.order(f));
    List<Slot> slots = new ArrayList<>();
    List<Integer> deferred = new ArrayList<>();
    for (Iterator<Job> it = pending.iterator(); it.hasNext(); ) {
      Job j = it.next();
      long start = placer.place(j.budget);
      if (start >= 0) {
        long granted = placer.granted(j.budget);
        slots.add(new Slot(j.client, start, j.budget, granted));
        ledger.served(j, granted);
        it.remove();
      } else {
        j.deferrals++;
        ledger.deferred(j);
        deferred.add(j.client);
      }
    }
    List<Integer> missed = new ArrayList<>();
    for (Iterator<Job> it = pending.iterator(); it.hasNext(); ) {
      Job j = it.next();
      if (j.deadline == f) {
        ledger.missed(j);
        missed.add(j.client);
        it.remove();
      }
    }
    placer.endFrame();
    frame++;
    return new FrameLog(f, slots, deferred, missed);
  }

  private void release(long f) {
    List<PeriodicTask> tasks = workload.periodic();
    for (int i = 0; i < tasks.size(); i++) {
      PeriodicTask t = tasks.get(i);
      if (f % t.periodFrames() == 0) {
        add(new Job(i, seq++, f, f + t.periodFrames() - 1, t.budgetUnits()));
      }
    }
    List<OneOffRequest> oneOffs = workload.oneOffs();
    while (nextOneOff < oneOffs.size() && oneOffs.get(nextOneOff).arrivalFrame() <= f) {
      OneOffRequest r = oneOffs.get(nextOneOff);
      add(new Job(tasks.size() + nextOneOff, seq++, r.arrivalFrame(), Job.NONE, r.budgetUnits()));
      nextOneOff++;
    }
  }

  private void add(Job j) {
    pending.add(j);
    ledger.released(j);
  }

  /** Runs {@code frames} more frames and returns the metrics of the whole run so far. */
  public CpuMetrics run(long frames) {
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be at least 0, got " + frames);
    }
    for (long i = 0; i < frames; i++) {
      Scenario.checkInterrupted();
      step();
    }
    return metrics();
  }

  /** The metrics of the frames run so far. */
  public CpuMetrics metrics() {
    return ledger.metrics(frame, pending);
  }

  /** Frames run so far (the index of the next frame). */
  public long frame() {
    return frame;
  }

  /** Jobs waiting for a later frame. */
  public int pendingJobs() {
    return pending.size();
  }

  /** Deadline misses so far. */
  public long deadlineMisses() {
    return ledger.misses();
  }

  /** The placer (to look at the frame between steps). */
  public Placer placer() {
    return placer;
  }
}
