package com.polaris.kat.projection.streaming;

import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.SealedClinician;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A sealed clinician is opened once per processor batch, however many projections of the processor read the same event. */
class OpenedCliniciansTest {

    private final PersonalDataVault vault = mock(PersonalDataVault.class);
    private final OpenedClinicians opened = new OpenedClinicians(vault);
    private final Clinician ada = new Clinician("Ada Lovelace", "ada@example.org", "MD", "A-1", "CA");

    @Test
    void twoProjectionsOfOneBatchReadingOneEventOpenItsClinicianOnce() {
        SealedClinician sealed = new SealedClinician("k1", "c", "k2", "i", null);
        SealedClinician sameContentOtherEvent = new SealedClinician("k1", "c", "k2", "i", null);
        when(vault.open(eq("clinician-1"), any())).thenReturn(ada);
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch")).execute(() -> {
            assertThat(opened.open("clinician-1", sealed)).isEqualTo(ada);
            assertThat(opened.open("clinician-1", sealed)).isEqualTo(ada);
            opened.open("clinician-1", sameContentOtherEvent);
        });
        verify(vault, times(1)).open(eq("clinician-1"), same(sealed));
        verify(vault, times(2)).open(eq("clinician-1"), any());

        // the next batch opens again: a key shredded in between reads as erased there
        when(vault.open(eq("clinician-1"), any())).thenReturn(ada.withContactErased());
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("next batch")).execute(() ->
                assertThat(opened.open("clinician-1", sealed).email()).isEqualTo(Clinician.ERASED));
        // outside a unit of work, each call opens
        opened.open("clinician-1", sealed);
        verify(vault, times(3)).open(eq("clinician-1"), same(sealed));
    }
}
