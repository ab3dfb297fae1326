package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.enrollment.waitlist.ErasedClinicianPlaces;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side's processors retry a failed step instead of logging it and going on past the event (Axon's
 * default for handlers): a moved class day that a series did not follow, or an erased clinician left on a waitlist,
 * would otherwise stay so.
 */
class CommandSideProcessorsTest extends EnrollmentServiceTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aFailingHandlerFailsItsBatchSoTheProcessorRetriesIt() {
        for (String group : new String[]{ErasedClinicianPlaces.GROUP}) {
            assertThat(processing.eventProcessor(group, TrackingEventProcessor.class)).as(group).isPresent();
            assertThat(processing.listenerInvocationErrorHandler(group)).as(group).isSameAs(PropagatingErrorHandler.instance());
        }
    }
}
