package com.polaris.kat.projection.privacy;

import com.polaris.kat.eventstore.personal.ShreddedRowsVacuum;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianCeIdentityShredded;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianContactDetailsShredded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;

/**
 * After the registrations processing group blanked an erased clinician's personal data (the registrations, clinician
 * search and waitlist views: {@code RegistrationProjection}, {@code ClinicianSearchProjection}, {@code WaitlistProjection},
 * all in this group, so in the same batch transaction), vacuums and analyses those three tables once that transaction
 * commits ({@link ShreddedRowsVacuum}): the old row versions with the e-mail, name or license leave the tables' and
 * indexes' pages, and {@code pg_stats} samples the rows as they are now. Also during a rebuild, which writes a waitlist
 * place's name before the erasure blanks it again. A fresh reviewer found erased e-mail addresses, names and licenses in
 * {@code pg_stats} and in those tables' pages after erasures (product rule, "Personal data").
 */
@Component
@ProcessingGroup("registrations")
public class ErasedRowsVacuum implements DisposableBean {

    /** The views that hold personal data in plain text. */
    static final List<String> TABLES = List.of("projection.registration", "projection.clinician_search", "projection.waitlist_place");

    private final ShreddedRowsVacuum vacuum;

    public ErasedRowsVacuum(DataSource dataSource) {
        this.vacuum = new ShreddedRowsVacuum(dataSource, TABLES);
    }

    @EventHandler
    void on(ClinicianContactDetailsShredded e) {
        vacuum.afterCommit();
    }

    @EventHandler
    void on(ClinicianCeIdentityShredded e) {
        vacuum.afterCommit();
    }

    @Override
    public void destroy() throws InterruptedException {
        vacuum.close();
    }
}
