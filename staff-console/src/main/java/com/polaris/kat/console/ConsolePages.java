package com.polaris.kat.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.Set;
import java.util.stream.Collectors;

/** Sign-in, the start page (links to the signed-in person's own screens) and the 403 page. */
@Controller
public class ConsolePages {

    /** The sign-in form (local mode). */
    @GetMapping("/login")
    public String login() {
        return "console/login";
    }

    /** The start page: the screens of the person's roles. */
    @GetMapping("/")
    public String home() {
        return "console/home";
    }

    /** What a person sees on a screen their role does not cover: a page, answered 403. */
    @GetMapping("/forbidden")
    public String forbidden(HttpServletResponse response) {
        response.setStatus(403);
        return "console/forbidden";
    }

    /** Model attributes every page uses: who is signed in and with which roles. */
    @ControllerAdvice
    public static class Common {

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
        public String problem(ServiceProblem p, Model model, HttpServletResponse response) {
            if (p.status() == 401) {
                return "redirect:/login?expired";
            }
            response.setStatus(p.status() == 403 ? 403 : p.status() >= 500 ? 502 : p.status());
            model.addAttribute("problem", p);
            return p.status() == 403 ? "console/forbidden" : "console/problem";
        }
    }
}
