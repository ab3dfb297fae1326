package com.polaris.kat.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalUsersTest {

    private static SecurityAutoConfiguration.LocalUsers config(String name, String password, Role role) {
        SecurityAutoConfiguration.LocalUser u = new SecurityAutoConfiguration.LocalUser();
        u.setPassword(password);
        u.setRoles(List.of(role));
        SecurityAutoConfiguration.LocalUsers config = new SecurityAutoConfiguration.LocalUsers();
        config.setLocalUsers(Map.of(name, u));
        return config;
    }

    @Test
    void aLocalUserSignsInWithItsPasswordOnlyAndGetsItsRole() {
        DaoAuthenticationProvider provider = SecurityAutoConfiguration.localAuthentication(
                config("finance", "finance-password-long-enough", Role.FINANCE));
        for (int i = 0; i < 3; i++) {
            assertThat(provider.authenticate(new UsernamePasswordAuthenticationToken("finance", "finance-password-long-enough"))
                    .getAuthorities()).extracting(Object::toString).containsExactly("ROLE_FINANCE");
        }
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("finance", "finance-password-long-enougH")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("admin", "finance-password-long-enough")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aShortOrMissingPasswordStopsStartUp() {
        assertThatThrownBy(() -> SecurityAutoConfiguration.localAuthentication(config("frontend", "short", Role.FRONT_END)))
                .hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> SecurityAutoConfiguration.localAuthentication(config("frontend", null, Role.FRONT_END)))
                .hasMessageContaining("there is no default");
    }
}
