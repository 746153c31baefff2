package vn.mailgw.gateway.http;

import java.util.List;

/** A stacked bar chart as inline SVG: no script, no CDN (the gateway's network is closed). */
final class BarChart {

    private static final String[] COLORS = {"#2e7d32", "#c62828", "#f9a825", "#1565c0", "#6a1b9a"};

    private BarChart() {}

    /**
     * @param labels  one per bar
     * @param series  names of the stacked parts
     * @param values  values[bar][part]
     */
    static String svg(String title, List<String> labels, List<String> series, long[][] values) {
        int barWidth = 56;
        int gap = 28;
        int height = 220;
        int left = 50;
        int width = left + labels.size() * (barWidth + gap) + 180;
        long max = 1;
        for (long[] bar : values) {
            long sum = 0;
            for (long v : bar) {
                sum += v;
            }
            max = Math.max(max, sum);
        }
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width).append("\" height=\"")
                .append(height + 60).append("\" aria-label=\"").append(Html.esc(title)).append("\">")
                .append("<title>").append(Html.esc(title)).append("</title>")
                .append("<line x1=\"").append(left).append("\" y1=\"10\" x2=\"").append(left).append("\" y2=\"")
                .append(height + 10).append("\" stroke=\"#555\"/>")
                .append("<text x=\"4\" y=\"18\" font-size=\"11\">").append(max).append("</text>")
                .append("<text x=\"4\" y=\"").append(height + 10).append("\" font-size=\"11\">0</text>");
        for (int i = 0; i < labels.size(); i++) {
            int x = left + gap / 2 + i * (barWidth + gap);
            double y = height + 10;
            for (int s = 0; s < series.size(); s++) {
                long v = values[i][s];
                double h = (double) v * height / max;
                y -= h;
                b.append("<rect x=\"").append(x).append("\" y=\"").append(String.format("%.1f", y))
                        .append("\" width=\"").append(barWidth).append("\" height=\"").append(String.format("%.1f", h))
                        .append("\" fill=\"").append(COLORS[s % COLORS.length]).append("\"><title>")
                        .append(Html.esc(labels.get(i) + " — " + series.get(s) + ": " + v)).append("</title></rect>");
            }
            b.append("<text x=\"").append(x + barWidth / 2).append("\" y=\"").append(height + 28)
                    .append("\" font-size=\"11\" text-anchor=\"middle\">").append(Html.esc(labels.get(i))).append("</text>");
        }
        int legendX = left + labels.size() * (barWidth + gap) + 20;
        for (int s = 0; s < series.size(); s++) {
            b.append("<rect x=\"").append(legendX).append("\" y=\"").append(20 + s * 20)
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(COLORS[s % COLORS.length]).append("\"/>")
                    .append("<text x=\"").append(legendX + 18).append("\" y=\"").append(31 + s * 20)
                    .append("\" font-size=\"12\">").append(Html.esc(series.get(s))).append("</text>");
        }
        return b.append("</svg>").toString();
    }
}
