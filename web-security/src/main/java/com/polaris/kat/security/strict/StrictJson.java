package com.polaris.kat.security.strict;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * How both services read JSON (issue 14): a value is taken as sent or refused, never guessed. An
 * unknown field, a duplicate key, a fraction where a whole number belongs (cents, a count), an enum
 * given as a number, and a scalar of another JSON type (text {@code "5"} for a number, a number or
 * {@code true} for text, {@code 1} for a boolean, {@code ""} for a number), a date that is not exactly
 * {@code YYYY-MM-DD} text, an instant that is not ISO 8601 text with its offset, and anything after the JSON value (a second
 * value, stray text: it had been ignored, so a body was read as its first value only) make the body unreadable,
 * which the services answer with 400 {@code malformed-request} naming the field. The same mapper
 * reads stored events, which the services wrote with these types.
 */
public final class StrictJson implements Jackson2ObjectMapperBuilderCustomizer {

    @Override
    public void customize(Jackson2ObjectMapperBuilder builder) {
        builder.featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(mapper -> {
                    for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer, CoercionInputShape.Float,
                            CoercionInputShape.Boolean}) {
                        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
                    }
                    for (LogicalType scalar : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
                        mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                    }
                    mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                    // registered after Jackson's JavaTimeModule, so these are found first
                    mapper.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("kat-strict-time")
                            .addDeserializer(LocalDate.class, new StrictLocalDate())
                            .addDeserializer(Instant.class, new StrictInstant()));
                });
    }

    /** ISO 8601's calendar date, its expanded years included (+300000-01-01, which the domain then refuses as out of range). */
    private static final Pattern DATE = Pattern.compile("[+-]?\\d{4,}-\\d{2}-\\d{2}");

    /**
     * A date as sent: JSON text of exactly {@code YYYY-MM-DD} (ISO 8601 calendar date; an expanded year with its sign). Jackson's own reader
     * also took a date-time ({@code "2035-09-24T10:00:00Z"}, its time dropped), padded text ({@code " 2035-10-29"}) and an
     * array ({@code [2035,11,12]}): found by a fresh reviewer, each moved a class day.
     */
    static final class StrictLocalDate extends StrictText<LocalDate> {
        StrictLocalDate() {
            super(LocalDate.class, "a date is YYYY-MM-DD, nothing before or after it", text -> {
                if (!DATE.matcher(text).matches()) {
                    throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
                }
                return LocalDate.parse(text);
            });
        }
    }

    /**
     * An instant as sent: JSON text in ISO 8601 with its offset ({@code 2026-11-30T17:00:00Z}, or {@code -08:00}); not a number
     * (seconds or milliseconds since 1970 would be a guess), nor text with spaces around it.
     */
    static final class StrictInstant extends StrictText<Instant> {
        StrictInstant() {
            super(Instant.class, "an instant is ISO 8601 with its offset, e.g. 2026-11-30T17:00:00Z",
                    text -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, OffsetDateTime::from).toInstant());
        }
    }

    /**
     * A value that JSON carries as text and is read from exactly that text: any other JSON token, or text {@code parse}
     * refuses ({@link DateTimeParseException}), is Jackson's mismatched input for the field (400 malformed-request).
     */
    abstract static class StrictText<T> extends StdScalarDeserializer<T> {
        private final String expected;
        private final java.util.function.Function<String, T> parse;

        StrictText(Class<T> type, String expected, java.util.function.Function<String, T> parse) {
            super(type);
            this.expected = expected;
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                return (T) ctxt.handleWeirdStringValue(handledType(), text, expected);
            }
        }
    }
}
