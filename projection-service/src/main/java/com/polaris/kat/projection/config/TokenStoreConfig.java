package com.polaris.kat.projection.config;

import com.polaris.kat.projection.streaming.CompareAndSetTokenStore;
import com.polaris.kat.projection.streaming.ProjectionTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The processors' token store: Axon's JDBC token store as its auto-configuration builds it, with the
 * node name set ({@code kat.projections.node-id}, default {@code pid@host}), and every write of a held
 * segment a compare-and-set on the token last seen ({@link CompareAndSetTokenStore}: a commit lost to
 * the asynchronous commits and a database crash is noticed and its events handled again). Reason for
 * the name: it is what the token table's {@code owner} column shows, so an instance can say which node
 * holds a claim, and two instances in one JVM (tests) are two owners, not one.
 */
@Configuration
public class TokenStoreConfig {

    /** The counter of {@link CompareAndSetTokenStore.TokenMismatchException}s, by projection (processor) name. */
    public static final String MISMATCHES = "kat.projection.token.mismatches";

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                                 TokenStoreProperties properties, ProjectionTokens tokens, MeterRegistry meters) {
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(tokens.nodeId());
        // every projection's counter exists from the start at 0, so a dashboard's increase() and an alert on it see the first
        // mismatch (a counter first registered at 1 has no increase to show; a fresh reviewer found the series absent)
        com.polaris.kat.projection.admin.ProjectionAdminController.PROJECTIONS.forEach(projection -> mismatches(meters, projection));
        return new CompareAndSetTokenStore(builder, tokenSchema, serializer, tokens.nodeId(), projection -> mismatches(meters, projection).increment());
    }

    private static Counter mismatches(MeterRegistry meters, String projection) {
        return Counter.builder(MISMATCHES)
                .description("Times a projection found its stored token other than the one it last wrote: a commit lost to a database "
                        + "crash (or a hand edit); it handles the events after the stored token again")
                .tag("projection", projection).register(meters);
    }
}
