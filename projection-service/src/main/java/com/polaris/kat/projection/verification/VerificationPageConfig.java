package com.polaris.kat.projection.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.thymeleaf.ITemplateEngine;

/**
 * Registers {@link VerificationProblemPage} for requests and the container's error dispatches, right after the
 * correlation id and body size filters (so it also turns the security filters' refusals of a {@code /verify/} request
 * into the page) and before Spring Security's chain.
 */
@Configuration(proxyBeanMethods = false)
public class VerificationPageConfig {

    @Bean
    FilterRegistrationBean<VerificationProblemPage> verificationProblemPage(ITemplateEngine templates, ObjectMapper json) {
        FilterRegistrationBean<VerificationProblemPage> r = new FilterRegistrationBean<>(new VerificationProblemPage(templates, json));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
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
