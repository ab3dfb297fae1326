package com.polaris.kat.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The contract every operation of a service's OpenAPI description keeps (issue 14), checked in Java
 * so that {@code mvn verify} alone catches a regression (infra/test.sh also runs Redocly's linter):
 * <ul>
 * <li>a summary;</li>
 * <li>a success response whose JSON body is a named, typed schema (a {@code $ref} to a component
 * with properties and an example: no free-form object), or a CSV string;</li>
 * <li>a {@code Location} header on every 201;</li>
 * <li>401 and 403, and every other 4xx/5xx, as {@code application/problem+json} with the Problem schema;</li>
 * <li>503 {@code database-unavailable}, which any operation answers while the database is out of reach.</li>
 * </ul>
 */
public final class ApiContractCheck {

    private ApiContractCheck() {
    }

    /**
     * Writes a service's OpenAPI description to {@code target/openapi/<service>.json}, where
     * infra/test.sh lints it with Redocly's recommended rules after Maven.
     */
    public static void write(String service, String description) {
        try {
            java.nio.file.Path out = java.nio.file.Path.of("target", "openapi", service + ".json");
            java.nio.file.Files.createDirectories(out.getParent());
            java.nio.file.Files.writeString(out, description);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every breach of the contract in the description, one line each; empty when it keeps it. */
    public static List<String> breaches(String description) throws IOException {
        JsonNode api = new ObjectMapper().readTree(description);
        JsonNode schemas = api.path("components").path("schemas");
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                if (o.path("summary").asText("").isBlank()) {
                    out.add(where + ": no summary");
                }
                JsonNode responses = o.path("responses");
                boolean success = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = responses.fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    String status = r.getKey();
                    JsonNode content = r.getValue().path("content");
                    if (status.startsWith("2")) {
                        success = true;
                        checkSuccess(where + " " + status, content, schemas, out);
                        if (status.equals("201") && r.getValue().path("headers").path("Location").isMissingNode()) {
                            out.add(where + " 201: no Location header");
                        }
                    } else if (!content.has("application/problem+json") && content.has("application/json")) {
                        // an error status the operation answers with its own content (the public verification's 404): typed
                        checkSuccess(where + " " + status, content, schemas, out);
                    } else {
                        JsonNode problem = content.path("application/problem+json").path("schema").path("$ref");
                        if (!problem.asText().equals("#/components/schemas/Problem") || content.size() != 1) {
                            out.add(where + " " + status + ": not application/problem+json with the Problem schema");
                        }
                    }
                }
                if (!success) {
                    out.add(where + ": no success response");
                }
                // every operation reads or writes the database: 503 database-unavailable while it is out of reach (a fresh
                // reviewer found it in none)
                if (!responses.path("503").path("description").asText("").contains("urn:kat:problem:database-unavailable")) {
                    out.add(where + ": 503 database-unavailable not documented");
                }
                // a public operation (security: []) cannot answer 403; it answers 401 to credentials sent and wrong
                boolean open = o.has("security") && o.path("security").isEmpty();
                for (String status : open ? List.of("401") : List.of("401", "403")) {
                    if (responses.path(status).isMissingNode()) {
                        out.add(where + ": " + status + " not documented");
                    }
                }
            }
        }
        return out;
    }

    private static void checkSuccess(String where, JsonNode content, JsonNode schemas, List<String> out) {
        if (content.isMissingNode() || content.isEmpty()) {
            out.add(where + ": no body schema");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext(); ) {
            Map.Entry<String, JsonNode> t = types.next();
            JsonNode schema = t.getValue().path("schema");
            if (t.getKey().equals("application/pdf")) {
                if (!schema.path("type").asText().equals("string")) {
                    out.add(where + " " + t.getKey() + ": not a string");
                }
                continue;
            }
            if (t.getKey().startsWith("text/csv") || t.getKey().equals("text/html")) {
                if (!schema.path("type").asText().equals("string")) {
                    out.add(where + " " + t.getKey() + ": not a string");
                }
                continue;
            }
            if (!t.getKey().equals("application/json")) {
                out.add(where + ": media type " + t.getKey() + " (expected application/json)");
            }
            String ref = schema.path("$ref").asText("");
            if (!ref.startsWith("#/components/schemas/")) {
                out.add(where + ": body is not a named schema: " + schema);
                continue;
            }
            JsonNode named = schemas.path(ref.substring("#/components/schemas/".length()));
            if (named.path("properties").isEmpty()) {
                out.add(where + ": " + ref + " has no properties (an untyped object)");
            }
            if (named.path("example").isMissingNode() && !ref.contains("/Page")) {
                out.add(where + ": " + ref + " has no example");
            }
        }
    }
}
