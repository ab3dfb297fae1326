package com.polaris.kat.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.web.client.RestClientResponseException;

/**
 * A service's refusal (its RFC 9457 problem: status, type slug, title, detail, and the parameter it
 * names, if any), shown to the person as a message at the field it concerns or at the top of the page.
 */
public class ServiceProblem extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final String detail;
    private final String parameter;

    /** A problem as the service described it. */
    public ServiceProblem(int status, String slug, String title, String detail, String parameter) {
        super(status + " " + slug + ": " + detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.detail = detail;
        this.parameter = parameter;
    }

    /** Reads the problem body of a refused call (or describes a response that had none). */
    static ServiceProblem from(RestClientResponseException e, ObjectMapper json) {
        try {
            JsonNode p = json.readTree(e.getResponseBodyAsByteArray());
            String type = p.path("type").asText("");
            String slug = type.startsWith("urn:kat:problem:") ? type.substring("urn:kat:problem:".length()) : "http-" + e.getStatusCode().value();
            return new ServiceProblem(e.getStatusCode().value(), slug, p.path("title").asText(e.getStatusText()),
                    p.path("detail").asText(e.getStatusText()), p.hasNonNull("parameter") ? p.get("parameter").asText() : null);
        } catch (Exception notJson) {
            return new ServiceProblem(e.getStatusCode().value(), "http-" + e.getStatusCode().value(), e.getStatusText(),
                    "The service answered " + e.getStatusCode().value() + ".", null);
        }
    }

    /** The HTTP status the service answered. */
    public int status() {
        return status;
    }

    /** The problem type's slug ({@code urn:kat:problem:<slug>}), e.g. "invalid-capacity". */
    public String slug() {
        return slug;
    }

    /** The problem's title. */
    public String title() {
        return title;
    }

    /** The problem's detail, written for people. */
    public String detail() {
        return detail;
    }

    /** The request parameter the problem names, or null. */
    public String parameter() {
        return parameter;
    }
}
