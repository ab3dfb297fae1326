package com.polaris.kat.enrollment.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Request text that an event could carry but no projection could store faithfully is refused at
 * the door: the NUL character and the other C0 control characters except tab, line feed and
 * carriage return, DEL and the C1 controls (U+007F–U+009F: U+009B starts a terminal escape; a fresh reviewer's
 * reasons U+0085 U+009B were recorded), Unicode's noncharacters, and unpaired UTF-16 surrogates. PostgreSQL's text and jsonb cannot hold U+0000,
 * and a lone surrogate is not Unicode at all; accepted, such an event was immutable and parked its
 * stream in the read side (issue 11). Also the bidirectional embedding, override and isolate controls
 * (U+202A–U+202E, U+2066–U+2069; Unicode's "Trojan Source" class, CVE-2021-42574): stored in a reason
 * they reversed the rest of its line in the transcript PDF and the console (a fresh reviewer); the
 * directional marks U+200E and U+200F, which reorder nothing, stay allowed. A string field holding one is a {@code 400 malformed-request}
 * naming the field; nothing is stored. Registered on Spring's ObjectMapper (request bodies) only:
 * reading stored events goes through the events' own mapper and never refuses.
 */
@Configuration
public class StorableText {

    /** The Jackson module Spring Boot adds to the web layer's ObjectMapper. */
    @Bean
    public Module storableTextModule() {
        return new SimpleModule("storable-text").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String s = super.deserialize(p, ctxt);
                String problem = s == null ? null : problem(s);
                if (problem != null) {
                    throw com.fasterxml.jackson.databind.JsonMappingException.from(p, problem);
                }
                return s;
            }
        });
    }

    /** Unicode's noncharacters: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF … U+10FFFF). */
    private static boolean noncharacter(int cp) {
        return cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
    }

    private static String noncharacterProblem(int cp) {
        return "text may not contain the noncharacter U+" + String.format("%04X", cp) + ", which Unicode keeps out of text";
    }

    /** Why {@code s} cannot be stored as text, or null when it can. */
    public static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F) {
                return "text may not contain control character U+" + String.format("%04X", (int) c);
            }
            if (noncharacter(c)) {
                return noncharacterProblem(c);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(i + 1));
                    if (noncharacter(cp)) {
                        return noncharacterProblem(cp);
                    }
                    i++;
                    continue;
                }
                return "text may not contain an unpaired surrogate (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "text may not contain an unpaired surrogate (U+" + String.format("%04X", (int) c) + ")";
            }
            if (com.polaris.kat.security.strict.BidiControls.is(c)) {
                return "text may not contain the bidirectional control character U+" + String.format("%04X", (int) c)
                        + ": it reorders how the text after it reads on rosters, transcripts and certificates";
            }
        }
        return null;
    }
}
