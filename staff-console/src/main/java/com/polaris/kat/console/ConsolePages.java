package com.polaris.kat.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Sign-in, the start page (links to the signed-in person's own screens) and the 403 page. */
@Controller
public class ConsolePages {

    /** The session attribute holding the sign-in a service refused (401), until another replaces it. */
    static final String REFUSED_SIGN_IN = "kat.console.refused-sign-in";

    private final PagesToReturnTo pages;
    private final boolean provider;

    /**
     * @param pages the pages signed-out tabs asked for
     * @param mode  {@code kat.security.mode}: "local" (the form) or "jwt" (the identity provider's sign-in)
     */
    public ConsolePages(PagesToReturnTo pages, @org.springframework.beans.factory.annotation.Value("${kat.security.mode:jwt}") String mode) {
        this.pages = pages;
        this.provider = !"local".equals(mode);
    }

    /**
     * The sign-in form (local mode), or in OpenID Connect mode a link to the identity provider's sign-in (after a failed
     * sign-in there, or a session a service no longer accepts). {@code return}: the key of the page this tab asked for ({@link PagesToReturnTo}), sent
     * back with the form so that signing in returns there; a malformed key is left out (the home page). Already signed in
     * (from another tab), the page is reloaded: straight to the page this tab asked for; not while the sign-in a service
     * refused ({@code expired}) is still the session's, which would lead back here.
     */
    @GetMapping("/login")
    public org.springframework.web.servlet.ModelAndView login(
            @org.springframework.web.bind.annotation.RequestParam(name = PagesToReturnTo.KEY, required = false) String back,
            Authentication auth, HttpServletRequest request, HttpServletResponse response) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        boolean stillRefused = request.getParameter("expired") != null && session != null
                && auth != null && auth.equals(session.getAttribute(REFUSED_SIGN_IN)); // equal across a session store's copies, unlike identity
        // a failed sign-in (a wrong password, a refusal at the provider) shows its message, whoever the session still holds (a
        // fresh reviewer's failure after a refused session went to the page, then to "Your session has ended")
        if (auth != null && auth.isAuthenticated() && !stillRefused && request.getParameter("error") == null) {
            org.springframework.security.web.savedrequest.SavedRequest page = pages.getRequest(request, response);
            if (page != null) {
                // the address as it was sent: no template variables read in its query, no model attributes added to it
                var to = new org.springframework.web.servlet.view.RedirectView(page.getRedirectUrl());
                to.setExpandUriTemplateVariables(false);
                to.setExposeModelAttributes(false);
                return new org.springframework.web.servlet.ModelAndView(to);
            }
        }
        String key = PagesToReturnTo.wellFormed(back);
        var page = new org.springframework.web.servlet.ModelAndView("console/login", "returnKey", key);
        if (provider) {
            // OpenID Connect: no form here (it had been shown, and sending it was a 405: a fresh reviewer's), a link to the
            // identity provider's sign-in that keeps this tab's page
            page.addObject("providerSignIn", PagesToReturnTo.withKey("/oauth2/authorization/kat", key));
        }
        return page;
    }

    /** The start page: the screens of the person's roles. */
    @GetMapping("/")
    public String home() {
        return "console/home";
    }

    /**
     * What a person sees on a screen their role does not cover, or after a form without a valid CSRF
     * token: a page, answered 403, whatever the method of the refused request (it is forwarded here).
     */
    @org.springframework.web.bind.annotation.RequestMapping("/forbidden")
    public String forbidden(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response, org.springframework.ui.Model model) {
        response.setStatus(403);
        // a form without a valid CSRF token is no question of role: say what happened (found by a new user, who read "your role")
        model.addAttribute("staleForm", request.getAttribute(org.springframework.security.web.WebAttributes.ACCESS_DENIED_403)
                instanceof org.springframework.security.web.csrf.CsrfException);
        return "console/forbidden";
    }

    /** Model attributes every page uses: who is signed in and with which roles. */
    @ControllerAdvice
    public static class Common {

        private final PagesToReturnTo pages;

        /** @param pages the pages signed-out tabs asked for (a page whose service no longer accepts the session is kept too) */
        public Common(PagesToReturnTo pages) {
            this.pages = pages;
        }

        /** The signed-in person's name, or null. */
        @ModelAttribute("user")
        public String user(Authentication auth) {
            return auth == null ? null : auth.getName();
        }

        /** The signed-in person's roles without the ROLE_ prefix. */
        @ModelAttribute("roles")
        public Set<String> roles(Authentication auth) {
            return auth == null ? Set.of() : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
        }

        /**
         * A refusal no form handled: 403 from a service is the 403 page, 401 sends the person to sign
         * in again, anything else is a page naming the problem (never a stack trace).
         */
        @ExceptionHandler(ServiceProblem.class)
        public String problem(ServiceProblem p, Model model, HttpServletRequest request, HttpServletResponse response) {
            if (p.status() == 401) {
                // the service no longer accepts the session: a part of a page htmx refreshes reloads the page (never the sign-in
                // page swapped into it, a fresh reviewer's), which comes here as a navigation; signing in again returns to it
                if (ConsoleSecurity.reloadPage(request, response)) {
                    return null;
                }
                pages.saveRequest(request, response);
                request.getSession().setAttribute(REFUSED_SIGN_IN,
                        org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication());
                return "redirect:" + PagesToReturnTo.withKey("/login?expired", PagesToReturnTo.keyOf(request));
            }
            model.addAttribute("problem", p);
            if (p.status() == 403) {
                response.setStatus(403);
                return "console/forbidden";
            }
            Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
            Object done = flash == null ? null : flash.get("done");
            if (done != null || request.getAttribute(ApiRelay.COMMAND_DONE) != null) {
                // the command succeeded; only the read that shows its result failed: say it was done
                model.addAttribute("done", done != null ? done : "Done.");
                model.addAttribute("lagging", true);
                response.setStatus(200);
                model.addAttribute("status", 200);
                return "console/problem";
            }
            int status = status(p);
            response.setStatus(status);
            model.addAttribute("status", status);
            return "console/problem";
        }

        /**
         * A page address with a parameter that is not what it should be (e.g. page=abc): a 400 page naming it, under the
         * services' own problem types ({@code invalid-query} for a query parameter, {@code invalid-path} for a path segment:
         * docs/problems.md), never one of the console's making.
         */
        @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
        public String badParameter(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) {
            String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : ((MissingServletRequestParameterException) e).getParameterName();
            String detail = e instanceof MethodArgumentTypeMismatchException m
                    ? "'" + m.getValue() + "' is not a valid " + name + (Number.class.isAssignableFrom(box(m.getRequiredType()))
                    // what is wrong with it: "-1" and "9999999999" are whole numbers (a fresh reviewer read "(a whole number)" for both)
                    ? (String.valueOf(m.getValue()).matches("[0-9]+") ? ": more than the console reads (at most 2,147,483,647)."
                    : ": a whole number in digits 0-9 only, without a sign or spaces.")
                    : ".")
                    : "The " + name + " is missing.";
            boolean path = e instanceof MethodArgumentTypeMismatchException m && m.getParameter().hasParameterAnnotation(
                    org.springframework.web.bind.annotation.PathVariable.class);
            if (!path && !"GET".equals(request.getMethod())) {
                // a form's field, not the address (a fresh reviewer's capacity form without its reason read "Check the address")
                return problem(new ServiceProblem(400, "invalid-request", "Check the form", detail.replace("The " + name + " is missing.",
                        "The form's field " + name + " is missing; nothing was changed."), name), model, request, response);
            }
            return problem(new ServiceProblem(400, path ? "invalid-path" : "invalid-query", "Check the address", detail, name), model, request, response);
        }

        private static Class<?> box(Class<?> type) {
            return type == int.class || type == long.class ? Integer.class : type == null ? Object.class : type;
        }

        /** The console's status for a problem: the service's 4xx as is, 503 when a service did not answer, 502 for a service's other failure. */
        static int status(ServiceProblem p) {
            return p.status() < 500 ? p.status() : p.status() == 503 ? 503 : 502;
        }
    }
}
