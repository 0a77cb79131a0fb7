package io.buddykit.scenario;

import java.util.ArrayList;
import java.util.List;

/** A time series (or any x-y series): an x column and one or more y columns, point by point. */
public record Series(String x, List<String> y, List<double[]> points) {

  public Series {
    y = List.copyOf(y);
    points = List.copyOf(points);
  }

  /** Builds a series point by point. */
  public static Builder builder(String x, String... y) {
    return new Builder(x, List.of(y));
  }

  /** Collects points: an x value and one value per y column. */
  public static final class Builder {
    private final String x;
    private final List<String> y;
    private final List<double[]> points = new ArrayList<>();

    private Builder(String x, List<String> y) {
      this.x = x;
      this.y = y;
    }

    public Builder point(double x, double... ys) {
      if (ys.length != y.size()) {
        throw new IllegalArgumentException(ys.length + " values for " + y.size() + " series");
      }
      double[] p = new double[ys.length + 1];
      p[0] = x;
      System.arraycopy(ys, 0, p, 1, ys.length);
      points.add(p);
      return this;
    }

    public Series build() {
      return new Series(x, y, points);
    }
  }
}
