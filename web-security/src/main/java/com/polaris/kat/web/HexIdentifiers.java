package com.polaris.kat.web;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Path variables and query (or form) parameters that are hexadecimal identifiers are read in either case: a UUID
 * (8-4-4-4-12 hexadecimal digits: registration, clinician, waitlist place and offer ids) or a SHA-256 digest (64
 * hexadecimal digits: a participant report's file) is lower-cased before the controller sees it, since the services
 * keep and compare them in lower case. Source: RFC 9562 section 4 ("case insensitive on input"); hexadecimal digests
 * have no case either. Any other value is passed on as sent, and headers are not touched (an {@code Idempotency-Key} is
 * kept as sent). A fresh reviewer's registration id typed in upper case had read as "no record" on the transcript, the
 * audit trail, certificates and commands.
 * <p>
 * Registered with Spring MVC's conversion service ({@code StrictInputAutoConfiguration}); applies to {@code String}
 * parameters annotated {@link PathVariable} or {@link RequestParam}.
 */
public final class HexIdentifiers implements ConditionalGenericConverter {

    private static final Pattern UUID_OR_SHA256 = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{64}");

    /**
     * The identifier as the services keep it.
     *
     * @param value a parameter's value as sent (may be null)
     * @return the value in lower case when it is a UUID or a SHA-256 digest in hexadecimal, else the value unchanged
     */
    public static String canonical(String value) {
        if (value == null || (value.length() != 36 && value.length() != 64) || !UUID_OR_SHA256.matcher(value).matches()) {
            return value;
        }
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, String.class));
    }

    @Override
    public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
        return targetType.hasAnnotation(PathVariable.class) || targetType.hasAnnotation(RequestParam.class);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        return source == null ? null : canonical((String) source);
    }
}
