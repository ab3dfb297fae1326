package com.polaris.kat.security.strict;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.List;

/**
 * The other half of {@link AcceptForProblems}: that filter lets every Accept header admit
 * {@code application/problem+json} so refusals always have a body, but a success body must never
 * be sent as a problem (a client that accepts neither JSON nor anything else, e.g.
 * {@code Accept: text/csv} on a JSON view, would otherwise get 200 labelled
 * {@code application/problem+json}). A read (GET, HEAD) is then sent as {@code application/json} when the Accept header
 * gives JSON a quality above 0 ({@code application/problem+json, application/json}: Spring had picked the first listed),
 * else it is 406 {@code not-acceptable}, as it would have been without the filter; a command has already happened by the time its answer is
 * written, so its outcome is sent as {@code application/json} (RFC 9110 section 12.1 lets a server
 * disregard Accept) rather than a 406 that would hide a change made.
 * <p>
 * The project's own endpoints label JSON {@code application/json}: Spring had echoed the range the client named
 * ({@code application/json;foo=bar}, {@code application/vnd.foo+json}); a read whose Accept admits no
 * {@code application/json} (a vendor type alone) is 406 as above.
 * <p>
 * Also here: a read whose chosen type the Accept header refuses with quality 0 ({@link AcceptQuality}) is 406 too. Spring MVC
 * matches media ranges without their quality, so {@code Accept: *}{@code /*;q=0} got a PDF, and
 * {@code application/pdf;q=0, *}{@code /*} a PDF as well.
 */
@ControllerAdvice
public class SuccessIsNoProblem implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail) && isRead(request) && AcceptQuality.refused(AcceptQuality.ranges(String.join(", ", request.getHeaders().getOrEmpty(org.springframework.http.HttpHeaders.ACCEPT))), selected)) {
            // not Spring's "Acceptable representations: [the refused type]" (a fresh reviewer read it as the one to send)
            MediaType refused = new MediaType(selected.getType(), selected.getSubtype());
            ProblemDetail p = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.NOT_ACCEPTABLE, "The Accept header gives "
                    + refused + " quality 0, which refuses it (RFC 9110 12.4.2), and this request would be answered as " + refused
                    + "; ask for a type the API description lists for this path, with a quality above 0.");
            throw SuccessIsNoProblem.<RuntimeException>sneaky(new org.springframework.web.ErrorResponseException(
                    org.springframework.http.HttpStatus.NOT_ACCEPTABLE, p, null));
        }
        boolean problemLabel = MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(selected) && !selected.isWildcardSubtype();
        // Spring labels the JSON it writes with the range the client named: application/json;foo=bar, application/vnd.foo+json
        // (a fresh reviewer); the project's own endpoints answer application/json, as their descriptions say
        boolean otherJsonLabel = returnType.getContainingClass().getName().startsWith("com.polaris.kat.") && isJson(selected)
                && !MediaType.APPLICATION_JSON.equals(selected);
        if ((problemLabel || otherJsonLabel) && !(body instanceof ProblemDetail)) {
            String method = request.getMethod() == null ? "GET" : request.getMethod().name();
            // Spring chose the problem type for a success body because the client listed it first; when the same header
            // accepts JSON too (application/problem+json, application/json; or */*;q=0.1), the body goes as JSON: a client
            // that handles RFC 9457 problems had been refused every read (a fresh reviewer)
            boolean jsonAccepted = AcceptQuality.of(AcceptQuality.ranges(String.join(", ",
                    request.getHeaders().getOrEmpty(org.springframework.http.HttpHeaders.ACCEPT))), MediaType.APPLICATION_JSON) > 0;
            if ((method.equals("GET") || method.equals("HEAD")) && !jsonAccepted) {
                // thrown before anything is written; the services' problem handlers answer it as 406 not-acceptable
                throw SuccessIsNoProblem.<RuntimeException>sneaky(new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON)));
            }
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        }
        return body;
    }

    /** application/json or application/*+json, with or without parameters; not a wildcard. */
    private static boolean isJson(MediaType type) {
        return "application".equals(type.getType()) && !type.isWildcardSubtype()
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }

    private static boolean isRead(ServerHttpRequest request) {
        return request.getMethod() == null || "GET".equals(request.getMethod().name()) || "HEAD".equals(request.getMethod().name());
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
