package com.polaris.kat.enrollment.privacy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The retention job as a db-scheduler recurring task (table {@code enrollment.scheduled_tasks}): its
 * next run is a row in PostgreSQL, so it survives restarts, and with several instances exactly one
 * picks each run (docs/decisions.md). Every {@code kat.personal-data.retention-sweep-interval}
 * (default one hour) it runs {@link RetentionSweep}.
 */
@Configuration
public class RetentionSchedule {

    /** The task's name in {@code scheduled_tasks}. */
    public static final String TASK = "ce-identity-retention";

    @Bean
    RecurringTask<Void> ceIdentityRetentionTask(RetentionSweep sweep,
                                                @Value("${kat.personal-data.retention-sweep-interval:PT1H}") Duration interval) {
        return Tasks.recurring(TASK, FixedDelay.of(interval)).execute((instance, context) -> sweep.run());
    }
}
