package io.buddykit.share.cpu;

import java.util.List;

/**
 * Decides whether a periodic task set is schedulable: whether the {@link FrameScheduler}, with a
 * given placer and policy, places every job before its deadline, for ever. All tasks release their
 * first job in frame 0.
 *
 * <p><b>Why one hyperperiod suffices.</b> Let H be the least common multiple of the periods. Every
 * job released before frame H has its deadline at or before frame H - 1, since each period divides
 * H. If no job misses in frames 0 .. H - 1, every one of those jobs was placed, so at the start of
 * frame H nothing is pending, the frame is empty (each frame gives all its slots back) and every
 * task releases a job exactly as in frame 0. The scheduler is deterministic and looks at nothing
 * else (the policies compare budgets, release frames relative to the current frame and release
 * order), so frames H .. 2H - 1 repeat frames 0 .. H - 1, and so on: no job ever misses. If a job
 * misses within the first hyperperiod the set is not schedulable. The check is therefore exact.
 */
public final class Schedulability {
  /** Largest hyperperiod simulated. */
  public static final long MAX_HYPERPERIOD = 1_000_000;

  private Schedulability() {}

  /**
   * The answer for one task set.
   *
   * @param schedulable every job is placed before its deadline
   * @param hyperperiod frames in one hyperperiod (lcm of the periods)
   * @param firstMissFrame the frame of the first miss, or -1
   */
  public record Verdict(boolean schedulable, long hyperperiod, long firstMissFrame) {}

  /** Simulates one hyperperiod of {@code tasks} on a fresh placer of {@code kind}. */
  public static Verdict check(List<PeriodicTask> tasks, TimeFrame frame, PlacerKind kind, Policy policy) {
    long h = hyperperiod(tasks);
    FrameScheduler s = new FrameScheduler(FrameWorkload.of(tasks), kind.create(frame), policy);
    for (long f = 0; f < h; f++) {
      if (!s.step().missed().isEmpty()) {
        return new Verdict(false, h, f);
      }
    }
    if (s.pendingJobs() != 0) {
      throw new IllegalStateException(
          s.pendingJobs() + " jobs pending after a hyperperiod without misses");
    }
    return new Verdict(true, h, -1);
  }

  /** True when {@link #check} finds no miss. */
  public static boolean isSchedulable(
      List<PeriodicTask> tasks, TimeFrame frame, PlacerKind kind, Policy policy) {
    return check(tasks, frame, kind, policy).schedulable();
  }

  /** The least common multiple of the periods (1 for no tasks); at most {@link #MAX_HYPERPERIOD}. */
  public static long hyperperiod(List<PeriodicTask> tasks) {
    long h = 1;
    for (PeriodicTask t : tasks) {
      long p = t.periodFrames();
      h = h / gcd(h, p) * p;
      if (h > MAX_HYPERPERIOD) {
        throw new IllegalArgumentException(
            "the hyperperiod of the task set exceeds " + MAX_HYPERPERIOD + " frames");
      }
    }
    return h;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
