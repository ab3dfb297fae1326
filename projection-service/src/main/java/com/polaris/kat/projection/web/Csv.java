package com.polaris.kat.projection.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV for spreadsheets, written with Apache Commons CSV: RFC 4180 (CRLF line ends, quotes doubled)
 * with every text cell quoted, so a cell holding a comma, a semicolon, a quote or a line break
 * stays one cell in a comma- or a semicolon-locale spreadsheet (issue 14: {@code Müller;=1+1} was
 * written bare and split into a formula cell). Numbers (amounts, positions, hours) are bare. A
 * text cell a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed
 * with an apostrophe (OWASP's CSV injection guidance). Amounts are given as {@link #amount(long)}:
 * plain decimals such as {@code -0.50}, never guarded.
 */
public final class Csv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.NON_NUMERIC).setRecordSeparator("\r\n").get();

    private final StringBuilder out = new StringBuilder();
    private final CSVPrinter printer;

    /** An empty CSV document (no header: the first {@link #row} is the header). */
    public Csv() {
        try {
            printer = new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one record: numbers bare, {@link Amount}s as plain decimals, everything else as guarded, quoted text; null as an empty cell. */
    public Csv row(List<?> cells) {
        List<Object> values = new ArrayList<>(cells.size());
        for (Object c : cells) {
            values.add(c instanceof Amount a ? a.decimal() : c instanceof Number || c == null ? c : formulaSafe(c.toString()));
        }
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
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

    /** An amount in cents, written as a plain decimal ("2013.80"). */
    public record Amount(long cents) {
        BigDecimal decimal() {
            return BigDecimal.valueOf(cents, 2);
        }

        @Override
        public String toString() {
            return decimal().toPlainString();
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
