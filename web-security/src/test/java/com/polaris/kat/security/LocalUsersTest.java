package com.polaris.kat.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalUsersTest {

    private static UserDetailsService users() {
        SecurityAutoConfiguration.LocalUser admin = new SecurityAutoConfiguration.LocalUser();
        admin.setPassword("admin-password-long-enough");
        admin.setRoles(List.of(Role.ADMIN));
        SecurityAutoConfiguration.LocalUsers config = new SecurityAutoConfiguration.LocalUsers();
        config.setLocalUsers(Map.of("admin", admin));
        return SecurityAutoConfiguration.localUsers(config);
    }

    @Test
    void passwordHashesKeepTheirLowCostAfterLogins() {
        UserDetailsService users = users();
        // Spring Security re-hashes at BCrypt's default cost (10) through a UserDetailsPasswordService;
        // the local users must not offer one, or every Basic request costs ~100 ms of CPU.
        assertThat(users).isNotInstanceOf(UserDetailsPasswordService.class);
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        for (int i = 0; i < 3; i++) {
            assertThat(provider.authenticate(new UsernamePasswordAuthenticationToken("admin", "admin-password-long-enough"))
                    .getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
        }
        assertThat(users.loadUserByUsername("admin").getPassword()).startsWith("{bcrypt}$2a$04$");
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("admin", "wrong-password-here")))
                .hasMessageContaining("Bad credentials");
    }

    @Test
    void aShortOrMissingPasswordStopsStartUp() {
        SecurityAutoConfiguration.LocalUser u = new SecurityAutoConfiguration.LocalUser();
        u.setPassword("short");
        SecurityAutoConfiguration.LocalUsers config = new SecurityAutoConfiguration.LocalUsers();
        config.setLocalUsers(Map.of("frontend", u));
        assertThatThrownBy(() -> SecurityAutoConfiguration.localUsers(config)).hasMessageContaining("at least 12 characters");
    }
}
