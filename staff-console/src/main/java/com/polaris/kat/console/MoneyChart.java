package com.polaris.kat.console;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The money per month as an inline SVG bar chart, drawn on the server (no script library): payments,
 * refunds decided, credit issued and credit applied, side by side per month, each bar titled with its
 * amount for screen readers and tooltips.
 */
public final class MoneyChart {

    /** One month's totals in cents. */
    public record Month(YearMonth month, long payments, long refunds, long creditIssued, long creditApplied) {
    }

    private static final String[] COLORS = {"#2b6cb0", "#c05621", "#2f855a", "#6b46c1"};
    private static final String[] NAMES = {"Payments", "Refunds decided", "Credit issued", "Credit applied"};

    private MoneyChart() {
    }

    /** The chart's SVG markup (text escaped; amounts only). */
    public static String svg(List<Month> months) {
        long max = 1;
        for (Month m : months) {
            max = Math.max(max, Math.max(Math.max(m.payments(), m.refunds()), Math.max(m.creditIssued(), m.creditApplied())));
        }
        int width = 60 * months.size() + 60;
        int height = 220;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-title\" width=\"").append(width)
                .append("\" height=\"").append(height + 70).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height + 70).append("\">")
                .append("<title id=\"chart-title\">Money per month (USD): payments, refunds decided, credit issued, credit applied</title>");
        s.append("<line x1=\"50\" y1=\"").append(height).append("\" x2=\"").append(width).append("\" y2=\"").append(height)
                .append("\" stroke=\"#555\"/>");
        s.append("<text x=\"5\" y=\"15\" font-size=\"11\">$").append(String.format(Locale.US, "%,.0f", max / 100.0)).append("</text>");
        DateTimeFormatter label = DateTimeFormatter.ofPattern("MMM yy", Locale.US);
        for (int i = 0; i < months.size(); i++) {
            Month m = months.get(i);
            long[] values = {m.payments(), m.refunds(), m.creditIssued(), m.creditApplied()};
            int x0 = 55 + i * 60;
            for (int k = 0; k < 4; k++) {
                int h = (int) Math.round((height - 20) * (values[k] / (double) max));
                s.append("<rect x=\"").append(x0 + k * 12).append("\" y=\"").append(height - h).append("\" width=\"11\" height=\"").append(h)
                        .append("\" fill=\"").append(COLORS[k]).append("\"><title>").append(NAMES[k]).append(' ').append(label.format(m.month()))
                        .append(": $").append(String.format(Locale.US, "%,.2f", values[k] / 100.0)).append("</title></rect>");
            }
            s.append("<text x=\"").append(x0).append("\" y=\"").append(height + 15).append("\" font-size=\"11\">").append(label.format(m.month()))
                    .append("</text>");
        }
        for (int k = 0; k < 4; k++) {
            s.append("<rect x=\"").append(55 + k * 150).append("\" y=\"").append(height + 35).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLORS[k]).append("\"/><text x=\"").append(72 + k * 150).append("\" y=\"").append(height + 46)
                    .append("\" font-size=\"12\">").append(NAMES[k]).append("</text>");
        }
        return s.append("</svg>").toString();
    }
}
