package com.polaris.kat.projection.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Text as PostgreSQL can hold it: U+0000 and unpaired UTF-16 surrogates (which text and jsonb
 * columns refuse, or the driver silently turns into "?") are projected as U+FFFD, the Unicode
 * replacement character, so a view shows where a character could not be kept. The event itself
 * keeps the original. The enrollment service refuses such text since issue 11; this keeps any event
 * stored before that (or written by another producer) from parking its stream.
 */
public final class StorableText {

    private static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** {@code s} with each character PostgreSQL cannot store replaced by U+FFFD; the same instance when none. */
    public static String of(String s) {
        if (s == null || storable(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                b.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append(REPLACEMENT);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean storable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The tree with every text value and field name made storable (in place where possible). */
    public static JsonNode of(JsonNode node) {
        if (node instanceof TextNode t) {
            String v = of(t.textValue());
            return v == t.textValue() ? t : TextNode.valueOf(v);
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, of(a.get(i)));
            }
        } else if (node instanceof ObjectNode o) {
            Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(of(e.getKey()), of(e.getValue()));
            }
            o.removeAll();
            o.setAll(fields);
        }
        return node;
    }
}
