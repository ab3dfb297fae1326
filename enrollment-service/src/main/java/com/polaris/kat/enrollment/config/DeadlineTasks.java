package com.polaris.kat.enrollment.config;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The db-scheduler task that runs Axon's deadlines (task name {@code AxonDeadline}, table
 * {@code enrollment.scheduled_tasks}), replacing the one Axon's auto-configuration would register
 * (same qualifier): it runs Axon's own handler, but a failed run is retried after 1 s, doubling,
 * instead of db-scheduler's default 5 minutes. Reason: a deadline whose unit of work loses a write
 * conflict on its series (another instance appended first) should lapse its offer seconds late, not minutes.
 */
@Configuration
public class DeadlineTasks {

    /** Axon's task name for deadlines in {@code scheduled_tasks}. */
    public static final String TASK = "AxonDeadline";

    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> dbSchedulerDeadlineDetailsTask(ApplicationContext context) {
        Task<DbSchedulerBinaryDeadlineDetails> axons = DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        return new Tasks.OneTimeTaskBuilder<>(TASK, DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1)))
                .execute((instance, execution) -> axons.execute(instance, execution));
    }
}
