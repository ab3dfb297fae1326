package com.polaris.kat.eventstore;

import com.polaris.kat.eventstore.position.AppendNotifier;
import com.polaris.kat.eventstore.position.OneStatementAppend;
import com.polaris.kat.eventstore.position.TransactionHorizonEventStorageEngine;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * The event store both services share: Axon's JDBC engine on PostgreSQL. Replaces the engine of
 * Axon's {@link JdbcAutoConfiguration} to (1) turn PostgreSQL's duplicate key (SQLState 23505)
 * into Axon's ConcurrencyException, which the command side retries, and (2) read the store with
 * {@link TransactionHorizonEventStorageEngine}, which forgets a gap in the global index only when
 * PostgreSQL proves it empty, so no committed event is skipped however slowly it commits, and which
 * gives every event a token naming its own position, and (3) append a commit's events with one
 * statement ({@link OneStatementAppend}).
 * Not active in Axon Server mode ({@code axon.axonserver.enabled=true}): there the connector's
 * event store takes its place. Serializers, metadata and token tables are shared by both modes
 * ({@link MessagingAutoConfiguration}).
 */
@AutoConfiguration(before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class EventStoreAutoConfiguration {

    /** Runs the event store's own migrations, with their own history table, before Axon uses the store. */
    @Bean
    public EventStoreSchema eventStoreSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/eventstore")
                .table("flyway_event_store_history")
                .group(true) // all pending migrations in one transaction, as the services' own (docs/decisions.md)
                .load()
                .migrate();
        return new EventStoreSchema();
    }

    /** Snake-case column names, as the migration creates them (Axon's defaults are camelCase). */
    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index").timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number").typeColumn("type")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
                .payloadColumn("payload").metaDataColumn("meta_data")
                .build();
    }

    /**
     * With {@code kat.event-store.notify=after-commit}: notifies readers of the store (channel {@value AppendNotifier#CHANNEL})
     * after events commit, on a connection of its own opened like the application's (its URL and credentials), at most
     * once per {@code kat.event-store.notify-gap} (default 5 ms). By default ({@code in-transaction}) the event table's
     * trigger notifies inside each appending transaction ({@code V7__notify_in_the_transaction_unless_after_commit.sql}),
     * which the benchmark's registrations measured faster; docs/decisions.md says when to choose which.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "kat.event-store.notify", havingValue = "after-commit")
    public AppendNotifier appendNotifier(org.springframework.beans.factory.ObjectProvider<DataSourceProperties> properties,
                                         DataSource dataSource,
                                         @org.springframework.beans.factory.annotation.Value("${kat.event-store.notify-gap:5ms}") java.time.Duration gap) {
        DataSourceProperties db = properties.getIfAvailable();
        return new AppendNotifier(db != null && db.determineUrl() != null
                ? () -> java.sql.DriverManager.getConnection(db.determineUrl(), db.determineUsername(), db.determinePassword())
                : dataSource::getConnection, gap);
    }

    /**
     * With {@code kat.event-store.notify=after-commit}: every pooled connection tells the event table's trigger not to
     * notify ({@code SET kat.notify_after_commit = on} when the pool opens it), since {@link AppendNotifier} does.
     */
    @Bean
    @ConditionalOnProperty(name = "kat.event-store.notify", havingValue = "after-commit")
    public static org.springframework.beans.factory.config.BeanPostProcessor notifyAfterCommitSessions() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof com.zaxxer.hikari.HikariDataSource pool) {
                    pool.setConnectionInitSql("SET kat.notify_after_commit = on");
                }
                return bean;
            }
        };
    }

    @Bean
    public EventStorageEngine eventStorageEngine(EventStoreSchema schemaReady, EventSchema eventSchema,
                                                 Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 org.springframework.beans.factory.ObjectProvider<AppendNotifier> appendNotifier) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(new SQLStateResolver("23505"))
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .appendEvents(new OneStatementAppend()); // a commit's events in one statement
        return new TransactionHorizonEventStorageEngine(builder, transactionManager, appendNotifier.getIfAvailable());
    }

    /** Marker: the event store's tables exist. */
    public static final class EventStoreSchema {
    }
}
