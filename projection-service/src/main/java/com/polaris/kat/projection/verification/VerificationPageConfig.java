package com.polaris.kat.projection.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.thymeleaf.ITemplateEngine;

/**
 * Registers {@link VerificationProblemPage} for requests and the container's error dispatches, among the first filters
 * ({@code HIGHEST_PRECEDENCE}, with the correlation id's), so that it also turns into the page the refusals of a
 * {@code /verify/} request by the filters after it: the body size limit and the path's encoding ({@code HIGHEST_PRECEDENCE + 1};
 * {@code /verify/ABC;x=%ZZ} was answered JSON, a fresh reviewer's finding) and Spring Security's chain.
 */
@Configuration(proxyBeanMethods = false)
public class VerificationPageConfig {

    @Bean
    FilterRegistrationBean<VerificationProblemPage> verificationProblemPage(ITemplateEngine templates, ObjectMapper json) {
        FilterRegistrationBean<VerificationProblemPage> r = new FilterRegistrationBean<>(new VerificationProblemPage(templates, json));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        r.addUrlPatterns("/*");
        return r;
    }

    /** The web server's own refusals of a {@code /verify} request as the page ({@link VerificationRefusalValve}). */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory> verificationRefusalPages() {
        return com.polaris.kat.security.strict.StrictInputAutoConfiguration.errorReportValve(VerificationRefusalValve.class);
    }
}
