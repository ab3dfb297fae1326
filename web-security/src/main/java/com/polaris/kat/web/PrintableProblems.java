package com.polaris.kat.web;

import com.polaris.kat.security.strict.Problems;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.Map;

/**
 * Every RFC 9457 problem document a controller or handler of either service writes carries no bidirectional embedding,
 * override or isolate control in its {@code detail}, {@code title} or text members ({@code field}, {@code parameter}):
 * each is written as its code ("U+202E", {@link Problems#withoutBidiControls}). Problems repeat refused values (an enum's
 * text, an unknown field's name), and a fresh reviewer's refused {@code "PLATFORM_LOG\u202E"} came back with the control in
 * the detail and reordered it in the client that showed it. Problems written before Spring MVC (filters) go through
 * {@link Problems#write}, which does the same.
 */
@RestControllerAdvice
public class PrintableProblems implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail p) {
            p.setDetail(Problems.withoutBidiControls(p.getDetail()));
            p.setTitle(Problems.withoutBidiControls(p.getTitle()));
            Map<String, Object> properties = p.getProperties();
            if (properties != null) {
                properties.replaceAll((k, v) -> v instanceof String text ? Problems.withoutBidiControls(text) : v);
            }
        }
        return body;
    }
}
