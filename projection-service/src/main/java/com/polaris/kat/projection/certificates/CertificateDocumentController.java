package com.polaris.kat.projection.certificates;

import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.NotFound;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Compliance: certificates and CE transcripts as PDF. The same certificate as JSON stays at
 * {@code GET /api/certificates/{registrationId}} (TranscriptQueryController), which answers with this PDF when the
 * Accept header prefers it (CertificateRepresentation). Unknown ids and series not (or no longer)
 * complete are {@code 404 not-found}; {@code minPosition} as in every query (Freshness).
 */
@RestController
@com.polaris.kat.web.ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
public class CertificateDocumentController {

    private final CertificateQueries certificates;
    private final CertificatePdf pdf;
    private final Freshness freshness;

    public CertificateDocumentController(CertificateQueries certificates, CertificatePdf pdf, Freshness freshness) {
        this.certificates = certificates;
        this.pdf = pdf;
        this.freshness = freshness;
    }

    /** The registration's valid certificate: one landscape page. @throws NotFound 404 not-found when none is valid */
    @GetMapping(value = "/api/certificates/{registrationId}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @io.swagger.v3.oas.annotations.Operation(summary = "Download a registration's series certificate as PDF (with a QR code of its verification address)")
    public ResponseEntity<byte[]> certificatePdf(@PathVariable String registrationId, @RequestParam(required = false) String minPosition) {
        CertificateQueries.Certificate c = freshness.read(CertificateQueries.READS, minPosition, () -> certificates.validFor(registrationId)
                .orElseThrow(() -> CertificateQueries.noValidCertificate(registrationId, certificates.registrationKnown(registrationId))));
        return pdf(pdf.certificates(List.of(c)), "certificate-" + c.code() + ".pdf");
    }

    /** Every valid certificate of a clinician, one page per completed series. @throws NotFound 404 when there is none */
    @GetMapping(value = "/api/transcripts/{clinicianId}/certificates.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @io.swagger.v3.oas.annotations.Operation(summary = "Download every valid certificate of a clinician as PDF, one page per completed series")
    public ResponseEntity<byte[]> clinicianCertificates(@PathVariable String clinicianId, @RequestParam(required = false) String minPosition) {
        List<CertificateQueries.Certificate> all = freshness.read(CertificateQueries.READS, minPosition, () -> certificates.validForClinician(clinicianId));
        if (all.isEmpty()) {
            throw new NotFound("Clinician " + clinicianId + " has no valid certificate.");
        }
        return pdf(pdf.certificates(all), "certificates-" + clinicianId + ".pdf"); // whose they are (a fresh reviewer)
    }

    /** The clinician's CE transcript. @throws NotFound 404 when the clinician has no registration */
    @GetMapping(value = "/api/transcripts/{clinicianId}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @io.swagger.v3.oas.annotations.Operation(summary = "Download a clinician's CE transcript as PDF")
    public ResponseEntity<byte[]> transcriptPdf(@PathVariable String clinicianId, @RequestParam(required = false) String minPosition) {
        CertificateQueries.Transcript t = freshness.read(CertificateQueries.READS, minPosition, () -> certificates.transcript(clinicianId))
                .orElseThrow(() -> new NotFound("No CE record exists for clinician " + clinicianId + "."));
        return pdf(pdf.transcript(t), "ce-transcript-" + clinicianId + ".pdf");
    }

    private static ResponseEntity<byte[]> pdf(byte[] body, String filename) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
