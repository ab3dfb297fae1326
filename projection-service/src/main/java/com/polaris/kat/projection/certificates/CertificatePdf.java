package com.polaris.kat.projection.certificates;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.polaris.kat.projection.certificates.CertificateQueries.Certificate;
import com.polaris.kat.projection.certificates.CertificateQueries.Transcript;
import com.polaris.kat.projection.certificates.CertificateQueries.TranscriptEvent;
import com.polaris.kat.projection.certificates.CertificateQueries.TranscriptModule;
import com.polaris.kat.projection.certificates.CertificateRule.Line;
import com.polaris.kat.projection.transcripts.TranscriptQueries;
import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * Certificates and transcripts as PDF (Apache PDFBox). A certificate is one US Letter landscape
 * page per completed series with every field the product rules list ("Attendance and CE":
 * participant, license number and state, program, provider, format, dates, hours per module and in
 * total, verification code) and a QR code (ZXing) of its public verification address
 * {@code <kat.public-base-url>/verify/<code>}. A transcript is US Letter portrait, as many pages
 * as it needs. The fields are also in the document information (custom keys {@code KAT-*}), so a
 * program can read them back. Text is set in Liberation Sans (shipped inside PDFBox, embedded as a
 * subset), which covers Latin, Greek and Cyrillic; a character it lacks is set in the first fallback font
 * that has it ({@code kat.pdf.fallback-fonts}: by default WenQuanYi Zen Hei, for Chinese, Japanese and
 * Korean names, then DejaVu Sans, for Arabic), loaded only for a document that needs it and embedded as a subset too; a character no
 * font has prints as "?".
 */
@Component
public class CertificatePdf {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    /**
     * Debian's and Ubuntu's WenQuanYi Zen Hei (package {@code fonts-wqy-zenhei}; GPL 2 with the font embedding exception):
     * CJK ideographs, kana and Hangul, in TrueType outlines PDFBox can subset.
     */
    static final String WQY_ZEN_HEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    /** Debian's and Ubuntu's DejaVu Sans (package {@code fonts-dejavu-core}, a free licence): Arabic with its presentation forms. */
    static final String DEJAVU_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private static final float[] INK = {0.11f, 0.16f, 0.22f};
    private static final float[] ACCENT = {0.05f, 0.33f, 0.39f};
    private static final float[] MUTED = {0.40f, 0.44f, 0.48f};

    private static final Logger log = LoggerFactory.getLogger(CertificatePdf.class);

    private final String publicBaseUrl;
    private final List<Path> fallbackFonts;

    /**
     * @param publicBaseUrl  the public address the verification links and QR codes name ({@code kat.public-base-url})
     * @param fallbackFonts  TrueType font files ({@code .ttf}, or {@code .ttc}: its first font) tried in this order for a
     *                       character Liberation Sans lacks ({@code kat.pdf.fallback-fonts}, comma-separated; by default
     *                       Debian's and Ubuntu's {@code fonts-wqy-zenhei}, which covers Chinese, Japanese and Korean, then
     *                       {@code fonts-dejavu-core}'s DejaVu Sans, for Arabic); a file that is not there is skipped with a
     *                       warning at start
     */
    public CertificatePdf(@Value("${kat.public-base-url:http://localhost:8082}") String publicBaseUrl,
                          @Value("${kat.pdf.fallback-fonts:" + WQY_ZEN_HEI + "," + DEJAVU_SANS + "}") List<String> fallbackFonts) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.fallbackFonts = fallbackFonts.stream().map(String::strip).filter(f -> !f.isEmpty()).map(Path::of).filter(f -> {
            if (Files.isReadable(f)) {
                return true;
            }
            log.warn("The PDF fallback font {} is not there (kat.pdf.fallback-fonts): a character Liberation Sans lacks prints as '?'"
                    + " in certificates and transcripts (on Debian or Ubuntu: apt-get install fonts-wqy-zenhei fonts-dejavu-core)", f);
            return false;
        }).toList();
    }

    /** The public verification address of a code: {@code <kat.public-base-url>/verify/<code>}. */
    public String verificationUrl(String code) {
        return publicBaseUrl + "/verify/" + code;
    }

    /**
     * @param certificates one page each, in this order (at least one)
     * @return the PDF's bytes
     */
    public byte[] certificates(List<Certificate> certificates) {
        try (PDDocument doc = new PDDocument(); Fonts f = new Fonts(doc, fallbackFonts)) {
            for (Certificate c : certificates) {
                certificatePage(doc, f, c);
            }
            PDDocumentInformation info = info(doc, certificates.size() == 1
                    ? "Certificate of completion, " + certificates.get(0).series() : "Certificates of completion");
            info.setCustomMetadataValue("KAT-Verification-Codes", certificates.stream().map(Certificate::code).collect(Collectors.joining(",")));
            if (certificates.size() == 1) {
                Certificate c = certificates.get(0);
                info.setCreationDate(calendar(c.issuedAt()));
                Map.of("KAT-Verification-Code", c.code(), "KAT-Verification-Url", verificationUrl(c.code()),
                                "KAT-Participant", text(c.participant()), "KAT-License-Number", text(c.licenseNumber()),
                                "KAT-License-State", text(c.licenseState()), "KAT-Series", c.series(), "KAT-Format", c.format(),
                                "KAT-Total-Hours", c.totalHours().stripTrailingZeros().toPlainString(),
                                "KAT-Dates", c.firstDate() + "/" + c.lastDate())
                        .forEach(info::setCustomMetadataValue);
            }
            return bytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A history entry's module and class day as printed: "M3 2023-11-09" for the class day {@code M3-2023-11-09} (it wraps
     * between the two in its column), the class day id as it is when it does not begin with the module's code.
     */
    static String moduleAndDay(TranscriptEvent h) {
        String day = text(h.classDayId());
        return day.startsWith(h.moduleCode() + "-") ? h.moduleCode() + " " + day.substring(h.moduleCode().length() + 1) : day;
    }

    /**
     * What an attendance correction replaced and recorded, as printed after its reason: " (was 9:04-17:00 PT, platform log;
     * now 9:04-12:00, 12:20-17:00 PT, platform log)", the times on the program's Pacific wall clock (the class day runs
     * 09:00-17:00 there); "" for other entries, "(now …)" alone where the earlier attendance was not seen.
     */
    static String correction(TranscriptEvent h) {
        if (h.attendanceAfter() == null) {
            return "";
        }
        return " (" + (h.attendanceBefore() == null ? "" : "was " + attendance(h.attendanceBefore()) + "; ") + "now " + attendance(h.attendanceAfter()) + ")";
    }

    private static String attendance(TranscriptQueries.AttendanceAsRecorded a) {
        String times = a.segments().isEmpty() ? (a.minutesPresent() == null ? "no times" : a.minutesPresent() + " minutes present")
                : a.segments().stream().map(g -> wallClock(g.joinedAt()) + "-" + wallClock(g.leftAt()))
                .collect(java.util.stream.Collectors.joining(", ")) + " PT";
        return times + ", " + ("STAFF_SIGN_IN".equals(a.verification()) ? "staff sign-in" : "platform log");
    }

    /**
     * "9:04" on the program's Pacific wall clock, "16:59:10" when the instant has seconds (a platform's report records them: a
     * correction of seconds alone had printed the same times on both sides, a fresh reviewer's finding).
     */
    private static String wallClock(Instant at) {
        return (at.getEpochSecond() % 60 == 0 ? WALL_CLOCK : WALL_CLOCK_SECONDS).format(at.atZone(com.polaris.kat.events.time.ProgramTime.ZONE));
    }

    private static final java.time.format.DateTimeFormatter WALL_CLOCK = java.time.format.DateTimeFormatter.ofPattern("H:mm"),
            WALL_CLOCK_SECONDS = java.time.format.DateTimeFormatter.ofPattern("H:mm:ss");

    /** A transcript history entry's change as printed: {@code HOURS_NOT_EARNED} is "Hours not earned". */
    static String changeInWords(String change) {
        String words = change.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A clinician's CE transcript: every module completed, totals, certificates, history of corrections. */
    public byte[] transcript(Transcript t) {
        try (PDDocument doc = new PDDocument(); Fonts f = new Fonts(doc, fallbackFonts)) {
            Sheet s = new Sheet(doc, f);
            s.text(f.bold, 18, ACCENT, 54, "CE TRANSCRIPT");
            s.down(26);
            s.labelled("Participant", text(t.participant()));
            s.labelled("License", text(t.licenseNumber()) + ", " + text(t.licenseState()));
            s.labelled("Profession", text(t.profession()));
            s.labelled("Program", TranscriptQueries.PROGRAM);
            s.labelled("Provider", TranscriptQueries.PROVIDER);
            s.labelled("Format", TranscriptQueries.FORMAT);
            s.down(10);
            s.text(f.bold, 12, INK, 54, "Modules completed");
            s.down(16);
            float[] cols = {54, 110, 166, 420, 500};
            s.row(f.bold, 9, new String[]{"Series", "Module", "Title", "Date", "CE hours"}, cols);
            for (TranscriptModule m : t.modules()) {
                s.row(f.regular, 9, new String[]{"Series " + m.seriesNumber(), m.moduleCode(), m.moduleTitle(), m.date().toString(),
                        hours(m.ceHours())}, cols);
                // the name and license the hours were earned under, where the latest registration (the header) gives others: a fresh
                // reviewer's transcript put a later license over modules earned under the earlier one, against the certificate and roster
                if (m.participant() != null && (!text(m.participant()).equals(text(t.participant()))
                        || !text(m.licenseNumber()).equals(text(t.licenseNumber())) || !text(m.licenseState()).equals(text(t.licenseState())))) {
                    s.row(f.regular, 8, new String[]{"", "Earned as " + text(m.participant()) + ", license " + text(m.licenseNumber()) + ", "
                            + text(m.licenseState())}, new float[]{54, 110});
                }
            }
            s.rule();
            s.total(f.bold, 10, "Total CE hours", cols[4], hours(t.totalHours()));
            s.down(12);
            s.text(f.bold, 12, INK, 54, "Certificates");
            s.down(16);
            if (t.certificates().isEmpty()) {
                s.row(f.regular, 9, new String[]{"No series is complete yet."}, new float[]{54});
            }
            // every certificate issued, the withdrawn ones with when (UTC) and why, as the JSON transcript and the console list
            // them (a fresh reviewer's PDF listed only the valid version of a re-issued certificate)
            for (Certificate c : t.certificates()) {
                s.row(f.regular, 9, new String[]{c.series(), c.firstDate() + " to " + c.lastDate(), hours(c.totalHours()) + " hours",
                        c.code() + " (version " + c.version() + ")", c.valid() ? "valid" : "withdrawn"}, new float[]{54, 110, 232, 290, 470});
                // the name and license the certificate was issued to, where the clinician's latest registration (whose name and
                // license head the transcript) gives others: a fresh reviewer's transcript under a new name listed a certificate
                // that names, and is verified under, the earlier one, with nothing to say so
                if (!text(c.participant()).equals(text(t.participant())) || !text(c.licenseNumber()).equals(text(t.licenseNumber()))
                        || !text(c.licenseState()).equals(text(t.licenseState()))) {
                    s.row(f.regular, 8, new String[]{"", "Issued to " + text(c.participant()) + ", license " + text(c.licenseNumber()) + ", "
                            + text(c.licenseState()) + " (as printed on the certificate)"}, new float[]{54, 110});
                }
                if (!c.valid()) {
                    s.row(f.regular, 8, new String[]{"", "Withdrawn" + (c.withdrawnAt() == null ? "" : " " + c.withdrawnAt().atOffset(ZoneOffset.UTC).toLocalDate()
                            + " (UTC)") + ": " + text(c.withdrawnReason())}, new float[]{54, 110});
                }
            }
            s.down(12);
            s.text(f.bold, 12, INK, 54, "History of CE decisions and corrections");
            s.down(16);
            // each change names the class day it is about (a module with a make-up has two: a day decided not earned and the
            // make-up day's earning read as a contradiction without it) and is printed in words
            float[] hcols = {54, 106, 170, 254, 290, 466};
            s.row(f.bold, 9, new String[]{"Date (UTC)", "Module, day", "Change", "Hours", "Reason", "By"}, hcols);
            for (TranscriptEvent h : t.history()) {
                s.row(f.regular, 8, new String[]{h.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString(), moduleAndDay(h),
                        changeInWords(h.change()), h.ceHours() == null ? "" : "HOURS_NOT_EARNED".equals(h.change())
                        ? "0 of " + hours(h.ceHours()) : hours(h.ceHours()), text(h.reason()) + correction(h), text(h.actor())}, hcols);
            }
            s.close();
            PDDocumentInformation info = info(doc, "CE transcript");
            info.setCustomMetadataValue("KAT-Clinician-Id", t.clinicianId());
            info.setCustomMetadataValue("KAT-Participant", text(t.participant()));
            info.setCustomMetadataValue("KAT-Total-Hours", t.totalHours().stripTrailingZeros().toPlainString());
            return bytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void certificatePage(PDDocument doc, Fonts f, Certificate c) throws IOException {
        PDRectangle landscape = new PDRectangle(PDRectangle.LETTER.getHeight(), PDRectangle.LETTER.getWidth());
        PDPage page = new PDPage(landscape);
        doc.addPage(page);
        float w = landscape.getWidth();
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            cs.setStrokingColor(ACCENT[0], ACCENT[1], ACCENT[2]);
            cs.setLineWidth(3);
            cs.addRect(24, 24, w - 48, landscape.getHeight() - 48);
            cs.stroke();
            cs.setLineWidth(0.75f);
            cs.addRect(32, 32, w - 64, landscape.getHeight() - 64);
            cs.stroke();

            centered(cs, f.bold, 26, ACCENT, w, 534, "CERTIFICATE OF COMPLETION");
            centered(cs, f.regular, 11, MUTED, w, 514, "Continuing education credit");
            centered(cs, f.regular, 12, INK, w, 484, "This certifies that");
            participant(cs, f.regular, w, text(c.participant()));
            centered(cs, f.regular, 12, INK, w, 430, "License number " + text(c.licenseNumber()) + "   State " + text(c.licenseState()));
            centered(cs, f.regular, 12, INK, w, 404, "has completed");
            centered(cs, f.bold, 17, INK, w, 382, c.program());
            centered(cs, f.regular, 12, INK, w, 362, c.series() + "   " + c.firstDate() + " to " + c.lastDate() + "   Format: " + c.format());
            centered(cs, f.regular, 12, INK, w, 344, "Provider: " + c.provider());

            float[] cols = {72, 136, 420, 556};
            float y = 312;
            show(cs, f.bold, 10, INK, cols[0], y, "Module");
            show(cs, f.bold, 10, INK, cols[1], y, "Title");
            show(cs, f.bold, 10, INK, cols[2], y, "Date");
            right(cs, f.bold, 10, INK, cols[3], y, "CE hours");
            line(cs, cols[0], y - 5, cols[3], 0.75f);
            for (Line l : c.modules()) {
                y -= 17;
                show(cs, f.regular, 10, INK, cols[0], y, l.moduleCode());
                show(cs, f.regular, 10, INK, cols[2], y, l.date().toString());
                right(cs, f.regular, 10, INK, cols[3], y, hours(l.ceHours()));
                // the whole title, on as many lines as it needs (a fresh reviewer's certificate cut the catalog's own title
                // "Intermediate Workshop I on Ketamine-Assisted Psychotherapy" with "…")
                List<String> title = wrap(f.regular, text(l.moduleTitle()), 10, cols[2] - cols[1] - 10);
                for (int i = 0; i < title.size(); i++) {
                    show(cs, f.regular, 10, INK, cols[1], y - i * 12, title.get(i));
                }
                y -= (title.size() - 1) * 12;
            }
            line(cs, cols[0], y - 6, cols[3], 0.75f);
            y -= 20;
            show(cs, f.bold, 11, INK, cols[0], y, "Total CE hours");
            right(cs, f.bold, 11, INK, cols[3], y, hours(c.totalHours()));

            float qr = 128;
            float qrX = w - 72 - qr;
            float qrY = 150;
            qrCode(cs, verificationUrl(c.code()), qrX, qrY, qr);
            centeredAt(cs, f.regular, 9, MUTED, qrX + qr / 2, qrY - 14, "Scan to verify");

            show(cs, f.bold, 12, INK, 72, 96, "Verification code: " + c.code());
            show(cs, f.regular, 10, INK, 72, 80, "Verify at " + verificationUrl(c.code()));
            show(cs, f.regular, 9, MUTED, 72, 64, "Issued " + c.issuedAt().atOffset(ZoneOffset.UTC).toLocalDate() + " (UTC), certificate version "
                    + c.version() + ". A later correction of the CE record withdraws this certificate; the address above always tells.");
        }
    }

    /**
     * The participant's name, whole, centred on the certificate at the baseline at 452 points (lines of a longer one around 456,
     * clear of the license line at 430): on one line at the largest
     * size from 26 down to 14 points at which it fits the page's width less 80 points each side; else on two lines at the
     * largest size from 14 down to 10 at which two suffice, or on three at 10 (a name may have 200 characters; a fresh
     * reviewer's 150-character name was cut with "…").
     */
    private static void participant(PDPageContentStream cs, Face face, float pageWidth, String name) throws IOException {
        float max = pageWidth - 160;
        for (float size = 26; size >= 14; size--) {
            if (width(face, size, name) <= max) {
                centered(cs, face, size, INK, pageWidth, 452, name);
                return;
            }
        }
        float size = 14;
        List<String> lines = wrap(face, name, size, max);
        while (lines.size() > 2 && size > 10) {
            size--;
            lines = wrap(face, name, size, max);
        }
        for (int i = 0; i < lines.size(); i++) {
            centered(cs, face, size, INK, pageWidth, 456 + ((lines.size() - 1) / 2f - i) * (size + 2), lines.get(i));
        }
    }

    /** Draws the QR code (error correction M) as vector squares in a {@code size}-point square at (x, y). */
    private static void qrCode(PDPageContentStream cs, String content, float x, float y, float size) throws IOException {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalStateException("the verification address does not fit a QR code: " + content, e);
        }
        float cell = size / m.getWidth();
        cs.setNonStrokingColor(0f, 0f, 0f);
        for (int row = 0; row < m.getHeight(); row++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, row)) {
                    cs.addRect(x + col * cell, y + size - (row + 1) * cell, cell, cell);
                }
            }
        }
        cs.fill();
    }

    private static PDDocumentInformation info(PDDocument doc, String title) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setAuthor(TranscriptQueries.PROVIDER);
        info.setSubject(TranscriptQueries.PROGRAM);
        info.setCreator("KAT enrollment projection-service");
        return info;
    }

    private static Calendar calendar(java.time.Instant at) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(at.toEpochMilli());
        return c;
    }

    private static byte[] bytes(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    private static String hours(BigDecimal h) {
        return h.stripTrailingZeros().toPlainString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** The text with every character no font of the document can show replaced by "?" and control characters by blanks. */
    static String printable(Typeset fonts, String s) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Run r : fonts.runs(s)) {
            out.append(r.text());
        }
        return out.toString();
    }

    private static float width(Face face, float size, String s) throws IOException {
        float w = 0;
        for (Run r : face.fonts().runs(visualOrder(s))) { // as drawn: joined Arabic letters are narrower than their isolated forms
            w += r.font().getStringWidth(r.text()) / 1000 * size;
        }
        return w;
    }

    private static void show(PDPageContentStream cs, Face face, float size, float[] color, float x, float y, String s) throws IOException {
        cs.beginText();
        cs.setNonStrokingColor(color[0], color[1], color[2]);
        if (face.bold()) {
            cs.setStrokingColor(color[0], color[1], color[2]);
            cs.setLineWidth(size * 0.03f);
            cs.setRenderingMode(RenderingMode.FILL_STROKE);
        } else {
            cs.setRenderingMode(RenderingMode.FILL);
        }
        cs.newLineAtOffset(x, y);
        for (Run r : face.fonts().runs(visualOrder(s))) {
            cs.setFont(r.font(), size);
            cs.showText(r.text());
        }
        cs.endText();
    }

    /**
     * One line of text in the order its characters are drawn, left to right: Arabic letters first take their joined forms
     * (ICU4J's {@link ArabicShaping}: initial, medial, final or isolated, lam-alef as one; PDFBox draws characters as given
     * and does no shaping), then the Unicode Bidirectional Algorithm (UAX #9, ICU4J's {@link Bidi}; the paragraph left to
     * right, as the document is English) puts each right-to-left run (Hebrew, Arabic) in visual order, mirroring its brackets
     * and keeping each combining mark with its letter. Text without right-to-left characters is returned as it is. Reason: a
     * Hebrew name printed reversed, an Arabic one as "?" (fresh reviewers). Scripts that need glyphs reordered or combined
     * within a word beyond that (the Indic scripts) are not shaped: no font here has them, and they print as "?". ICU's
     * shaping covers the letters of Arabic itself; the letters Persian and Urdu add (پ چ ژ گ ی ٹ) print in their isolated
     * form, and Urdu's ہ as "?" (no font here has it): known limit.
     */
    static String visualOrder(String line) {
        if (!Bidi.requiresBidi(line.toCharArray(), 0, line.length())) {
            return line;
        }
        String shaped = line;
        if (line.chars().anyMatch(c -> c >= 0x0600 && c <= 0x06FF)) {
            // shaped piece by piece between zero-width non-joiners, which ICU's shaping joins across: a Persian name's
            // "عبدالله‌زاده" must end one word's ه and begin the next (the third reviewer's printed joined)
            StringBuilder out = new StringBuilder(line.length());
            for (String piece : line.split("‌", -1)) {
                if (out.length() > 0) {
                    out.append('‌');
                }
                try {
                    out.append(ARABIC.shape(piece));
                } catch (ArabicShapingException e) {
                    out.append(piece); // not expected with these options; the letters then print unjoined
                }
            }
            shaped = out.toString();
        }
        Bidi bidi = new Bidi(shaped, Bidi.DIRECTION_LEFT_TO_RIGHT);
        return bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.KEEP_BASE_COMBINING);
    }

    /** Arabic letters to their presentation forms, in logical order (lam-alef becomes one character). */
    private static final ArabicShaping ARABIC = new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL
            | ArabicShaping.LENGTH_GROW_SHRINK);

    private static void centered(PDPageContentStream cs, Face font, float size, float[] color, float pageWidth, float y, String s) throws IOException {
        centeredAt(cs, font, size, color, pageWidth / 2, y, s);
    }

    private static void centeredAt(PDPageContentStream cs, Face font, float size, float[] color, float cx, float y, String s) throws IOException {
        String p = printable(font.fonts(), s);
        show(cs, font, size, color, cx - width(font, size, p) / 2, y, p);
    }

    private static void right(PDPageContentStream cs, Face font, float size, float[] color, float x, float y, String s) throws IOException {
        String p = printable(font.fonts(), s);
        show(cs, font, size, color, x - width(font, size, p), y, p);
    }

    private static void line(PDPageContentStream cs, float x1, float y, float x2, float width) throws IOException {
        cs.setStrokingColor(MUTED[0], MUTED[1], MUTED[2]);
        cs.setLineWidth(width);
        cs.moveTo(x1, y);
        cs.lineTo(x2, y);
        cs.stroke();
    }

    /**
     * A face of the document's fonts: bold is drawn filled and stroked (3 % of the size), so headings look
     * the same in every viewer and may hold any character the fonts have (the standard 14 fonts are
     * not embedded and, where a viewer lacks them, are replaced by a regular face).
     */
    private record Face(Typeset fonts, boolean bold) {
    }

    /** A stretch of text set in one font. */
    record Run(PDFont font, String text) {
    }

    /**
     * One document's fonts in order: Liberation Sans, then each fallback font, loaded into the document (as a subset) the
     * first time a character Liberation Sans lacks is met, so a document all in Latin, Greek or Cyrillic carries one font.
     */
    static final class Typeset implements java.io.Closeable {
        private final List<java.io.Closeable> open = new java.util.ArrayList<>();
        private final PDDocument doc;
        private final PDFont primary;
        private final List<Path> fallbackFiles;
        /** The fallback fonts loaded so far, in {@code fallbackFiles}' order (null for one that could not be read). */
        private final List<PDFont> fallbacks = new java.util.ArrayList<>();

        Typeset(PDDocument doc, PDFont primary, List<Path> fallbackFiles) {
            this.doc = doc;
            this.primary = primary;
            this.fallbackFiles = fallbackFiles;
        }

        /**
         * The text cut into runs, each in the first font that has its characters; a control character becomes a blank, a
         * character no font has "?" (both in Liberation Sans), and an {@linkplain #invisible invisible} one is left out.
         */
        List<Run> runs(String s) throws IOException {
            List<Run> runs = new java.util.ArrayList<>();
            PDFont current = null;
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                if (invisible(cp)) {
                    continue; // Liberation Sans draws U+200E as a visible arrow: a directional mark has done its work in visualOrder
                }
                String one = Character.isISOControl(cp) ? " " : new String(Character.toChars(cp));
                PDFont font = fontFor(one);
                if (font == null) {
                    font = primary;
                    one = "?";
                }
                if (font != current && text.length() > 0) {
                    runs.add(new Run(current, text.toString()));
                    text.setLength(0);
                }
                current = font;
                text.append(one);
            }
            if (text.length() > 0) {
                runs.add(new Run(current, text.toString()));
            }
            return runs;
        }

        /** A character that is not drawn: Unicode's default-ignorable code points ({@code InvisibleCharacters}). */
        static boolean invisible(int cp) {
            return com.polaris.kat.security.strict.InvisibleCharacters.is(cp);
        }

        private PDFont fontFor(String one) throws IOException {
            if (shows(primary, one)) {
                return primary;
            }
            // each fallback font is loaded when the characters before it did not suffice (a Chinese name does not load the
            // Arabic font); one that cannot be read is skipped, once
            for (int i = 0; i < fallbackFiles.size(); i++) {
                if (i == fallbacks.size()) {
                    PDFont loaded = null;
                    try {
                        loaded = load(fallbackFiles.get(i));
                    } catch (IOException e) {
                        log.warn("The PDF fallback font {} could not be read: {}", fallbackFiles.get(i), e.toString());
                    }
                    fallbacks.add(loaded);
                }
                PDFont f = fallbacks.get(i);
                if (f != null && shows(f, one)) {
                    return f;
                }
            }
            return null;
        }

        /** A {@code .ttc} collection's first font (the collection stays open until the document is saved); a {@code .ttf} file. */
        private PDFont load(Path file) throws IOException {
            if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
                return PDType0Font.load(doc, file.toFile());
            }
            TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
            open.add(collection);
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(ttf -> {
                if (first[0] == null) {
                    first[0] = ttf;
                }
            });
            if (first[0] == null) {
                throw new IOException("no font in the collection");
            }
            return PDType0Font.load(doc, first[0], true);
        }

        @Override
        public void close() throws IOException {
            for (java.io.Closeable c : open) {
                c.close();
            }
        }

        private static boolean shows(PDFont font, String one) {
            try {
                font.encode(one);
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
    }

    private static final class Fonts implements java.io.Closeable {
        final Face regular;
        final Face bold;

        Fonts(PDDocument doc, List<Path> fallbackFiles) throws IOException {
            try (InputStream in = CertificatePdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IllegalStateException("Liberation Sans is missing from PDFBox: " + FONT);
                }
                Typeset fonts = new Typeset(doc, PDType0Font.load(doc, in), fallbackFiles);
                regular = new Face(fonts, false);
                bold = new Face(fonts, true);
            }
        }

        @Override
        public void close() throws IOException {
            regular.fonts().close();
        }
    }

    /** The text broken into lines of at most {@code max} points at this size (a word longer than a line is broken where it reaches the edge). */
    private static List<String> wrap(Face font, String s, float size, float max) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(font.fonts(), s == null ? "" : s).split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(font, size, candidate) <= max) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // a word wider than the column (a long reference or address in a reason) is broken where it reaches the edge,
            // never cut off: a fresh reviewer's evidence link lost its end with "…"
            String rest = word;
            while (rest.length() > 1 && width(font, size, rest) > max) {
                int n = 1;
                while (n < rest.length() && width(font, size, rest.substring(0, n + 1)) <= max) {
                    n++;
                }
                if (n < rest.length() && Character.isLowSurrogate(rest.charAt(n))) {
                    n = Math.max(1, n - 1); // keep a surrogate pair together
                }
                lines.add(rest.substring(0, n));
                rest = rest.substring(n);
            }
            line.append(rest);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The right margin of a portrait page, in points. */
    private static final float RIGHT = 558;

    /** Portrait pages written top-down; a new page begins when the next row would not fit. */
    private static final class Sheet {
        private final PDDocument doc;
        private final Fonts fonts;
        private PDPageContentStream cs;
        private float y;
        private int pages;

        Sheet(PDDocument doc, Fonts fonts) throws IOException {
            this.doc = doc;
            this.fonts = fonts;
            newPage();
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            pages++;
            show(cs, fonts.regular, 8, MUTED, 54, 36, TranscriptQueries.PROGRAM + ", CE transcript, page " + pages);
            y = PDRectangle.LETTER.getHeight() - 60;
        }

        void down(float points) throws IOException {
            y -= points;
            if (y < 60) {
                newPage();
            }
        }

        void text(Face font, float size, float[] color, float x, String s) throws IOException {
            show(cs, font, size, color, x, y, s);
        }

        /** A label and its value, the value whole on as many lines as it needs (a long name was cut with "…"). */
        void labelled(String label, String value) throws IOException {
            show(cs, fonts.bold, 10, INK, 54, y, label);
            List<String> lines = wrap(fonts.regular, value, 10, 420);
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    down(12);
                }
                show(cs, fonts.regular, 10, INK, 134, y, lines.get(i));
            }
            down(15);
        }

        /**
         * One row; each cell wraps at word boundaries within the room before the next column (the
         * last to the right margin), and the row is as tall as its tallest cell.
         */
        void row(Face font, float size, String[] cells, float[] cols) throws IOException {
            List<List<String>> wrapped = new java.util.ArrayList<>();
            int lines = 1;
            for (int i = 0; i < cells.length && i < cols.length; i++) {
                float room = (i + 1 < cols.length ? cols[i + 1] : RIGHT) - cols[i] - 6;
                List<String> w = wrap(font, cells[i], size, room);
                wrapped.add(w);
                lines = Math.max(lines, w.size());
            }
            if (y - (lines - 1) * (size + 2) < 60) {
                newPage();
            }
            for (int i = 0; i < wrapped.size(); i++) {
                for (int l = 0; l < wrapped.get(i).size(); l++) {
                    show(cs, font, size, INK, cols[i], y - l * (size + 2), wrapped.get(i).get(l));
                }
            }
            down((lines - 1) * (size + 2) + size + 5);
        }

        /** A label and a value in the column at {@code valueX}, on one row. */
        void total(Face font, float size, String label, float valueX, String value) throws IOException {
            show(cs, font, size, INK, 54, y, label);
            show(cs, font, size, INK, valueX, y, value);
            down(size + 5);
        }

        void rule() throws IOException {
            line(cs, 54, y + 10, RIGHT, 0.5f);
        }

        void close() throws IOException {
            cs.close();
        }
    }
}
