package com.polaris.kat.security.strict;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller or one of its handler methods: {@link RequestShape} does not refuse query parameters the endpoint does not
 * read. For public pages reached through links printed or shared outside the service (a certificate's QR code, a link pasted
 * in a message), to which sites and mail clients append their own parameters ({@code utm_source}, {@code fbclid}); the
 * endpoint still reads only its own. Every other endpoint answers an unknown query parameter with 400 {@code invalid-query}.
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface AnyQueryParameters {
}
