package com.polaris.kat.projection.verification;

import com.polaris.kat.security.strict.ProblemErrorReportValve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Collections;
import java.util.List;

/**
 * The web server's own refusals of a {@code /verify} request (Tomcat answers 400 before the application sees a path with
 * an encoded slash, NUL or backslash, e.g. {@code /verify/KAT%2F1}) as the verification's refusal page
 * ({@link VerificationProblemPage#render}) for a request that would get the page ({@link VerificationProblemPage#wantsPage});
 * every other refusal stays the services' problem JSON ({@link ProblemErrorReportValve}). Status, title and detail are
 * {@link ProblemErrorReportValve#refusal}'s, so the classification lives there only. A request line longer than the server
 * reads (414) carries no path it could be told by, and stays JSON. Tomcat creates this valve by its class name, outside
 * Spring, so it renders the same template with a Thymeleaf engine of its own. Reason: a fresh reviewer's browser was shown
 * JSON for {@code %2F}, {@code %00} and {@code ..%2F} in a typed code.
 */
public class VerificationRefusalValve extends ProblemErrorReportValve {

    private static final class Templates {
        static final SpringTemplateEngine ENGINE = engine();

        private static SpringTemplateEngine engine() {
            ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(VerificationRefusalValve.class.getClassLoader());
            resolver.setPrefix("templates/");
            resolver.setSuffix(".html");
            resolver.setTemplateMode(TemplateMode.HTML);
            resolver.setCharacterEncoding("UTF-8");
            SpringTemplateEngine engine = new SpringTemplateEngine(); // Spring's expression language, as the service's own engine
            engine.setTemplateResolver(resolver);
            return engine;
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        Refusal r = refusal(request, response.getStatus(), throwable);
        if (!VerificationProblemPage.isVerificationPath(r.instance()) || !VerificationProblemPage.wantsPage(accept(request))) {
            super.report(request, response, throwable);
            return;
        }
        if (!mayAnswer(response)) {
            return;
        }
        writePage(response, r.status(), VerificationProblemPage.render(Templates.ENGINE, r.status(),
                com.polaris.kat.web.Problems.TYPE_PREFIX + r.slug(), r.title(), r.detail(), null, r.instance()));
    }

    /** The request's Accept header lines as Tomcat read them (none when it read no header). */
    private static List<String> accept(Request request) {
        return Collections.list(request.getCoyoteRequest().getMimeHeaders().values("accept"));
    }
}
