package com.polaris.kat.events.enrollment;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pseudonymous clinician ids (issue 13): stable per person, not computable from the e-mail address alone. */
class ClinicianIdsTest {

    private static final byte[] KEY = "a-test-pseudonym-key-of-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "another-pseudonym-key-of-32bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSamePersonGetsTheSameIdWhateverTheCaseOrSpacesOfTheirAddress() {
        ClinicianIds ids = new ClinicianIds(KEY);
        assertThat(ids.fromEmail("dana.rivera@example.org")).isEqualTo(ids.fromEmail("  Dana.Rivera@EXAMPLE.org "));
        assertThat(ids.fromEmail("dana.rivera@example.org")).isNotEqualTo(ids.fromEmail("eli.okafor@example.org"));
        assertThat(UUID.fromString(ids.fromEmail("dana.rivera@example.org")).version()).isEqualTo(8);
    }

    @Test
    void anIdIsNoUuidComputableFromTheAddressAloneAndDependsOnTheKey() {
        String email = "dana.rivera@example.org";
        String id = new ClinicianIds(KEY).fromEmail(email);
        for (String prefix : new String[]{"clinician:", ""}) {
            assertThat(id).isNotEqualTo(UUID.nameUUIDFromBytes((prefix + email).getBytes(StandardCharsets.UTF_8)).toString())
                    .isNotEqualTo(UUID.nameUUIDFromBytes((prefix + email.toUpperCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)).toString());
        }
        assertThat(id).isNotEqualTo(new ClinicianIds(OTHER_KEY).fromEmail(email));
    }

    @Test
    void afterARotationTheIdsUnderTheCurrentAndThePreviousKeysAreCandidatesCurrentFirst() {
        ClinicianIds rotated = new ClinicianIds(OTHER_KEY, java.util.List.of(KEY));
        String email = "dana.rivera@example.org";
        assertThat(rotated.fromEmail(email)).isEqualTo(new ClinicianIds(OTHER_KEY).fromEmail(email));
        assertThat(rotated.candidates(email)).containsExactly(new ClinicianIds(OTHER_KEY).fromEmail(email), new ClinicianIds(KEY).fromEmail(email));
        assertThat(new ClinicianIds(KEY).candidates(email)).containsExactly(new ClinicianIds(KEY).fromEmail(email));
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new ClinicianIds(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClinicianIds(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClinicianIds(KEY, java.util.List.of(new byte[8]))).isInstanceOf(IllegalArgumentException.class);
    }
}
