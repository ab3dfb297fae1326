package com.polaris.kat.projection.web;

import java.util.List;

/**
 * CSV as RFC 4180 says (CRLF line ends, fields with commas, quotes or line breaks quoted, quotes
 * doubled), with text cells that a spreadsheet would run as a formula (starting with = + - @, tab
 * or CR) prefixed by an apostrophe. Amounts are written by the caller as plain "0.00".
 */
public final class Csv {

    private final StringBuilder out = new StringBuilder();

    public Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Amount) {
            return value.toString();
        }
        String s = formulaSafe(value.toString());
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /**
     * The text a spreadsheet will not run as a formula: one starting with = + - @, tab or CR gets an
     * apostrophe in front (the one place of this rule; the CE roster's CSV uses it too).
     */
    public static String formulaSafe(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    /** A plain decimal amount, which must not be guarded (a refund of -0.50 is not a formula). */
    public static Amount amount(long cents) {
        return new Amount(cents);
    }

    public record Amount(long cents) {
        @Override
        public String toString() {
            return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
