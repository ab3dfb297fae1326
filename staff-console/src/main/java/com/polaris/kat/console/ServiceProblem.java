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
    private final java.util.Map<String, String> fieldMessages;

    /** A problem as the service described it. */
    public ServiceProblem(int status, String slug, String title, String detail, String parameter) {
        this(status, slug, title, detail, parameter, java.util.Map.of());
    }

    /** A problem with the request body's fields it names (400 invalid-request's {@code errors}: field → message). */
    public ServiceProblem(int status, String slug, String title, String detail, String parameter, java.util.Map<String, String> fieldMessages) {
        super(status + " " + slug + ": " + detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.detail = detail;
        this.parameter = parameter;
        this.fieldMessages = java.util.Map.copyOf(fieldMessages);
    }

    /** Reads the problem body of a refused call (or describes a response that had none). */
    static ServiceProblem from(RestClientResponseException e, ObjectMapper json) {
        try {
            JsonNode p = json.readTree(e.getResponseBodyAsByteArray());
            String type = p.path("type").asText("");
            String slug = type.startsWith("urn:kat:problem:") ? type.substring("urn:kat:problem:".length()) : "http-" + e.getStatusCode().value();
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            for (JsonNode error : p.path("errors")) {
                if (error.hasNonNull("field")) {
                    fields.merge(error.get("field").asText(), error.path("message").asText(""), (a, b) -> a + "; " + b);
                }
            }
            return new ServiceProblem(e.getStatusCode().value(), slug, p.path("title").asText(e.getStatusText()),
                    forStaff(unusableText(p.path("detail").asText(e.getStatusText()))), p.hasNonNull("parameter") ? p.get("parameter").asText()
                            : p.hasNonNull("field") ? p.get("field").asText() : null, fields);
        } catch (Exception notJson) {
            return new ServiceProblem(e.getStatusCode().value(), "http-" + e.getStatusCode().value(), e.getStatusText(),
                    "The service answered " + e.getStatusCode().value() + ".", null);
        }
    }

    /** The projection service's advice to API clients on a 404 (read with minPosition), where a sentence begins. */
    static final String READ_AFTER_WRITE_ADVICE = " If a command just wrote it, it may not be visible yet: read with minPosition";

    /**
     * A problem's detail as staff read it: without the projection service's advice to API clients on a 404 of what a
     * command writes ("… read with minPosition set to that command's KAT-Event-Position"), which names nothing a person
     * can do on a page (the console passes the position itself after its own commands).
     */
    static String forStaff(String detail) {
        int advice = detail == null ? -1 : detail.indexOf(READ_AFTER_WRITE_ADVICE);
        return advice < 0 ? detail : detail.substring(0, advice);
    }

    private static final java.util.regex.Pattern UNUSABLE = java.util.regex.Pattern.compile(
            "Field '([^']+)' has a value that cannot be used: text may not contain (?:control character |an unpaired surrogate \\()(U\\+[0-9A-F]{4}).*");

    /**
     * The service's refusal of text it cannot store ("Field 'reason' has a value that cannot be used: text may not contain
     * control character U+0007"), in words staff read beside the input: "Reason: it has an invisible character (U+0007),
     * pasted with it perhaps; type it again." Any other detail as it is (fresh reviewers found the service's words on
     * the set-aside and class-day move forms).
     */
    static String unusableText(String detail) {
        java.util.regex.Matcher m = detail == null ? null : UNUSABLE.matcher(detail);
        if (m == null || !m.matches()) {
            return detail;
        }
        String field = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
        String label = humane(field, "x");
        return label.substring(0, label.length() - 1) + "it has an invisible character (" + m.group(2) + "), pasted with it perhaps; type it again.";
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

    /** The body's fields the problem names, each with the service's message (field → message; empty when it names none). */
    public java.util.Map<String, String> fieldMessages() {
        return fieldMessages;
    }

    /**
     * Messages for a form, field → message: each body field the problem names (a field the form does not
     * have goes to {@code otherField}), else the field its parameter or slug points to ({@link FieldErrors#field});
     * empty when it concerns the form as a whole.
     */
    public java.util.Map<String, String> messagesByField(java.util.Map<String, String> fieldBySlugWord, String otherField) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        fieldMessages.forEach((field, message) -> out.merge(fieldBySlugWord.containsValue(field) ? field : otherField, humane(field, message),
                (a, b) -> a + "; " + b));
        String field = FieldErrors.field(this, fieldBySlugWord);
        if (out.isEmpty() && field != null) {
            out.put(field, detail);
        }
        return out;
    }

    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("size must be between (\\d+) and (\\d+)");
    private static final java.util.regex.Pattern BOUND = java.util.regex.Pattern.compile("must be (greater|less) than or equal to (-?\\d+)");
    /** The enrollment service's own words for lengths and bounds (web/FieldMessages): "must be at most 500 characters (612 given)". */
    private static final java.util.regex.Pattern LIMIT = java.util.regex.Pattern.compile(
            "must (?:be|have) ((?:at most|at least) -?\\d+(?: characters| items)?|between \\d+ and \\d+ (?:characters|items)|0 or more)"
                    + "(?: \\((\\d+) given\\))?");

    /**
     * A field message of the service's (Bean Validation's words about a request field, e.g. "offerWindowMinutes" and "must be
     * greater than or equal to 1") as a person reads it beside a form field: "Offer window minutes: at least 1."; a
     * blank required field "Give the reason."; a length limit "Reason: at most 500 characters; 612 given."; any other message
     * after the field's name in words.
     */
    static String humane(String field, String message) {
        if (field == null || field.isBlank()) {
            return message;
        }
        String label = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT).replace("ce option", "CE option");
        String named = Character.toUpperCase(label.charAt(0)) + label.substring(1) + ": ";
        String m = message == null ? "" : message.strip();
        if (m.equals("must not be blank") || m.equals("must not be null") || m.equals("must not be empty")) {
            return "Give the " + label + ".";
        }
        java.util.regex.Matcher size = SIZE.matcher(m);
        if (size.matches()) {
            return named + (size.group(1).equals("0") ? "at most " + size.group(2)
                    : "between " + size.group(1) + " and " + size.group(2)) + " characters.";
        }
        java.util.regex.Matcher limit = LIMIT.matcher(m);
        if (limit.matches()) {
            return named + limit.group(1) + (limit.group(2) == null ? "" : "; " + limit.group(2) + " given") + ".";
        }
        java.util.regex.Matcher bound = BOUND.matcher(m);
        if (bound.matches()) {
            return named + "at " + (bound.group(1).equals("greater") ? "least " : "most ") + bound.group(2) + ".";
        }
        return named + m;
    }

    /** The request parameter the problem names, or null. */
    public String parameter() {
        return parameter;
    }
}
