package com.polaris.kat.projection.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14: CSV cells a spreadsheet in a comma or a semicolon locale keeps whole and never runs as a formula. */
class CsvTest {

    private static List<String> cells(String csv, char delimiter) throws Exception {
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize(1);
        return Arrays.asList(records.get(0).values());
    }

    /** How a spreadsheet with this delimiter cuts a line: at delimiters outside double quotes. */
    private static List<String> splitOutsideQuotes(String line, char delimiter) {
        List<String> pieces = new java.util.ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                pieces.add(piece.toString());
                piece.setLength(0);
                continue;
            }
            piece.append(c);
        }
        pieces.add(piece.toString());
        return pieces;
    }

    @Test
    void textIsQuotedSoASemicolonLocaleKeepsItInOneCellAndFormulasAreDefused() throws Exception {
        String csv = new Csv().row(Arrays.asList("Müller;=1+1", "=1+1", "+1", "-refund", "@SUM(A1)", "\tx", "a,\"b\"\r\nc", null,
                Csv.amount(-50), Csv.amount(201380), 42L, "plain")).toString();
        assertThat(csv).isEqualTo("\"Müller;=1+1\",\"'=1+1\",\"'+1\",\"'-refund\",\"'@SUM(A1)\",\"'\tx\",\"a,\"\"b\"\"\r\nc\",,-0.50,2013.80,42,\"plain\"\r\n");
        // a semicolon-locale spreadsheet splits only at semicolons outside quotes: no piece starts a formula
        assertThat(splitOutsideQuotes(csv, ';')).hasSize(1).noneMatch(c -> c.startsWith("=") || c.startsWith("+") || c.startsWith("@"));
        // unquoted, as before, the cell had split into "Müller" and the formula "=1+1"
        assertThat(splitOutsideQuotes("Müller;=1+1,x", ';')).containsExactly("Müller", "=1+1,x");
        // the comma reading: every cell back as written (with the guard), amounts as plain decimals
        assertThat(cells(csv, ',')).containsExactly("Müller;=1+1", "'=1+1", "'+1", "'-refund", "'@SUM(A1)", "'\tx", "a,\"b\"\r\nc", "",
                "-0.50", "2013.80", "42", "plain");
    }
}
