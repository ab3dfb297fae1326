package com.polaris.kat.projection.verification;

import com.polaris.kat.projection.certificates.CertificateQueries;
import com.polaris.kat.projection.certificates.CertificateQueries.Certificate;
import com.polaris.kat.projection.certificates.CertificateRule;
import com.polaris.kat.projection.transcripts.TranscriptQueries;
import com.polaris.kat.projection.web.Freshness;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import com.polaris.kat.security.strict.AcceptQuality;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Public verification of a certificate by its code, without signing in (product rules "Who may do
 * what": anyone may check a certificate; issue 17). {@code GET /verify/{code}}: JSON with
 * {@code Accept: application/json}, else an HTML page (Thymeleaf template {@code verify.html}). A
 * known code is 200 (VALID or WITHDRAWN); an unknown or malformed code is 404 with the same JSON
 * fields, or the same page, saying no certificate has this code. Rate-limited per client address
 * ({@link VerificationRateLimit}, {@link ClientAddress}): over the limit,
 * {@code 429 urn:kat:problem:too-many-requests} with {@code Retry-After} (seconds). Every refusal of a request for the
 * page (that 429, a 503 while the database is away) is an HTML page too ({@link VerificationProblemPage}).
 */
@Controller
@com.polaris.kat.security.strict.AnyQueryParameters // reached from printed QR codes and shared links, which may carry tracking parameters
public class VerificationController {

    private final CertificateQueries certificates;
    private final Freshness freshness;
    private final VerificationRateLimit limit;
    private final ClientAddress clientAddress;
    private final com.fasterxml.jackson.databind.ObjectMapper objectMapper;
    private final com.polaris.kat.projection.streaming.ParkedEvents parked;

    public VerificationController(CertificateQueries certificates, Freshness freshness, VerificationRateLimit limit, ClientAddress clientAddress,
                                  com.fasterxml.jackson.databind.ObjectMapper objectMapper, com.polaris.kat.projection.streaming.ParkedEvents parked) {
        this.parked = parked;
        this.certificates = certificates;
        this.freshness = freshness;
        this.limit = limit;
        this.clientAddress = clientAddress;
        this.objectMapper = objectMapper;
    }


    /** The answer as JSON: 200 for a known code, 404 (same fields) for an unknown or malformed one. */
    @GetMapping(value = "/verify/{verificationCode}", produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.Operation(summary = "Check a certificate by its verification code (no sign-in; rate-limited per client address)",
            description = "JSON with Accept: application/json, else an HTML page. A request for the page gets every refusal (429, 503, 500) "
                    + "as an HTML page too, with the same status and Retry-After; JSON clients get the problem.")
    @com.polaris.kat.web.ApiProblem(status = 429, types = "too-many-requests")
    @com.polaris.kat.web.ApiProblem(status = 503, types = "certificate-under-review")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "A certificate has this code: VALID or WITHDRAWN. "
            + "JSON with Accept: application/json, else the page", content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = VerificationAnswer.class)),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.TEXT_HTML_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))})
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = "No certificate has this code (also a malformed "
            + "one): the same fields with status UNKNOWN, or the same page; not a problem", content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = VerificationAnswer.class)),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.TEXT_HTML_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))})
    @io.swagger.v3.oas.annotations.security.SecurityRequirements()
    @ResponseBody
    public ResponseEntity<VerificationAnswer> json(@PathVariable("verificationCode") String code, HttpServletRequest request) {
        VerificationAnswer a = answer(code, request);
        return ResponseEntity.status(status(a)).cacheControl(CacheControl.noStore()).header("X-Robots-Tag", "noindex").body(a);
    }

    /**
     * The answer as an HTML page, the same layout for every status; or as JSON when the Accept header gives JSON a higher
     * quality than HTML (RFC 9110 12.5.1: the most specific range decides each; a fresh reviewer's "*&#47;*;q=0.5,
     * text/html;q=0.1" and "text/html;q=0, *&#47;*" got the page or 406). Declared as HTML and the wildcard, so that Spring MVC
     * sends here every Accept the JSON endpoint does not take first (a QR scanner's odd one gets the page); an Accept that
     * refuses HTML with quality 0 and names no JSON is 406.
     *
     * @throws HttpMediaTypeNotAcceptableException 406 not-acceptable when HTML has quality 0 and JSON none
     */
    @GetMapping(value = "/verify/{verificationCode}", produces = {MediaType.TEXT_HTML_VALUE, "*/*"})
    @io.swagger.v3.oas.annotations.Operation(hidden = true)
    public ModelAndView page(@PathVariable("verificationCode") String code, HttpServletRequest request,
                             jakarta.servlet.http.HttpServletResponse response) throws HttpMediaTypeNotAcceptableException {
        List<String> acceptLines = java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        boolean page = VerificationProblemPage.wantsPage(request);
        if (!page && AcceptQuality.of(AcceptQuality.ranges(String.join(", ", acceptLines)), MediaType.APPLICATION_JSON) > 0) {
            VerificationAnswer a = answer(code, request);
            response.setHeader("X-Robots-Tag", "noindex"); // Cache-Control no-store is every /verify answer's already
            org.springframework.web.servlet.view.json.MappingJackson2JsonView asJson = new org.springframework.web.servlet.view.json.MappingJackson2JsonView(objectMapper);
            asJson.setExtractValueFromSingleKeyModel(true);
            ModelAndView view = new ModelAndView(asJson, Map.of("answer", a));
            view.setStatus(status(a));
            return view;
        }
        if (!page) {
            throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON));
        }
        VerificationAnswer a = answer(code, request);
        ModelAndView view = new ModelAndView("verify", Map.of("answer", a));
        view.setStatus(status(a));
        return view;
    }

    /**
     * A typed code as the answers show it back: its first 40 characters, each bidirectional embedding, override or isolate
     * control (U+202A–U+202E, U+2066–U+2069) shown as U+FFFD, as the staff console's pages do (a right-to-left override in
     * a typed code had reversed the rest of the line it was shown on: a fresh reviewer's finding), and so is each control
     * character (e.g. a NUL typed as {@code %00}). JSON and pages alike.
     */
    static String echoed(String typed) {
        String cut = typed.length() > 40 ? typed.substring(0, 40) : typed;
        StringBuilder shown = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) || com.polaris.kat.security.strict.BidiControls.is(c) ? 0xFFFD : c));
        return shown.toString();
    }

    private VerificationAnswer answer(String typed, HttpServletRequest request) {
        OptionalLong wait = limit.take(clientAddress.of(request));
        if (wait.isPresent()) {
            throw new TooManyVerifications(wait.getAsLong());
        }
        String echoed = echoed(typed);
        Optional<Certificate> found = CertificateRule.canonical(typed)
                .flatMap(code -> freshness.read(CertificateQueries.READS, null, () -> certificates.byCode(code)));
        if (found.isEmpty()) {
            return new VerificationAnswer(echoed, "UNKNOWN", null, null, null, null, null, null, null, null, null,
                    "No certificate has this code. Check it against the certificate: KAT- and three groups of four characters, digits 0-9 and letters A-F.");
        }
        Certificate c = found.get();
        if (parked.anyParked(CERTIFICATES_GROUP, c.registrationId())) {
            throw new UnderReview();
        }
        boolean valid = c.valid();
        return new VerificationAnswer(c.code(), valid ? "VALID" : "WITHDRAWN", TranscriptQueries.PROGRAM, TranscriptQueries.PROVIDER,
                c.series(), c.firstDate(), c.lastDate(), c.totalHours(), c.participant(),
                c.issuedAt().atOffset(ZoneOffset.UTC).toLocalDate(),
                valid ? null : c.withdrawnAt().atOffset(ZoneOffset.UTC).toLocalDate(),
                valid ? "This certificate is valid: the participant completed every module of the series with the hours shown." : withdrawnWhy(c));
    }

    /**
     * Why a withdrawn certificate is no longer valid, in public words (no staff reason): replaced by a later version (a
     * correction changed a module's date or hours it listed), the registration cancelled, or CE hours it listed withdrawn.
     * A fresh reviewer's replaced certificate had read "withdrew CE hours" although its hours all stood.
     */
    private String withdrawnWhy(Certificate c) {
        return switch (CertificateRule.withdrawnBy(c.withdrawnReason())) {
            case REGISTRATION_CANCELLED -> "This certificate was withdrawn: the registration was cancelled. It is no longer valid.";
            case HOURS_WITHDRAWN -> "This certificate was withdrawn: a later correction of the CE record withdrew CE hours it listed. It is no longer valid."
                    + (certificates.replacedByLaterVersion(c.registrationId(), c.version()) ? " A new certificate was issued when the hours were earned again." : "");
            case REPLACED -> "This certificate was replaced by a later version after a correction of the CE record changed what it listed (a module's date,"
                    + " or its hours). It is no longer valid; the participant holds the later certificate.";
        };
    }

    private static HttpStatus status(VerificationAnswer a) {
        return "UNKNOWN".equals(a.status()) ? HttpStatus.NOT_FOUND : HttpStatus.OK;
    }

    /**
     * Over the per-address limit: 429 problem with Retry-After (seconds); a request for the page gets it as a page
     * ({@link VerificationProblemPage}).
     */
    @ExceptionHandler(TooManyVerifications.class)
    public ResponseEntity<ProblemDetail> tooMany(TooManyVerifications e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many verification requests from your address; retry in " + e.retryAfterSeconds() + " s.");
        body.setType(URI.create("urn:kat:problem:too-many-requests"));
        body.setTitle("Too many requests");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(body);
    }

    /** The processing group that writes certificates (with the transcripts: {@code CertificateRule}). */
    static final String CERTIFICATES_GROUP = "transcripts";

    /**
     * The certificate's registration has an event its view could not apply (parked): the certificate as stored may be out of
     * date (e.g. VALID although CE hours it lists were withdrawn since), so it is not confirmed either way: 503
     * {@code certificate-under-review}, without Retry-After (it answers again once staff have resolved and retried the parked
     * event, not after a wait). A fresh reviewer's certificate read VALID for 48 h after a withdrawal stuck behind a parked
     * event. Public words only; the parked event is on the administrators' projections screen.
     */
    @ExceptionHandler(UnderReview.class)
    public ResponseEntity<ProblemDetail> underReview(UnderReview e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "This certificate's record is being updated and "
                + "cannot be confirmed just now, either as valid or as withdrawn. Try again later, or ask " + TranscriptQueries.PROVIDER
                + " to confirm it.");
        body.setType(URI.create("urn:kat:problem:certificate-under-review"));
        body.setTitle("Certificate under review");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore()).body(body);
    }

    /** A certificate whose registration has a parked event in its view. */
    static final class UnderReview extends RuntimeException {
        UnderReview() {
            super("certificate under review", null, false, false);
        }
    }

    /** The client's bucket is empty; {@code retryAfterSeconds} until the next request may go ahead. */
    static final class TooManyVerifications extends RuntimeException {
        private final long retryAfterSeconds;

        TooManyVerifications(long retryAfterSeconds) {
            super("rate limit reached", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
