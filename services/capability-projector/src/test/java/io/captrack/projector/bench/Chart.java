package io.captrack.projector.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A line chart of events per second over time, as SVG (no library, opens in any browser). */
final class Chart {

  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

  private Chart() {}

  static String svg(String title, Map<String, List<Progress.Sample>> series) {
    int width = 900;
    int height = 420;
    int left = 70;
    int bottom = 50;
    double maxT = 1;
    double maxRate = 1;
    for (List<Progress.Sample> s : series.values()) {
      for (double[] r : Progress.rates(s, 5)) {
        maxT = Math.max(maxT, r[0]);
        maxRate = Math.max(maxRate, r[1]);
      }
    }
    double plotW = width - left - 20;
    double plotH = height - bottom - 40;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                + "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n",
            width,
            height,
            left,
            title));
    for (int i = 0; i <= 5; i++) {
      double y = 40 + plotH - plotH * i / 5;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,.0f</text>%n",
              left,
              y,
              width - 20,
              y,
              left - 6,
              y + 4,
              maxRate * i / 5));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds since start (events/s over 5 s windows)</text>%n",
            left + (int) plotW / 2,
            height - 12));
    int k = 0;
    for (Map.Entry<String, List<Progress.Sample>> s : series.entrySet()) {
      StringBuilder points = new StringBuilder();
      for (double[] r : Progress.rates(s.getValue(), 5)) {
        points.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                left + plotW * r[0] / maxT,
                40 + plotH - plotH * r[1] / maxRate));
      }
      String colour = COLOURS[k % COLOURS.length];
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n"
                  + "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
              colour,
              points.toString().trim(),
              width - 260,
              60 + 16 * k,
              colour,
              s.getKey()));
      k++;
    }
    svg.append(
        String.format(
            Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.0f s</text>%n", width - 60, height - 30, maxT));
    return svg.append("</svg>\n").toString();
  }
}
