package com.polaris.kat.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.util.WebUtils;

import java.io.Serializable;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The page each signed-out browser tab asked for, returned to after signing in from that tab: a
 * {@link RequestCache} that keeps up to {@value #KEPT} pages per session, each under a random key
 * (256 bits, Spring Security's key generator) that travels with the sign-in: the sign-in page's address
 * {@code /login?return=KEY}, its form's hidden field {@code return}, and, in OpenID Connect mode, the
 * authorization request's attribute (kept in the session with it, read back when the provider returns).
 * Spring Security's own cache keeps one page per session, so signing in from one of several signed-out
 * tabs led to the page the last tab asked for (a fresh reviewer's finding).
 * <p>
 * Only browser navigations are kept (GET asking for HTML, not a script's request): never the icon or
 * style sheet the sign-in page fetched, nor a form sent, nor an address longer than {@value #LONGEST} characters. A page
 * is returned to once; an unknown or
 * malformed key leads to the home page. The address returned to is the page's own, with its query
 * exactly as sent (no "continue" marker), on this console.
 */
public final class PagesToReturnTo implements RequestCache {

    /** The request parameter (sign-in page, sign-in form) and request attribute carrying the key. */
    public static final String KEY = "return";

    /**
     * The longest address (characters) kept: a longer one leads home after signing in. Its redirect's {@code Location} had
     * overflowed the web server's 8 KiB of response headers, a 500 that lost the new session (a fresh reviewer's 7,900
     * characters).
     */
    static final int LONGEST = 4096;

    /** Pages kept per session; the oldest is forgotten first. */
    static final int KEPT = 10;

    private static final String SESSION_ATTRIBUTE = PagesToReturnTo.class.getName();
    private static final String REQUEST_ATTRIBUTE = PagesToReturnTo.class.getName() + ".key";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final StringKeyGenerator keys = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 32);

    /** Keeps a browser's navigation under a fresh key, which {@link #keyOf} then gives for the sign-in address. */
    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
        if (!"GET".equals(request.getMethod()) || request.getHeader("Accept") == null || !request.getHeader("Accept").contains("text/html")
                || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                || request.getRequestURL().length() + (request.getQueryString() == null ? 0 : request.getQueryString().length()) > LONGEST) {
            return;
        }
        String key = keys.generateKey();
        HttpSession session = request.getSession();
        synchronized (WebUtils.getSessionMutex(session)) {
            Map<String, SavedRequest> pages = pages(session, true);
            pages.put(key, new DefaultSavedRequest(request));
            session.setAttribute(SESSION_ATTRIBUTE, pages);
        }
        request.setAttribute(REQUEST_ATTRIBUTE, key);
    }

    /**
     * The page kept under this sign-in's key (its form field, or the authorization request's attribute in
     * OpenID Connect mode), forgotten as it is given: or null (the home page).
     */
    @Override
    public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
        String key = keyOfSignIn(request);
        HttpSession session = request.getSession(false);
        if (key == null || session == null) {
            return null;
        }
        synchronized (WebUtils.getSessionMutex(session)) {
            Map<String, SavedRequest> pages = pages(session, false);
            if (pages == null) {
                return null;
            }
            SavedRequest page = pages.remove(key);
            session.setAttribute(SESSION_ATTRIBUTE, pages);
            return page;
        }
    }

    /** Nothing to restore: a page returned to is asked for again by the browser, as a GET. */
    @Override
    public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
        return null;
    }

    /** Pages are forgotten as they are given ({@link #getRequest}) or when more than {@value #KEPT} are kept. */
    @Override
    public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
        // nothing: which tab's page to forget is only known from its key
    }

    /** The key under which this request's page was just kept, or null when it was not kept. */
    static String keyOf(HttpServletRequest request) {
        return request.getAttribute(REQUEST_ATTRIBUTE) instanceof String key ? key : null;
    }

    /**
     * The key a sign-in carries: its form's field, or in OpenID Connect mode the authorization request's attribute (given
     * when the provider sent the person back); null when it has none well formed.
     */
    static String keyOfSignIn(HttpServletRequest request) {
        String key = wellFormed(request.getParameter(KEY));
        return key != null ? key : request.getAttribute(REQUEST_ATTRIBUTE) instanceof String fromProvider ? wellFormed(fromProvider) : null;
    }

    /** An address with the key added to its query ({@code /login?error} → {@code /login?error&return=KEY}), or as it is without a key. */
    static String withKey(String address, String key) {
        return key == null ? address : address + (address.indexOf('?') < 0 ? "?" : "&") + KEY + "=" + key;
    }

    /** A failed sign-in (the form's, or refused at the provider): the sign-in page saying so, keeping the tab's key. */
    static org.springframework.security.web.authentication.AuthenticationFailureHandler failedSignIn() {
        return (request, response, e) -> response.sendRedirect(request.getContextPath() + withKey("/login?error", keyOfSignIn(request)));
    }

    /** The key if it has the shape this cache gives (43 URL-safe Base64 characters), else null. */
    static String wellFormed(String key) {
        return key != null && WELL_FORMED.matcher(key).matches() ? key : null;
    }

    /**
     * Signed out: the sign-in address ({@code /login}, or the OpenID Connect login's) with the kept page's key, so that
     * this tab's sign-in returns to this tab's page.
     */
    static AuthenticationEntryPoint signIn(String signIn) {
        return (request, response, e) -> {
            response.sendRedirect(request.getContextPath() + withKey(signIn, keyOf(request)));
        };
    }

    /**
     * OpenID Connect: the authorization request carries the kept page's key ({@code return} of
     * {@code /oauth2/authorization/kat?return=KEY}) as an attribute, kept in the session with it.
     */
    static OAuth2AuthorizationRequestResolver carryingKey(OAuth2AuthorizationRequestResolver resolver) {
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return withKey(resolver.resolve(request), request);
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
                return withKey(resolver.resolve(request, clientRegistrationId), request);
            }
        };
    }

    private static OAuth2AuthorizationRequest withKey(OAuth2AuthorizationRequest authorization, HttpServletRequest request) {
        String key = wellFormed(request.getParameter(KEY));
        return authorization == null || key == null ? authorization
                : OAuth2AuthorizationRequest.from(authorization).attributes(a -> a.put(REQUEST_ATTRIBUTE, key)).build();
    }

    /**
     * OpenID Connect: when the provider sends the person back, the authorization request taken from the session gives
     * its kept page's key to {@link #getRequest}, as a request attribute.
     */
    static AuthorizationRequestRepository<OAuth2AuthorizationRequest> givingKey(AuthorizationRequestRepository<OAuth2AuthorizationRequest> repository) {
        return new AuthorizationRequestRepository<>() {
            @Override
            public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
                return repository.loadAuthorizationRequest(request);
            }

            @Override
            public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorization, HttpServletRequest request, HttpServletResponse response) {
                repository.saveAuthorizationRequest(authorization, request, response);
            }

            @Override
            public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request, HttpServletResponse response) {
                OAuth2AuthorizationRequest authorization = repository.removeAuthorizationRequest(request, response);
                if (authorization != null && authorization.getAttribute(REQUEST_ATTRIBUTE) instanceof String key) {
                    request.setAttribute(REQUEST_ATTRIBUTE, key);
                }
                return authorization;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, SavedRequest> pages(HttpSession session, boolean create) {
        // set again by the caller after each change, so that a session store that copies attributes sees it
        Object kept = session.getAttribute(SESSION_ATTRIBUTE);
        return (Map<String, SavedRequest>) (kept == null && create ? new Kept() : kept);
    }

    /** The kept pages, oldest first, at most {@value #KEPT}. */
    private static final class Kept extends LinkedHashMap<String, SavedRequest> implements Serializable {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SavedRequest> eldest) {
            return size() > KEPT;
        }
    }
}
