package com.polaris.kat.projection.verification;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client a request comes from, for per-client rate limits. The TCP peer's
 * address, unless that peer is one of the proxies configured as trusted
 * ({@code kat.verify.trusted-proxies}: addresses or CIDR ranges, comma-separated; none by default):
 * then {@code X-Forwarded-For} is read from the right, skipping trusted proxies, and the first
 * address not trusted is the client. Without trusted proxies the header is ignored, since any
 * client can send it (docs/decisions.md).
 */
@Component
public class ClientAddress {

    /** An IPv4 or IPv6 literal's characters; anything else (a host name, garbage) is never looked up. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<IpAddressMatcher> trusted = new ArrayList<>();

    public ClientAddress(@Value("${kat.verify.trusted-proxies:}") List<String> trustedProxies) {
        for (String p : trustedProxies) {
            if (!p.isBlank()) {
                trusted.add(new IpAddressMatcher(p.strip()));
            }
        }
    }

    /** @return the client's address as text (an IP literal) */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!IP_LITERAL.matcher(hop).matches()) {
                return client; // a hop we cannot read: the last one we could is the client
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        for (IpAddressMatcher m : trusted) {
            try {
                if (m.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}
