package dev.gazette.stats;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn on the server: no script, no external file, scaled to the page's
 * width by the view box. Labels are escaped; values are numbers only.
 */
final class Charts {

    /** One line of a line chart, drawn in a colour of the palette. */
    record Series(String name, List<Double> values) {
    }

    static final String[] PALETTE = {"#0969da", "#1a7f37", "#cf222e", "#8250df", "#bf8700"};
    private static final int WIDTH = 480; // narrow enough that labels stay readable on a phone
    private static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;

    private Charts() {
    }

    /** Vertical bars, one per label; negative values go below the axis. */
    static String bars(String title, List<String> labels, List<Double> values) {
        double max = Math.max(values.stream().mapToDouble(Double::doubleValue).max().orElse(0), 0);
        double min = Math.min(values.stream().mapToDouble(Double::doubleValue).min().orElse(0), 0);
        Scale y = new Scale(min, max == min ? min + 1 : max);
        StringBuilder svg = open(title, y);
        double slot = plotWidth() / Math.max(values.size(), 1);
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            double top = y.at(Math.max(v, 0));
            double height = Math.abs(y.at(v) - y.at(0));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
                    LEFT + i * slot + slot * 0.15, top, slot * 0.7, Math.max(height, v == 0 ? 0 : 1),
                    v < 0 ? PALETTE[2] : PALETTE[0], escape(labels.get(i)), number(v)));
        }
        return close(svg, labels, true);
    }

    /** Lines over the same labels, with a legend. */
    static String lines(String title, List<String> labels, List<Series> series) {
        double max = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        double min = Math.min(series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue)
                .min().orElse(0), 0);
        Scale y = new Scale(min, max <= min ? min + 1 : max);
        StringBuilder svg = open(title, y);
        double step = labels.size() > 1 ? plotWidth() / (labels.size() - 1) : 0;
        for (int s = 0; s < series.size(); s++) {
            String colour = PALETTE[s % PALETTE.length];
            StringBuilder points = new StringBuilder();
            List<Double> values = series.get(s).values();
            for (int i = 0; i < values.size(); i++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + i * step + (step == 0 ? plotWidth() / 2 : 0),
                        y.at(values.get(i))));
            }
            svg.append("<polyline class=\"line\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
                    .append("\" points=\"").append(points.toString().trim()).append("\"><title>")
                    .append(escape(series.get(s).name())).append("</title></polyline>");
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"15\">%s</text>",
                    LEFT + s * 140, colour, LEFT + s * 140 + 14, escape(series.get(s).name())));
        }
        return close(svg, labels, false);
    }

    private static StringBuilder open(String title, Scale y) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(escape(title))
                .append("\" font-size=\"14\" fill=\"currentColor\"><title>").append(escape(title)).append("</title>");
        for (double v : new double[]{y.min, (y.min + y.max) / 2, y.max}) {
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"currentColor\" stroke-opacity=\"0.15\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT, WIDTH - RIGHT, y.at(v), y.at(v), LEFT - 6, y.at(v) + 4, number(v)));
        }
        return svg;
    }

    /** The x labels: the first, the last and a few between, so that they never overlap. */
    private static String close(StringBuilder svg, List<String> labels, boolean slots) {
        int n = labels.size();
        int every = Math.max(1, (int) Math.ceil(n / 6.0));
        double slot = plotWidth() / Math.max(n, 1);
        double step = n > 1 ? plotWidth() / (n - 1) : 0;
        for (int i = 0; i < n; i++) {
            if (i % every == 0 || i == n - 1) {
                double x = slots ? LEFT + i * slot + slot / 2 : LEFT + i * step + (step == 0 ? plotWidth() / 2 : 0);
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x, HEIGHT - BOTTOM + 18, escape(labels.get(i))));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    static String number(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) < 1 ? "%.3f" : "%.1f", v);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Maps values to the plot's height, the largest at the top. */
    private record Scale(double min, double max) {
        double at(double v) {
            return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - min) / (max - min));
        }
    }
}
