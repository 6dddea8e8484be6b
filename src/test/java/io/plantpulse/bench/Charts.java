package io.plantpulse.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Line charts as PNG for docs/performance.md, drawn with JFreeChart. */
final class Charts {

  private static final Color[] COLOURS = {
    new Color(0x0969da), new Color(0xcf222e), new Color(0x1a7f37), new Color(0x9a6700)
  };

  private Charts() {}

  /** {@code series}: name to points of (x, y). */
  static void line(
      Path file,
      String title,
      String x,
      String y,
      Map<String, List<double[]>> series,
      boolean shapes)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    series.forEach(
        (name, points) -> {
          XYSeries s = new XYSeries(name);
          points.forEach(p -> s.add(p[0], p[1]));
          data.addSeries(s);
        });
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xd9dde3));
    plot.setRangeGridlinePaint(new Color(0xd9dde3));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    Files.createDirectories(file.getParent());
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 420);
  }
}
