package com.polaris.kat.eventstore.evolution;

import com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ModuleCeHoursChanged} revision 1 (no {@code effectiveFrom}, the pinned sample as stored before 2026-12-06) is
 * read as revision 2 through {@link ModuleCeHoursChangedEffectiveFrom}: {@code effectiveFrom} null, "revision 1: applied
 * to series scheduled after it", not the instant it was stored (a fresh reviewer's finding: that instant gave old changes
 * a reach they never had, days of series scheduled before them), the rest unchanged.
 */
class ModuleCeHoursChangedEffectiveFromTest {

    @Test
    void aRevisionOneChangeHasNoInstantItAppliesFrom() throws Exception {
        ModuleCeHoursChanged changed = PinnedSamples.read(ModuleCeHoursChanged.class, "1");
        assertThat(changed.effectiveFrom()).as("revision 1 applied to series scheduled after it").isNull();
        assertThat(changed.moduleCode()).isEqualTo("moduleCode-1");
        assertThat(changed.fromHours()).isEqualByComparingTo(new BigDecimal("8"));
        assertThat(changed.toHours()).isEqualByComparingTo(new BigDecimal("8"));
        assertThat(changed.reason()).isEqualTo("reason-1");
    }

    @Test
    void aRevisionTwoChangeIsReadAsStored() throws Exception {
        ModuleCeHoursChanged changed = PinnedSamples.read(ModuleCeHoursChanged.class, "2");
        assertThat(changed.effectiveFrom()).isEqualTo(Instant.parse("2023-10-10T16:04:00Z"));
        assertThat(changed.reason()).isEqualTo("reason-1");
    }
}
