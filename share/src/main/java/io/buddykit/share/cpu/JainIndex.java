package io.buddykit.share.cpu;

/**
 * Jain's fairness index J = (Σ x_i)^2 / (n Σ x_i^2) of n shares x_i ≥ 0. J is 1 when all shares are
 * equal and 1/n when one client gets everything and the rest nothing; in general J is the fraction
 * of clients treated fairly. Here x_i = time received_i / time requested_i.
 */
public final class JainIndex {
  private JainIndex() {}

  /**
   * J of the shares {@code x}. All shares zero count as all equal (J = 1). Throws {@link
   * IllegalArgumentException} for no shares or a negative or non-finite one.
   */
  public static double of(double... x) {
    if (x.length == 0) {
      throw new IllegalArgumentException("Jain's index needs at least one share");
    }
    double sum = 0;
    double sumSq = 0;
    for (double v : x) {
      if (!(v >= 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("a share must be finite and at least 0, got " + v);
      }
      sum += v;
      sumSq += v * v;
    }
    return sumSq == 0 ? 1.0 : sum * sum / (x.length * sumSq);
  }

  /**
   * J of x_i = received_i / requested_i over the clients that requested something; 1 when none
   * did.
   */
  public static double ofReceived(long[] received, long[] requested) {
    if (received.length != requested.length) {
      throw new IllegalArgumentException(
          received.length + " received values for " + requested.length + " requested");
    }
    int n = 0;
    for (long r : requested) {
      if (r > 0) {
        n++;
      }
    }
    if (n == 0) {
      return 1.0;
    }
    double[] x = new double[n];
    int i = 0;
    for (int c = 0; c < requested.length; c++) {
      if (requested[c] > 0) {
        x[i++] = (double) received[c] / requested[c];
      }
    }
    return of(x);
  }
}
