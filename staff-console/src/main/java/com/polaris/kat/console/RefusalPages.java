package com.polaris.kat.console;

import com.polaris.kat.security.strict.ProblemErrorReportValve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;

/**
 * The console's answer to requests the web server refuses before the console sees them (an address or header section
 * longer than it reads, more than 100 header fields, an unreadable request line or Content-Length): a console page
 * with the status the services' problems give (414, 431, 400, 501; {@link ProblemErrorReportValve#refusal}) and what
 * to do, instead of Tomcat's own page. Reason: a fresh reviewer got "HTTP Status 400 – Bad Request" from Tomcat for
 * these on the console while the services answered 414/431 stating the limit (RFC 9110, RFC 6585).
 */
@Configuration(proxyBeanMethods = false)
public class RefusalPages {

    /** Installs {@link Valve} as the host's error report valve. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> consoleRefusalPages() {
        return com.polaris.kat.security.strict.StrictInputAutoConfiguration.errorReportValve(Valve.class);
    }

    /** Tomcat's error report valve for the console: a page, in the console's style, per refusal. */
    public static class Valve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (!ProblemErrorReportValve.mayAnswer(response)) {
                return;
            }
            ProblemErrorReportValve.Refusal r = ProblemErrorReportValve.refusal(request, response.getStatus(), throwable);
            String advice = r.status() == 414 || r.status() == 431
                    ? "If you followed a link, go back to your screens; if this keeps happening, clear this site's cookies and sign in again."
                    : "Go back to your screens and try again.";
            String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(r.title())
                    + " · KAT staff console</title><link rel=\"stylesheet\" href=\"/css/console.css\"></head>\n<body><header><strong>"
                    + "<a href=\"/\">KAT staff console</a></strong></header>\n<main id=\"error-page\"><h1>" + r.status() + " "
                    + HtmlUtils.htmlEscape(r.title()) + "</h1><p>" + HtmlUtils.htmlEscape(r.detail()) + "</p><p>" + advice
                    + "</p><p><a href=\"/\">Back to your screens</a></p></main></body></html>\n";
            ProblemErrorReportValve.writePage(response, r.status(), html.getBytes(StandardCharsets.UTF_8));
        }
    }
}
