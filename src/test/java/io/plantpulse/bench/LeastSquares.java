package io.plantpulse.bench;

import java.util.List;

/** The trend of a series of samples, as the reports state growth (heap, lag) per unit of time. */
final class LeastSquares {

  private LeastSquares() {}

  /** The least-squares slope of {@code [x, y]} points; 0 for fewer than two distinct x. */
  static double slope(List<double[]> points) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (double[] p : points) {
      n++;
      sx += p[0];
      sy += p[1];
      sxx += p[0] * p[0];
      sxy += p[0] * p[1];
    }
    double d = n * sxx - sx * sx;
    return n < 2 || d == 0 ? 0 : (n * sxy - sx * sy) / d;
  }
}
