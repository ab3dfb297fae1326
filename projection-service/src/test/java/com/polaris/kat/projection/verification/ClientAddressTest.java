package com.polaris.kat.projection.verification;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/verify/x");
        r.setRemoteAddr(peer);
        for (String f : forwardedFor) {
            r.addHeader("X-Forwarded-For", f);
        }
        return r;
    }

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
        ClientAddress none = new ClientAddress(List.of());
        assertThat(none.of(from("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClientSoAClientCannotForgeItsAddress() {
        ClientAddress proxies = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.10"));
        assertThat(proxies.of(from("10.1.2.3", "198.51.100.7"))).isEqualTo("198.51.100.7");
        // the client sent a forged header; the proxy appended the address it saw
        assertThat(proxies.of(from("10.1.2.3", "1.2.3.4, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(proxies.of(from("10.1.2.3", "1.2.3.4", "198.51.100.7, 192.0.2.10"))).isEqualTo("198.51.100.7");
        assertThat(proxies.of(from("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(proxies.of(from("10.1.2.3", "unknown, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(proxies.of(from("10.1.2.3", "not-an-address"))).isEqualTo("10.1.2.3");
        assertThat(proxies.of(from("10.1.2.3", "2001:db8::1"))).isEqualTo("2001:db8::1");
        // an untrusted peer's header is not believed
        assertThat(proxies.of(from("198.51.100.50", "10.9.9.9"))).isEqualTo("198.51.100.50");
    }
}
