package com.polaris.kat.projection.transcripts;

import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Compliance: CE transcripts (JSON, CSV) and series certificates (shared/product-rules "Attendance
 * and CE"). Every query honours {@code ?minPosition=} and may answer 503 projection-behind or
 * projection-rebuilding.
 */
@RestController
@Tag(name = "transcripts", description = "Compliance: CE transcripts and certificates")
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
public class TranscriptQueryController {

    /** The tables these views read: the transcripts projection's, the registrations' and the catalog's. */
    private static final List<String> READS = List.of("transcripts", "registrations", "catalog");
    /** The history CSV also names who recorded a cancellation that withdrew a certificate, from the audit trail. */
    private static final List<String> HISTORY_READS = List.of("transcripts", "registrations", "catalog", "audit");

    private final TranscriptQueries transcripts;
    private final Freshness freshness;
    private final com.polaris.kat.projection.certificates.CertificateDocumentController documents;

    public TranscriptQueryController(TranscriptQueries transcripts, Freshness freshness,
                                     com.polaris.kat.projection.certificates.CertificateDocumentController documents) {
        this.transcripts = transcripts;
        this.freshness = freshness;
        this.documents = documents;
    }

    /** A clinician's CE transcript. Problems: 404 not-found. */
    @GetMapping("/api/transcripts/{clinicianId}")
    @Operation(summary = "Read a clinician's CE transcript: modules completed, hours per series and in total, corrections")
    public TranscriptQueries.Transcript transcript(@PathVariable String clinicianId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> transcripts.transcript(clinicianId));
    }

    /** A clinician's completed modules as CSV (RFC 4180, UTF-8, formula-safe); only a header row when none yet. Problems: 404 not-found (no CE record). */
    @GetMapping(value = "/api/transcripts/{clinicianId}.csv", produces = "text/csv")
    @Operation(summary = "Export a clinician's CE transcript as CSV")
    @ApiResponse(responseCode = "200", description = "The completed modules as CSV (RFC 4180), one header row; each row names the clinician as the registration its hours were earned under gave name and license",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                    example = "\"program\",\"series\",\"module_code\",\"module_title\",\"date\",\"format\",\"ce_hours\",\"registration_id\",\"clinician_id\",\"full_name\",\"license_number\",\"license_state\"\r\n")))
    public ResponseEntity<String> csv(@PathVariable String clinicianId, @RequestParam(required = false) String minPosition) {
        // the file's name says whose it is (a fresh reviewer)
        return csvAttachment("ce-transcript-" + clinicianId + ".csv", freshness.read(READS, minPosition, () -> transcripts.transcriptCsv(clinicianId)));
    }

    /**
     * A clinician's CE history as CSV (RFC 4180, UTF-8, formula-safe): every CE decision and attendance correction in event
     * order with its reason and who recorded it, and each certificate issued or withdrawn at the event it followed from (a
     * CE decision, a cancellation); only a header row when there is none. Problems: 404 not-found (no CE record).
     */
    @GetMapping(value = "/api/transcripts/{clinicianId}/history.csv", produces = "text/csv")
    @Operation(summary = "Export a clinician's CE history (decisions and corrections, with reasons) as CSV")
    @ApiResponse(responseCode = "200", description = "The transcript's history as CSV (RFC 4180), one header row, one row per change in the order it was recorded;"
            + " a series certificate issued or withdrawn is a row (change CERTIFICATE_ISSUED or CERTIFICATE_WITHDRAWN: in ce_hours the certificate's"
            + " total, its code and version or why it was withdrawn, who recorded the event it followed from) at that event: after the CE"
            + " decision's row, or alone for a cancellation",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                    example = "\"occurred_at_utc\",\"series\",\"registration_id\",\"module_code\",\"class_day_id\",\"change\",\"ce_hours\",\"reason\",\"recorded_by\",\"clinician_id\",\"attendance_before\",\"attendance_after\"\r\n")))
    public ResponseEntity<String> historyCsv(@PathVariable String clinicianId, @RequestParam(required = false) String minPosition) {
        return csvAttachment("ce-history-" + clinicianId + ".csv", freshness.read(HISTORY_READS, minPosition, () -> transcripts.historyCsv(clinicianId)));
    }

    /** A CSV document (UTF-8) as a download named {@code filename}. */
    private static ResponseEntity<String> csvAttachment(String filename, String csv) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").body(csv);
    }

    /**
     * A registration's series certificate, once due, as JSON or as its PDF: the Accept header's quality for each decides
     * ({@link com.polaris.kat.projection.certificates.CertificateRepresentation}: the higher, JSON on a tie or a wildcard;
     * RFC 9110 12.5.1). Problems: 404 not-found (none due); 406 not-acceptable when the Accept header gives neither a quality
     * above 0.
     */
    @GetMapping(value = "/api/certificates/{registrationId}", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PDF_VALUE})
    @Operation(summary = "Read a registration's series certificate with its verification code")
    @ApiResponse(responseCode = "200", description = "The certificate as JSON, or its PDF when the Accept header gives application/pdf a"
            + " higher quality than application/json (a tie or a wildcard: JSON)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TranscriptQueries.Certificate.class)),
                    @Content(mediaType = MediaType.APPLICATION_PDF_VALUE, schema = @Schema(type = "string", format = "binary"))})
    public ResponseEntity<?> certificate(@PathVariable String registrationId, @RequestParam(required = false) String minPosition,
                                         jakarta.servlet.http.HttpServletRequest request) {
        MediaType chosen = com.polaris.kat.projection.certificates.CertificateRepresentation.chosen(
                java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        if (chosen == null) {
            org.springframework.http.ProblemDetail p = org.springframework.http.ProblemDetail.forStatusAndDetail(
                    org.springframework.http.HttpStatus.NOT_ACCEPTABLE, "A certificate is served as application/json or as"
                            + " application/pdf, and the Accept header gives neither a quality above 0; ask for one of them.");
            throw new org.springframework.web.ErrorResponseException(org.springframework.http.HttpStatus.NOT_ACCEPTABLE, p, null);
        }
        if (MediaType.APPLICATION_PDF.equals(chosen)) {
            return documents.certificatePdf(registrationId, minPosition);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(freshness.read(READS, minPosition, () -> transcripts.certificate(registrationId)));
    }
}
