package com.polaris.kat.projection.certificates;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.polaris.kat.projection.transcripts.TranscriptQueries;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.polaris.kat.projection.certificates.CeHistory.day;
import static com.polaris.kat.projection.certificates.CeHistory.earned;
import static org.assertj.core.api.Assertions.assertThat;

/** Certificates and transcripts as PDF, read back: text, document information, the QR code decoded from the rendered page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificatePdfTest extends ProjectionServiceTestBase {

    static final List<SeriesClassDay> DAYS = List.of(day("M1", "2024-01-08"), day("M2", "2024-01-15"), day("M3", "2024-01-22"),
            day("M4", "2024-01-29"), day("M5", "2024-02-05"), day("PRACTICE", "2024-02-12"));
    static final Clinician ZOE = new Clinician("Zoë Šimková-Rivera", "zoe.rivera@example.org", "Licensed Clinical Social Worker", "LCSW-88123", "CA");

    String code;
    @org.springframework.beans.factory.annotation.Autowired
    CertificateQueries certificates;

    @BeforeAll
    void history() {
        append("series-40", CeHistory.series(40, DAYS), "registrar");
        code = completed("r40a", "zoe", ZOE);
        assertThat(code).matches("KAT-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}");
    }

    /** The registration placed in series 40 with the CE option and every module earned; its certificate's code. */
    String completed(String registrationId, String clinicianId, Clinician clinician) {
        append(registrationId, CeHistory.placed("series-40", registrationId, clinicianId, clinician, true), "front-end");
        for (SeriesClassDay d : DAYS) {
            append(registrationId, earned("series-40", registrationId, clinicianId, d), "attendance-staff");
        }
        return CeHistory.certificateCode(port, registrationId, head());
    }

    /** A one-module certificate of this participant, as the certificate projection gives it, for rendering without the service. */
    static CertificateQueries.Certificate certificateOf(String participant) {
        return certificateOf(participant, "Introduction");
    }

    static CertificateQueries.Certificate certificateOf(String participant, String moduleTitle) {
        return new CertificateQueries.Certificate("KAT-0000-0000-0001", 1, "VALID", "r1", "c1", "series-1", 1, participant, "MD-1", "NY",
                "Program", "Provider", "live interactive online",
                List.of(new CertificateRule.Line("M1", moduleTitle, java.time.LocalDate.of(2024, 1, 8), java.math.BigDecimal.valueOf(8))),
                java.math.BigDecimal.valueOf(8), java.time.LocalDate.of(2024, 1, 8), java.time.LocalDate.of(2024, 1, 8),
                java.time.Instant.parse("2024-01-09T00:00:00Z"), null, null);
    }

    RestClient as(String user, String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port).defaultHeaders(h -> h.setBasicAuth(user, password))
                .defaultStatusHandler(s -> true, (q, r) -> { }).build();
    }

    byte[] pdf(String path) {
        ResponseEntity<byte[]> r = as("compliance", "compliance-password-only-in-tests").get().uri(path).accept(MediaType.APPLICATION_PDF)
                .retrieve().toEntity(byte[].class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        return r.getBody();
    }

    /**
     * Quality 0 in Accept refuses a type (RFC 9110 12.4.2): the certificate answered a PDF to "*&#47;*;q=0" before (Spring MVC
     * matches media ranges without their quality); the most specific range decides.
     */
    @Test
    @SuppressWarnings("rawtypes")
    void anAcceptHeaderThatRefusesATypeWithQualityZeroGets406() throws Exception {
        RestClient compliance = as("compliance", "compliance-password-only-in-tests");
        String[][] refused = {{"/api/certificates/r40a", "*/*;q=0"}, {"/api/certificates/r40a.pdf", "application/pdf;q=0, */*"},
                {"/api/certificates/r40a", "application/pdf;q=0, application/json;q=0"}, {"/api/transcripts/zoe.csv", "text/*;q=0, */*"}};
        // a type neither answers with: 406, not a 500 (the second reviewer's "text/html" while JSON was declared with "*/*")
        refused = java.util.stream.Stream.concat(java.util.Arrays.stream(refused), java.util.stream.Stream.of(new String[][]{
                {"/api/certificates/r40a", "text/html"}, {"/api/certificates/r40a", "image/png"}, {"/api/certificates/r40a", "text/html, application/json;q=0"}}))
                .toArray(String[][]::new);
        for (String[] c : refused) {
            ResponseEntity<Map> r = compliance.get().uri(c[0]).header("Accept", c[1]).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(c[0] + " Accept " + c[1]).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
            assertThat(r.getBody()).as(c[0] + " Accept " + c[1]).containsEntry("type", "urn:kat:problem:not-acceptable");
        }
        // the detail names the refused type as refused (it had said "Acceptable representations: [application/pdf]", a fresh reviewer)
        ResponseEntity<Map> pdfRefused = compliance.get().uri("/api/certificates/r40a").header("Accept", "application/pdf;q=0").retrieve().toEntity(Map.class);
        assertThat(pdfRefused.getStatusCode()).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
        assertThat((String) pdfRefused.getBody().get("detail")).isEqualTo("A certificate is served as application/json or as application/pdf,"
                + " and the Accept header gives neither a quality above 0; ask for one of them.");
        // a detail quotes the Accept header as sent, not with the problem type the service adds to it (a fresh reviewer)
        ResponseEntity<Map> csvForm = compliance.get().uri("/api/transcripts/zoe.csv").header("Accept", "application/json").retrieve().toEntity(Map.class);
        assertThat(csvForm.getStatusCode()).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
        assertThat((String) csvForm.getBody().get("detail")).contains("which the Accept header (application/json) does not take");
        // every Accept line counts, not the first alone: PDF refused on one line, JSON asked on another, is JSON
        java.net.http.HttpResponse<String> twoLines = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/certificates/r40a"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("compliance:compliance-password-only-in-tests"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Accept", "application/pdf;q=0").header("Accept", "application/json").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(twoLines.statusCode()).as(twoLines.body()).isEqualTo(200);
        assertThat(twoLines.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        ResponseEntity<Map> pdfForm = compliance.get().uri("/api/certificates/r40a.pdf").header("Accept", "application/pdf;q=0").retrieve().toEntity(Map.class);
        assertThat((String) pdfForm.getBody().get("detail")).startsWith("The Accept header gives application/pdf quality 0, which refuses it")
                .doesNotContain("Acceptable representations");
        ResponseEntity<byte[]> pdf = compliance.get().uri("/api/certificates/r40a").header("Accept", "application/pdf, */*;q=0")
                .retrieve().toEntity(byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        // the type of higher quality wins, JSON on a tie or a wildcard (a reviewer's "application/pdf;q=0.5, application/json" got the PDF)
        for (String accept : new String[]{"application/json, */*;q=0", "application/pdf;q=0.5, application/json", "application/*;q=0, application/json",
                "*/*", "application/*", "application/json;q=0.9, application/pdf;q=0.8", "image/png, application/json", "application/pdf;q=0, */*"}) {
            ResponseEntity<Map> json = compliance.get().uri("/api/certificates/r40a").header("Accept", accept).retrieve().toEntity(Map.class);
            assertThat(json.getStatusCode()).as(accept).isEqualTo(HttpStatus.OK);
            assertThat(json.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).as(accept).isTrue();
            assertThat(json.getBody()).as(accept).containsKey("verificationCode");
        }
        // JSON refused, PDF accepted by a wildcard: the PDF (a fresh reviewer's 406 "would be answered as application/json")
        for (String accept : new String[]{"application/json;q=0.5, application/pdf", "application/pdf", "application/json;q=0.001, application/pdf;q=0.002",
                "application/json;q=0, */*", "application/*;q=0.9, application/json;q=0"}) {
            ResponseEntity<byte[]> asPdf = compliance.get().uri("/api/certificates/r40a").header("Accept", accept).retrieve().toEntity(byte[].class);
            assertThat(asPdf.getStatusCode()).as(accept).isEqualTo(HttpStatus.OK);
            assertThat(asPdf.getHeaders().getContentType()).as(accept).isEqualTo(MediaType.APPLICATION_PDF);
        }
    }

    @Test
    void theCertificateReadsBackEveryFieldAndItsQrCodeDecodesToTheVerificationAddress() throws Exception {
        byte[] bytes = pdf("/api/certificates/r40a.pdf");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isGreaterThan(doc.getPage(0).getMediaBox().getHeight()); // landscape
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("CERTIFICATE OF COMPLETION", "Zoë Šimková-Rivera", "License number LCSW-88123", "State CA",
                    "Ketamine Assisted Therapy Training for Clinicians", "Provider: Polaris Insight Center", "Format: live interactive online",
                    "Series 40", "2024-01-08 to 2024-02-12", "Verification code: " + code, "https://kat.example.org/verify/" + code);
            for (SeriesClassDay d : DAYS) {
                assertThat(text).containsPattern(d.moduleCode() + " .*" + d.date() + " 8");
            }
            assertThat(text).contains("Introduction to Ketamine Assisted Psychotherapy", "Total CE hours 48");

            PDDocumentInformation info = doc.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo("Certificate of completion, Series 40");
            assertThat(info.getAuthor()).isEqualTo("Polaris Insight Center");
            assertThat(info.getCustomMetadataValue("KAT-Verification-Code")).isEqualTo(code);
            assertThat(info.getCustomMetadataValue("KAT-Verification-Url")).isEqualTo("https://kat.example.org/verify/" + code);
            assertThat(info.getCustomMetadataValue("KAT-Participant")).isEqualTo("Zoë Šimková-Rivera");
            assertThat(info.getCustomMetadataValue("KAT-License-Number")).isEqualTo("LCSW-88123");
            assertThat(info.getCustomMetadataValue("KAT-License-State")).isEqualTo("CA");
            assertThat(info.getCustomMetadataValue("KAT-Total-Hours")).isEqualTo("48");
            assertThat(info.getCustomMetadataValue("KAT-Dates")).isEqualTo("2024-01-08/2024-02-12");

            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 150, ImageType.RGB);
            Path png = Path.of("target", "certificate-page-1.png");
            Files.createDirectories(png.getParent());
            ImageIO.write(page, "png", png.toFile());
            assertThat(Files.size(png)).isGreaterThan(10_000);
            var qr = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))),
                    Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER, Boolean.TRUE));
            assertThat(qr.getText()).isEqualTo("https://kat.example.org/verify/" + code);
        }
    }

    @Test
    void thePdfIsAlsoServedByContentNegotiationWhileTheJsonCertificateStaysTheDefault() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf("/api/certificates/r40a"))) {
            assertThat(doc.getDocumentInformation().getCustomMetadataValue("KAT-Verification-Code")).isEqualTo(code);
        }
        ResponseEntity<Map> json = as("compliance", "compliance-password-only-in-tests").get().uri("/api/certificates/r40a").retrieve().toEntity(Map.class);
        assertThat(json.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(json.getBody()).containsEntry("verificationCode", code);
        try (PDDocument doc = Loader.loadPDF(pdf("/api/transcripts/zoe/certificates.pdf"))) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(doc)).contains(code);
        }
        // each download's file name says whose it is (a fresh reviewer: every clinician's was "ce-transcript.pdf", "certificates.pdf")
        RestClient compliance = as("compliance", "compliance-password-only-in-tests");
        for (String[] file : new String[][]{{"/api/transcripts/zoe/certificates.pdf", "certificates-zoe.pdf"},
                {"/api/transcripts/zoe.pdf", "ce-transcript-zoe.pdf"}, {"/api/transcripts/zoe.csv", "ce-transcript-zoe.csv"}}) {
            assertThat(compliance.get().uri(file[0]).header("Accept", "*/*").retrieve().toEntity(byte[].class).getHeaders()
                    .getFirst("Content-Disposition")).as(file[0]).isEqualTo("attachment; filename=\"" + file[1] + "\"");
        }
    }

    @Test
    void theTranscriptPdfListsEveryModuleTheTotalTheCertificateAndTheHistory() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf("/api/transcripts/zoe.pdf"))) {
            String text = new PDFTextStripper().getText(doc);
            Files.writeString(Path.of("target", "transcript-page-1.txt"), text);
            assertThat(text).contains("CE TRANSCRIPT", "Participant Zoë Šimková-Rivera", "License LCSW-88123, CA", "Format live interactive online",
                    "Total CE hours 48", code, "History of CE decisions and corrections", "Date (UTC) Module, day Change Hours Reason By");
            for (SeriesClassDay d : DAYS) {
                assertThat(text).containsPattern("Series 40 " + d.moduleCode() + " .*" + d.date() + " 8");
                // the history: each earning on its module's class day (a long module code wraps before the date), in words
                assertThat(text).containsPattern("\\d{4}-\\d{2}-\\d{2} " + d.moduleCode() + "\\s+" + d.date() + "\\s+Hours earned 8 ");
            }
            assertThat(doc.getDocumentInformation().getCustomMetadataValue("KAT-Total-Hours")).isEqualTo("48");
            Path png = Path.of("target", "transcript-page-1.png");
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 110, ImageType.RGB), "png", png.toFile());
            assertThat(Files.size(png)).isGreaterThan(10_000);
        }
    }

    @Test
    void theTranscriptPdfListsAWithdrawnCertificateWithWhenAndWhyBesideItsReissue() throws Exception {
        String first = completed("r40b", "ann", new Clinician("Ann Reissue", "ann.reissue@example.org", "Psychologist", "PSY-40002", "OR"));
        // a reason with a word wider than any column (an evidence link): printed whole, broken across lines, never cut off
        String link = "https://tickets.example.org/attendance/corrections/" + "x".repeat(120) + "/evidence.csv";
        append("r40b", CeHistory.revoked("series-40", "r40b", "ann", DAYS.get(2), "left at 13:00 per " + link), "attendance-staff");
        append("r40b", earned("series-40", "r40b", "ann", DAYS.get(2)), "attendance-staff");
        String second = CeHistory.certificateCode(port, "r40b", head());
        assertThat(second).isNotEqualTo(first);
        try (PDDocument doc = Loader.loadPDF(pdf("/api/transcripts/ann.pdf"))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(first + " (version 1) withdrawn", second + " (version 2) valid", "Hours withdrawn")
                    .containsPattern("Withdrawn \\d{4}-\\d{2}-\\d{2} \\(UTC\\): hours of M3 withdrawn: left at 13:00 per");
            // the link on lines of its own, broken where it reaches the column's edge: whole once the line breaks are taken out
            assertThat(text.replaceAll("\\R", "")).contains("hours of M3 withdrawn: left at 13:00 per" + link).doesNotContain("…");
            assertThat(text.indexOf(first)).isLessThan(text.indexOf(second));
            Path png = Path.of("target", "transcript-reissued-page-1.png");
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 110, ImageType.RGB), "png", png.toFile());
        }
    }

    /**
     * An attendance correction is printed with what it replaced and what it recorded, on the program's Pacific wall clock
     * (product rules: the transcript lists "the history of corrections"; the row had only its reason).
     */
    @Test
    void anAttendanceCorrectionIsPrintedWithTheAttendanceItReplacedAndRecorded() throws Exception {
        completed("r40k", "kal", new Clinician("Kal Corrected", "kal.corrected@example.org", "Psychologist", "PSY-40003", "WA"));
        SeriesClassDay m2 = DAYS.get(1); // 2024-01-15, PST: 09:00 is 17:00 UTC
        java.time.Instant start = m2.startsAt();
        append("r40k", new com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded("series-40", "r40k", "kal", m2.classDayId(), "M2",
                start, m2.endsAt(), null, com.polaris.kat.events.attendance.AttendanceCommands.Verification.PLATFORM_LOG), "attendance-staff");
        append("r40k", new com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected("series-40", "r40k", "kal", m2.classDayId(), "M2",
                start, m2.endsAt(), List.of(new com.polaris.kat.events.attendance.AttendanceSegment(start, start.plusSeconds(3 * 3600)),
                        new com.polaris.kat.events.attendance.AttendanceSegment(start.plusSeconds(3 * 3600 + 20 * 60), m2.endsAt())), null,
                com.polaris.kat.events.attendance.AttendanceCommands.Verification.PLATFORM_LOG, null, "rejoin"), "attendance-staff");
        long head = head();
        // every projection this transcript reads (registrations: who; transcripts: the history) has the correction
        CertificateQueries.TranscriptEvent correction = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> certificates.transcript("kal").flatMap(t -> t.history().stream()
                        .filter(h -> "ATTENDANCE_CORRECTED".equals(h.change())).findFirst()), java.util.Optional::isPresent).orElseThrow();
        assertThat(CertificatePdf.correction(correction)).isEqualTo(" (was 9:00-17:00 PT, platform log; now 9:00-12:00, 12:20-17:00 PT, platform log)");
        // seconds are printed where the times have them: a correction of seconds alone reads as one (a fresh reviewer's finding)
        var seconds = new TranscriptQueries.AttendanceAsRecorded(List.of(new com.polaris.kat.projection.registrations.SeatQueries.Segment(start,
                m2.endsAt().minusSeconds(30))), null, "PLATFORM_LOG");
        assertThat(CertificatePdf.correction(new CertificateQueries.TranscriptEvent(correction.occurredAt(), "M2", m2.classDayId(),
                "ATTENDANCE_CORRECTED", null, "seconds", "attendance-staff", correction.attendanceAfter(), seconds)))
                .endsWith("now 9:00-16:59:30 PT, platform log)");
        try (PDDocument doc = Loader.loadPDF(pdf("/api/transcripts/kal.pdf?minPosition=" + head))) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("Attendance corrected").contains("rejoin (was 9:00-17:00 PT,").contains("12:20-17:00 PT, platform");
        }
    }

    @Test
    void aNameInChineseJapaneseOrKoreanIsPrintedInTheFallbackFontAndOnlyADocumentThatNeedsItCarriesIt() throws Exception {
        // a fresh reviewer found a CJK name printed as "?"s: Liberation Sans has no CJK; a Korean reason in the history too
        completed("r40c", "mei", new Clinician("陳美玲 (Mei-Ling Chen)", "mei.chen@example.org", "Psychiatrist", "MD-40003", "WA"));
        try (PDDocument doc = Loader.loadPDF(pdf("/api/certificates/r40c.pdf"))) {
            assertThat(new PDFTextStripper().getText(doc)).contains("陳美玲 (Mei-Ling Chen)").doesNotContain("?");
            assertThat(fonts(doc)).hasSize(2).anyMatch(f -> f.endsWith("LiberationSans")).anyMatch(f -> f.contains("WenQuanYi"));
            assertThat(doc.getDocumentInformation().getCustomMetadataValue("KAT-Participant")).isEqualTo("陳美玲 (Mei-Ling Chen)");
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 110, ImageType.RGB), "png", Path.of("target", "certificate-cjk-page-1.png").toFile());
        }
        append("r40c", CeHistory.revoked("series-40", "r40c", "mei", DAYS.get(1), "출석 기록 정정 (attendance record corrected)"),
                "attendance-staff");
        try (PDDocument doc = Loader.loadPDF(pdf("/api/transcripts/mei.pdf?minPosition=" + head()))) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Participant 陳美玲 (Mei-Ling Chen)", "출석 기록 정정 (attendance");
        }
        // a Latin, Greek or Cyrillic document does not carry the 4 MB fallback font, not even as a subset
        try (PDDocument doc = Loader.loadPDF(pdf("/api/certificates/r40a.pdf"))) {
            assertThat(fonts(doc)).singleElement().satisfies(f -> assertThat(f).endsWith("LiberationSans"));
        }
    }

    @Test
    void withoutTheFallbackFontACharacterLiberationSansLacksPrintsAsAQuestionMarkAndNothingFails() throws Exception {
        CertificatePdf noFallback = new CertificatePdf("https://kat.example.org", List.of("/no/such/font.ttf"));
        CertificatePdf withFallback = new CertificatePdf("https://kat.example.org", List.of(CertificatePdf.WQY_ZEN_HEI));
        var certificate = certificateOf("陳美玲 𓀀 Zoë");
        try (PDDocument doc = Loader.loadPDF(noFallback.certificates(List.of(certificate)))) {
            assertThat(new PDFTextStripper().getText(doc)).contains("??? ? Zoë");
        }
        // an Egyptian hieroglyph is in neither font: "?" in the one that has the rest
        try (PDDocument doc = Loader.loadPDF(withFallback.certificates(List.of(certificate)))) {
            assertThat(new PDFTextStripper().getText(doc)).contains("陳美玲 ? Zoë");
        }
    }

    @Test
    void rightToLeftTextIsDrawnInVisualOrderAndReadsBackAsWritten() throws Exception {
        // PDFBox draws characters as given: a Hebrew name printed reversed ("ןהכ") before the bidirectional algorithm
        assertThat(CertificatePdf.visualOrder("David Cohen")).isEqualTo("David Cohen");
        assertThat(CertificatePdf.visualOrder("דוד כהן (David Cohen)")).isEqualTo("ןהכ דוד (David Cohen)");
        // a right-to-left run keeps each combining mark with its letter and mirrors its brackets
        assertThat(CertificatePdf.visualOrder("\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD")).isEqualTo("\u05DD\u05D5\u05B9\u05DC\u05E9\u05B8\u05C1");
        assertThat(CertificatePdf.visualOrder("כהן (משה)")).isEqualTo("(השמ) ןהכ");
        // Arabic letters joined (presentation forms: alef isolated, lam initial, lam medial, heh final) and right to left
        assertThat(CertificatePdf.visualOrder("الله")).isEqualTo("\uFEEA\uFEE0\uFEDF\uFE8D");
        // a zero-width non-joiner ends a joined word: heh final before it, zain isolated after it (drawn right to left)
        assertThat(CertificatePdf.visualOrder("له\u200Cز")).isEqualTo("\uFEAF\u200C\uFEEA\uFEDF");
        // a left-to-right mark the request may hold is not printed as "?"
        CertificatePdf pdf = new CertificatePdf("https://kat.example.org", List.of(CertificatePdf.WQY_ZEN_HEI));
        var certificate = certificateOf("דוד כהן\u200E (David Cohen)");
        try (PDDocument doc = Loader.loadPDF(pdf.certificates(List.of(certificate)))) {
            Files.createDirectories(Path.of("target"));
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 110, ImageType.RGB), "png", Path.of("target", "certificate-hebrew-page-1.png").toFile());
            // the glyphs of the name's line as they stand on the page, left to right: the Hebrew words right to left, the
            // Latin ones left to right (a text extractor's own bidirectional guess is not what a reader sees)
            List<org.apache.pdfbox.text.TextPosition> glyphs = new java.util.ArrayList<>();
            PDFTextStripper positions = new PDFTextStripper() {
                @Override
                protected void processTextPosition(org.apache.pdfbox.text.TextPosition text) {
                    glyphs.add(text);
                }
            };
            positions.getText(doc);
            float nameLine = glyphs.stream().filter(g -> g.getUnicode().equals("ד")).findFirst().orElseThrow().getYDirAdj();
            String drawn = glyphs.stream().filter(g -> g.getYDirAdj() == nameLine).sorted(java.util.Comparator.comparing(
                    org.apache.pdfbox.text.TextPosition::getXDirAdj)).map(org.apache.pdfbox.text.TextPosition::getUnicode)
                    .collect(java.util.stream.Collectors.joining());
            // ... and the left-to-right mark not drawn (Liberation Sans has a visible arrow for it)
            assertThat(drawn.replace(" ", "")).isEqualTo("ןהכדוד(DavidCohen)");
        }
    }

    @Test
    void aLongNameAndALongModuleTitleArePrintedWholeOnTheCertificateAndTheTranscript() throws Exception {
        // a fresh reviewer's 150-character name printed as "…Santísima Tri…" and the catalog's title "Intermediate Workshop I on
        // Ketamine-Assisted Psychotherapy" as "…Psychother…"; names may have 200 characters
        String name = ("Maria Alexandra Konstantinopolitanische-Ballesteros de la Santísima Trinidad y Fernández-Oyarzábal "
                + "van der Westhuizen-Papadopoulou Nakamura-Okonkwo ").repeat(2).substring(0, 200).strip();
        String title = "Intermediate Workshop I on Ketamine-Assisted Psychotherapy";
        CertificatePdf pdf = new CertificatePdf("https://kat.example.org", List.of(CertificatePdf.WQY_ZEN_HEI));
        try (PDDocument doc = Loader.loadPDF(pdf.certificates(List.of(certificateOf(name, title))))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text.replaceAll("\\R", " ")).contains(name, title).doesNotContain("…");
            Files.createDirectories(Path.of("target"));
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 110, ImageType.RGB), "png", Path.of("target", "certificate-long-page-1.png").toFile());
        }
        var transcript = new CertificateQueries.Transcript("c1", name, "MD-1", "NY", "Psychiatrist",
                List.of(new CertificateQueries.TranscriptModule(1, "M1", title, java.time.LocalDate.of(2024, 1, 8), java.math.BigDecimal.valueOf(8))),
                java.math.BigDecimal.valueOf(8), List.of(), List.of());
        try (PDDocument doc = Loader.loadPDF(pdf.transcript(transcript))) {
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\R", " ")).contains("Participant " + name, title).doesNotContain("…");
        }
    }

    @Test
    void aCertificateOrModuleUnderAnEarlierNameOrLicenseSaysSoOnTheTranscript() throws Exception {
        // the transcript is headed by the clinician's latest registration; a certificate keeps the name it was issued to
        CertificatePdf pdf = new CertificatePdf("https://kat.example.org", List.of(CertificatePdf.WQY_ZEN_HEI));
        var issued = certificateOf("Finn Demo");
        var transcript = new CertificateQueries.Transcript("c1", "Finn Demo-Larsen", "MD-1", "NY", "Psychiatrist", List.of(),
                java.math.BigDecimal.ZERO, List.of(issued), List.of());
        try (PDDocument doc = Loader.loadPDF(pdf.transcript(transcript))) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Participant Finn Demo-Larsen",
                    "KAT-0000-0000-0001 (version 1) valid", "Issued to Finn Demo, license MD-1, NY (as printed on the certificate)");
        }
        // a module earned under the earlier name and license says so under its row (found by a fresh reviewer, 2026-12-03: the
        // later license headed modules earned under the earlier one, against the certificate and the CE roster)
        var earnedEarlier = new CertificateQueries.Transcript("c1", "Finn Renamed", "LMFT-99999", "NV", "Marriage and Family Therapist",
                List.of(new CertificateQueries.TranscriptModule(19, "M1", "Intro", java.time.LocalDate.of(2024, 1, 8), java.math.BigDecimal.valueOf(8),
                                "Finn Demo", "LMFT-26656", "CA"),
                        new CertificateQueries.TranscriptModule(21, "M1", "Intro", java.time.LocalDate.of(2027, 1, 8), java.math.BigDecimal.valueOf(8),
                                "Finn Renamed", "LMFT-99999", "NV")),
                java.math.BigDecimal.valueOf(16), List.of(), List.of());
        try (PDDocument doc = Loader.loadPDF(pdf.transcript(earnedEarlier))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Participant Finn Renamed", "Earned as Finn Demo, license LMFT-26656, CA");
            assertThat(text.split("Earned as", -1)).as("only the module earned under other details").hasSize(2);
        }
        var same = new CertificateQueries.Transcript("c1", "Finn Demo", "MD-1", "NY", "Psychiatrist", List.of(),
                java.math.BigDecimal.ZERO, List.of(issued), List.of());
        try (PDDocument doc = Loader.loadPDF(pdf.transcript(same))) {
            assertThat(new PDFTextStripper().getText(doc)).doesNotContain("Issued to");
        }
    }

    @Test
    void anArabicNameIsPrintedJoinedRightToLeftInTheSecondFallbackFont() throws Exception {
        // a fresh reviewer's "محمد عبد الله" printed as "???? ??? ????"
        CertificatePdf pdf = new CertificatePdf("https://kat.example.org", List.of(CertificatePdf.WQY_ZEN_HEI, CertificatePdf.DEJAVU_SANS));
        try (PDDocument doc = Loader.loadPDF(pdf.certificates(List.of(certificateOf("محمد عبد الله (Mohammed Abdullah)"))))) {
            Files.createDirectories(Path.of("target"));
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 110, ImageType.RGB), "png", Path.of("target", "certificate-arabic-page-1.png").toFile());
            assertThat(new PDFTextStripper().getText(doc)).doesNotContain("?");
            // the page uses the font that has the Arabic letters, not the CJK one before it in the list
            assertThat(fonts(doc)).hasSize(2).anyMatch(f -> f.endsWith("LiberationSans")).anyMatch(f -> f.contains("DejaVuSans"));
        }
        try (PDDocument doc = Loader.loadPDF(pdf.certificates(List.of(certificateOf("陳美玲"))))) {
            assertThat(fonts(doc)).hasSize(2).noneMatch(f -> f.contains("DejaVuSans"));
        }
    }

    /** The names of the fonts the PDF's pages use (a subset's name begins with its six-letter tag). */
    static java.util.Set<String> fonts(PDDocument doc) throws java.io.IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (var page : doc.getPages()) {
            for (var name : page.getResources().getFontNames()) {
                names.add(page.getResources().getFont(name).getName());
            }
        }
        return names;
    }

    @Test
    void onlyComplianceReadsCertificatesAndUnknownOrIncompleteOnesAreProblems() {
        assertThat(as("frontend", "frontend-password-only-in-tests").get().uri("/api/certificates/r40a.pdf").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(RestClient.builder().baseUrl("http://localhost:" + port).defaultStatusHandler(s -> true, (q, r) -> { }).build()
                .get().uri("/api/certificates/r40a.pdf").retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<Map> missing = as("compliance", "compliance-password-only-in-tests").get().uri("/api/certificates/no-such-registration.pdf")
                .retrieve().toEntity(Map.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(missing.getBody()).containsEntry("type", "urn:kat:problem:not-found");
        assertThat(as("compliance", "compliance-password-only-in-tests").get().uri("/api/transcripts/nobody.pdf").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
