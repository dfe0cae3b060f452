package dev.faasguard.agent.report;

import dev.faasguard.agent.rule.Sizes;
import java.util.List;

/**
 * An inline SVG bar chart of /tmp in use after each invocation, against the capacity of /tmp (a dashed line),
 * with both axes labelled. One {@code rect.bar} per invocation, coloured by its outcome.
 */
final class TmpChart {

    /** One invocation: its number in the report, the bytes to draw, and whether they were measured at its end. */
    record Bar(int number, String id, boolean coldStart, String outcome, long bytes, boolean measuredAtEnd) {}

    private static final int WIDTH = 960;
    private static final int HEIGHT = 320;
    private static final int LEFT = 84;
    private static final int RIGHT = 16;
    private static final int TOP = 24;
    private static final int BOTTOM = 52;
    private static final int Y_TICKS = 4;
    private static final int MAX_X_LABELS = 12;
    private static final int MAX_BAR_WIDTH = 48;

    private TmpChart() {}

    /** @param capacityBytes the capacity of /tmp, or 0 or less when unknown (then no line is drawn) */
    static String svg(List<Bar> bars, long capacityBytes) {
        // The y axis runs to the capacity (or the fullest invocation, if higher) in quarters, with room above it.
        long scale = Math.max(capacityBytes, 1);
        for (Bar bar : bars) {
            scale = Math.max(scale, bar.bytes());
        }
        double axisMax = scale * 1.08;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int bottom = TOP + plotHeight;
        StringBuilder svg = new StringBuilder(512 + bars.size() * 200);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"chart-title\">/tmp in use after each invocation")
                .append(capacityBytes > 0 ? ", against its capacity of " + Sizes.human(capacityBytes) : "")
                .append("</title>");

        for (int tick = 0; tick <= Y_TICKS; tick++) {
            long value = scale * tick / Y_TICKS;
            double y = bottom - plotHeight * value / axisMax;
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth)
                    .append("\" y1=\"").append(round(y)).append("\" y2=\"").append(round(y)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(LEFT - 8).append("\" y=\"").append(round(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(Sizes.human(value))).append("</text>");
        }

        double step = bars.isEmpty() ? plotWidth : (double) plotWidth / bars.size();
        double barWidth = Math.min(MAX_BAR_WIDTH, Math.max(1, step * 0.7));
        int labelEvery = Math.max(1, (bars.size() + MAX_X_LABELS - 1) / MAX_X_LABELS);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double height = plotHeight * bar.bytes() / axisMax;
            double x = LEFT + step * i + (step - barWidth) / 2;
            svg.append("<rect class=\"bar outcome-").append(Html.escape(bar.outcome()))
                    .append(bar.measuredAtEnd() ? "" : " unmeasured").append("\" x=\"").append(round(x))
                    .append("\" y=\"").append(round(bottom - height)).append("\" width=\"").append(round(barWidth))
                    .append("\" height=\"").append(round(height)).append("\"><title>")
                    .append(Html.escape("#" + bar.number() + " " + (bar.coldStart() ? "cold" : "warm") + " "
                            + bar.outcome() + " " + bar.id() + ": " + Sizes.human(bar.bytes()) + " in /tmp "
                            + (bar.measuredAtEnd() ? "after it" : "before it (not measured at its end)")))
                    .append("</title></rect>");
            if (i % labelEvery == 0 || i == bars.size() - 1) {
                svg.append("<text class=\"tick\" x=\"").append(round(LEFT + step * i + step / 2)).append("\" y=\"")
                        .append(bottom + 16).append("\" text-anchor=\"middle\">").append(bar.number()).append("</text>");
            }
        }

        if (capacityBytes > 0) {
            double y = bottom - plotHeight * capacityBytes / axisMax;
            svg.append("<line class=\"capacity\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth)
                    .append("\" y1=\"").append(round(y)).append("\" y2=\"").append(round(y)).append("\"/>")
                    .append("<text class=\"capacity-label\" x=\"").append(LEFT + plotWidth - 4).append("\" y=\"")
                    .append(round(y - 6)).append("\" text-anchor=\"end\">capacity ")
                    .append(Html.escape(Sizes.human(capacityBytes))).append("</text>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth)
                .append("\" y1=\"").append(bottom).append("\" y2=\"").append(bottom).append("\"/>")
                .append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT)
                .append("\" y1=\"").append(TOP).append("\" y2=\"").append(bottom).append("\"/>")
                .append("<text class=\"axis-label\" x=\"").append(LEFT + plotWidth / 2).append("\" y=\"")
                .append(HEIGHT - 10).append("\" text-anchor=\"middle\">invocation</text>")
                .append("<text class=\"axis-label\" transform=\"translate(16 ").append(TOP + plotHeight / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">/tmp in use</text>")
                .append("</svg>");
        return svg.toString();
    }

    /** A coordinate to a tenth of a pixel; the chart's coordinates stay far below where doubles print as 1.0E7. */
    private static String round(double value) {
        return String.valueOf(Math.round(value * 10) / 10.0);
    }
}
