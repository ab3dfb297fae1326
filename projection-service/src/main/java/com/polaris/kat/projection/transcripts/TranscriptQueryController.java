package com.polaris.kat.projection.transcripts;

import com.polaris.kat.projection.web.Freshness;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Compliance: CE transcripts (JSON, CSV) and series certificates. */
@RestController
public class TranscriptQueryController {

    /** The tables these views read: the transcripts projection's, the registrations' and the catalog's. */
    private static final List<String> READS = List.of("transcripts", "registrations", "catalog");

    private final TranscriptQueries transcripts;
    private final Freshness freshness;

    public TranscriptQueryController(TranscriptQueries transcripts, Freshness freshness) {
        this.transcripts = transcripts;
        this.freshness = freshness;
    }

    @GetMapping("/api/transcripts/{clinicianId}")
    public Map<String, Object> transcript(@PathVariable String clinicianId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> transcripts.transcript(clinicianId));
    }

    @GetMapping(value = "/api/transcripts/{clinicianId}.csv", produces = "text/csv")
    public ResponseEntity<String> csv(@PathVariable String clinicianId, @RequestParam(required = false) String minPosition) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ce-transcript.csv\"")
                .body(freshness.read(READS, minPosition, () -> transcripts.transcriptCsv(clinicianId)));
    }

    @GetMapping("/api/certificates/{registrationId}")
    public Map<String, Object> certificate(@PathVariable String registrationId, @RequestParam(required = false) String minPosition) {
        return freshness.read(READS, minPosition, () -> transcripts.certificate(registrationId));
    }
}
