package io.buddykit.share.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random periodic task sets of a given density (Σ budget / period over the frame length).
 *
 * <p>UUniFast (Bini and Buttazzo) splits the density into n task utilisations u_i, uniformly over
 * the simplex. Each task draws a period p from 1 to {@code maxPeriod} frames among those that make
 * its budget u_i · frame · p between 1 unit and one frame, and the budget is rounded to whole
 * units. Rounding moves the density; the budgets are then adjusted one unit at a time (taking from
 * the most rounded-up task, giving to the most rounded-down one) until the density is at most the
 * target and no single unit more fits under it. When every budget is already 1 unit the set may
 * stay above the target: {@link #density} tells the real value.
 */
public final class TaskSetGenerator {
  private static final double EPS = 1e-9;

  private final TimeFrame frame;
  private final int tasks;
  private final int maxPeriod;

  public TaskSetGenerator(TimeFrame frame, int tasks, int maxPeriod) {
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks must be at least 1, got " + tasks);
    }
    if (maxPeriod < 1) {
      throw new IllegalArgumentException("maxPeriod must be at least 1 frame, got " + maxPeriod);
    }
    this.frame = frame;
    this.tasks = tasks;
    this.maxPeriod = maxPeriod;
  }

  /** A task set of about {@code density} in (0, 1], drawn from {@code rnd}. */
  public List<PeriodicTask> generate(double density, Random rnd) {
    if (!(density > 0) || density > 1) {
      throw new IllegalArgumentException("density must be in (0, 1], got " + density);
    }
    int n = tasks;
    int f = frame.units();
    double[] u = uunifast(n, density, rnd);
    int[] p = new int[n];
    long[] b = new long[n];
    double[] ideal = new double[n];
    for (int i = 0; i < n; i++) {
      int lo = clamp(ceil(1 / (u[i] * f)), 1, maxPeriod);
      int hi = clamp(floor(1 / u[i]), 1, maxPeriod);
      lo = Math.min(lo, hi);
      p[i] = lo + rnd.nextInt(hi - lo + 1);
      ideal[i] = u[i] * f * p[i];
      b[i] = Math.clamp(Math.round(ideal[i]), 1, f);
    }
    double target = density * f; // units per frame
    double work = 0;
    for (int i = 0; i < n; i++) {
      work += (double) b[i] / p[i];
    }
    while (work > target + EPS) {
      int i = pick(b, ideal, p, -1, 0, f);
      if (i < 0) {
        break;
      }
      b[i]--;
      work -= 1.0 / p[i];
    }
    while (true) {
      int i = pick(b, ideal, p, +1, target - work, f);
      if (i < 0) {
        break;
      }
      b[i]++;
      work += 1.0 / p[i];
    }
    List<PeriodicTask> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new PeriodicTask("T" + (i + 1), p[i], b[i]));
    }
    return out;
  }

  /**
   * The task to adjust: to take a unit ({@code dir} -1), the one rounded up most with budget > 1;
   * to give one ({@code dir} +1), the one rounded down most whose extra 1/p fits in {@code room}.
   */
  private static int pick(long[] b, double[] ideal, int[] p, int dir, double room, int f) {
    int best = -1;
    double bestErr = 0;
    for (int i = 0; i < b.length; i++) {
      double err = ideal[i] - b[i]; // > 0: rounded down
      boolean ok = dir < 0 ? b[i] > 1 : b[i] < f && 1.0 / p[i] <= room + EPS;
      if (ok && (best < 0 || (dir < 0 ? err < bestErr : err > bestErr))) {
        best = i;
        bestErr = err;
      }
    }
    return best;
  }

  private static double[] uunifast(int n, double total, Random rnd) {
    double[] u = new double[n];
    double sum = total;
    for (int i = 0; i < n - 1; i++) {
      double next = sum * Math.pow(rnd.nextDouble(), 1.0 / (n - 1 - i));
      u[i] = sum - next;
      sum = next;
    }
    u[n - 1] = sum;
    return u;
  }

  private static int ceil(double x) {
    return x >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.ceil(x - EPS);
  }

  private static int floor(double x) {
    return x >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.floor(x + EPS);
  }

  private static int clamp(int x, int lo, int hi) {
    return Math.max(lo, Math.min(hi, x));
  }

  /** The density of a task set: Σ budget / period over the frame's length. */
  public static double density(List<PeriodicTask> tasks, TimeFrame frame) {
    double d = 0;
    for (PeriodicTask t : tasks) {
      d += t.density(frame);
    }
    return d;
  }
}
