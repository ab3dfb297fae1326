package com.polaris.kat.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.web.servlet.error.AbstractErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;
import java.util.Map;

/**
 * The console's error page for every client: a refusal the console gives through the servlet's error dispatch (a field
 * sent twice, a form that could not be read whole, a page that does not exist) renders {@code templates/error.html} (or
 * {@code error/<status>.html}) with the status, whatever the request's {@code Accept} says. Spring Boot's own error
 * controller answered a client that did not ask for HTML (curl's {@code Accept: *}{@code /*}) with its JSON map, which is
 * no console page (a fresh reviewer's finding); the console serves screens only, its API is the services'.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ErrorPages extends AbstractErrorController {

    /** Boot's error attributes (status, error, path) and its view resolvers ({@code error/<status>}, then {@code error}). */
    public ErrorPages(ErrorAttributes errorAttributes, List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, errorViewResolvers);
    }

    /**
     * {@code OPTIONS} of the error path asked for as an address: as {@link #page} (a mapping without methods does not take
     * OPTIONS, which Spring MVC then answered 200 with an Allow list, a fresh reviewer's).
     *
     * @throws org.springframework.web.servlet.resource.NoResourceFoundException for a request that is no error dispatch
     */
    @RequestMapping(method = org.springframework.web.bind.annotation.RequestMethod.OPTIONS)
    public ModelAndView options(HttpServletRequest request, HttpServletResponse response)
            throws org.springframework.web.servlet.resource.NoResourceFoundException {
        return page(request, response);
    }

    /**
     * The error page for the status the refusal set (500 when none was set), as {@code text/html}. Asked for as an address
     * ({@code GET /error}, no error dispatch): the 404 page, like any page that does not exist (it showed "999 None").
     *
     * @throws org.springframework.web.servlet.resource.NoResourceFoundException for a request that is no error dispatch
     */
    @RequestMapping
    public ModelAndView page(HttpServletRequest request, HttpServletResponse response)
            throws org.springframework.web.servlet.resource.NoResourceFoundException {
        com.polaris.kat.web.ProblemErrorController.refuseUnlessForwarded(request);
        HttpStatus status = getStatus(request);
        // the console's own refusals say what was wrong ("The field q is sent more than once."): their message is shown for a
        // 400 or 413 (a fresh reviewer could not tell which field); never for anything else (a 500's message is internal)
        boolean says = status == HttpStatus.BAD_REQUEST || status == HttpStatus.PAYLOAD_TOO_LARGE;
        Map<String, Object> model = java.util.Collections.unmodifiableMap(getErrorAttributes(request,
                says ? ErrorAttributeOptions.defaults().including(ErrorAttributeOptions.Include.MESSAGE) : ErrorAttributeOptions.defaults()));
        response.setStatus(status.value());
        ModelAndView view = resolveErrorView(request, response, status, model);
        return view != null ? view : new ModelAndView("error", model, status);
    }
}
