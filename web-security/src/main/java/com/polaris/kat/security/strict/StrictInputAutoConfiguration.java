package com.polaris.kat.security.strict;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;

/**
 * Issue 14's strict reading of requests, for both services: JSON ({@link StrictJson}), Content-Type ({@link MediaTypeCheck}),
 * refusals as problems whatever the Accept header ({@link AcceptForProblems}), the security
 * firewall's rejections (an empty path segment, an encoded slash or percent, a dot segment) and
 * Tomcat's own error answers as problems, and path variables and Idempotency-Key
 * ({@link RequestShape}; a service declares its {@link RequestShape.Rules} bean, else every path
 * variable may have up to 40 characters and Idempotency-Key is not checked).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class StrictInputAutoConfiguration {

    /**
     * The message converters Spring MVC adds because a library is on the class path (jackson-dataformat-yaml comes with
     * springdoc) for representations the APIs do not document: YAML, XML, Smile, CBOR.
     */
    static final java.util.Set<String> UNDOCUMENTED_REPRESENTATIONS = java.util.Set.of(
            "org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter",
            "org.springframework.http.converter.xml.MappingJackson2XmlHttpMessageConverter",
            "org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter",
            "org.springframework.http.converter.smile.MappingJackson2SmileHttpMessageConverter",
            "org.springframework.http.converter.cbor.MappingJackson2CborHttpMessageConverter");

    /**
     * Bodies are written as the API descriptions say (JSON; CSV and PDF by the endpoints that make them), never in a type
     * Spring MVC would also offer: {@code Accept: application/yaml} had answered reads and commands as YAML, with dates as
     * arrays (a fresh reviewer), where the APIs document JSON; such a read is now 406 and a command answers JSON.
     */
    @Bean
    WebMvcConfigurer documentedRepresentationsOnly() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(java.util.List<org.springframework.http.converter.HttpMessageConverter<?>> converters) {
                converters.removeIf(c -> UNDOCUMENTED_REPRESENTATIONS.contains(c.getClass().getName()));
            }
        };
    }

    /** UUIDs and SHA-256 digests in paths and query parameters read in either case ({@link com.polaris.kat.web.HexIdentifiers}). */
    @Bean
    WebMvcConfigurer hexIdentifiersInEitherCase() {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(org.springframework.format.FormatterRegistry registry) {
                registry.addConverter(new com.polaris.kat.web.HexIdentifiers());
            }
        };
    }

    /** Request (and event) JSON read strictly: {@link StrictJson}. */
    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    /** OPTIONS answers without an empty Accept-Patch header ({@link NoEmptyAcceptPatch}). */
    @Bean
    FilterRegistrationBean<NoEmptyAcceptPatch> noEmptyAcceptPatch() {
        var r = new FilterRegistrationBean<>(new NoEmptyAcceptPatch());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return r;
    }

    @Bean
    FilterRegistrationBean<MediaTypeCheck> mediaTypeCheck() {
        var r = new FilterRegistrationBean<>(new MediaTypeCheck());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return r;
    }

    /** A path with a broken percent-encoding is 400 invalid-path, before the security filters decode it ({@link PathEncoding}). */
    @Bean
    FilterRegistrationBean<PathEncoding> pathEncoding(
            @org.springframework.beans.factory.annotation.Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
        var r = new FilterRegistrationBean<>(PathEncoding.forApis(actuatorBasePath));
        // after the first filters (HIGHEST_PRECEDENCE), among them the read side's verification page, which turns this refusal of a
        // /verify/ address into a page for a browser (a fresh reviewer's /verify/ABC;x=%ZZ was shown JSON); alone at its place,
        // before the headers' and the body's checks (+2) and every filter that reads the path: a broken path is refused as such
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return r;
    }

    /** One Authorization and one Content-Type header at most, checked before the security filters read them ({@link SingleFieldHeaders}). */
    @Bean
    FilterRegistrationBean<SingleFieldHeaders> singleFieldHeaders() {
        var r = new FilterRegistrationBean<>(new SingleFieldHeaders());
        // ahead of MediaTypeCheck (+3), which reads the first Content-Type: two answered 415 or went through by their order
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return r;
    }

    @Bean
    SuccessIsNoProblem successIsNoProblem() {
        return new SuccessIsNoProblem();
    }

    @Bean
    FilterRegistrationBean<AcceptForProblems> acceptForProblems() {
        var r = new FilterRegistrationBean<>(new AcceptForProblems());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return r;
    }

    /**
     * Spring Security's strict firewall with its defaults, its header rule checked without regular expressions
     * ({@link HeaderCharacters}); Spring Security's {@code WebSecurity} hands the {@code HttpFirewall} bean to the
     * security filters.
     */
    @Bean
    org.springframework.security.web.firewall.HttpFirewall strictHttpFirewall() {
        var firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
        firewall.setAllowedHttpMethods(FirewallRejections.METHODS);
        return firewall;
    }

    /** Spring Security's firewall refusals as problems: a header's ({@code invalid-header}, {@code invalid-idempotency-key}) or the path's ({@link FirewallRejections}). */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return new FirewallRejections();
    }

    /** Every header read once through the firewall, right after the security filters ({@link FirewallRejections.ReadEveryHeader}). */
    @Bean
    FilterRegistrationBean<FirewallRejections.ReadEveryHeader> readEveryHeader() {
        var r = new FilterRegistrationBean<>(new FirewallRejections.ReadEveryHeader());
        r.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return r;
    }

    /** Applied first, so that a service's own valve (the console's pages, the verification's) installed with {@link #errorReportValve} wins. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return errorReportValve(ProblemErrorReportValve.class, Ordered.HIGHEST_PRECEDENCE);
    }

    /**
     * Installs {@code valve} as the host's error report valve: what answers Tomcat's own refusals (the services' problems,
     * {@link ProblemErrorReportValve}; the staff console's pages).
     */
    public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> errorReportValve(
            Class<? extends org.apache.catalina.valves.ErrorReportValve> valve) {
        return errorReportValve(valve, 0);
    }

    /**
     * {@link #errorReportValve(Class)}, applied in {@code order} among the web server's customizers (the last applied wins).
     * The order is the customizer's own ({@link Ordered}): Spring Boot sorts the customizer instances, so an {@code @Order}
     * on the bean method is not seen, and the services' valves had lost to this module's by bean registration order.
     */
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> errorReportValve(
            Class<? extends org.apache.catalina.valves.ErrorReportValve> valve, int order) {
        record ValveCustomizer(String valveClass, int order) implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        host.setErrorReportValveClass(valveClass);
                    }
                });
            }

            @Override
            public int getOrder() {
                return order;
            }
        }
        return new ValveCustomizer(valve.getName(), order);
    }

    /**
     * A client that sends {@code Expect: 100-continue} is told to send its body only when the application reads it
     * (Tomcat's {@code continueResponseTiming=onRead}): a body refused unread (too large by its Content-Length, or a request
     * refused before its body matters) gets its final status instead of an invitation to upload first (RFC 9110, 10.1.1).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof org.apache.coyote.http11.AbstractHttp11Protocol<?> http) {
                http.setContinueResponseTiming("onRead");
            }
        });
    }

    @Bean
    WebMvcConfigurer requestShape(ObjectProvider<RequestShape.Rules> rules) {
        RequestShape.Rules r = rules.getIfAvailable(() -> new RequestShape.Rules(Map.of(), 40, false));
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RequestShape(r));
            }
        };
    }
}
