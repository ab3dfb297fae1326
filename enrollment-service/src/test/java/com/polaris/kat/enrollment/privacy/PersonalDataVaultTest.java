package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.eventstore.personal.PersonalDataVault.Purpose;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.SealedClinician;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static com.polaris.kat.events.enrollment.Clinician.ERASED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Crypto-shredding against PostgreSQL (issue 13): two keys per clinician, kept in personal_data.data_key
 * wrapped with the master key; a shredded key makes its fields read as "[erased]", never an error.
 */
class PersonalDataVaultTest extends EnrollmentServiceTestBase {

    private static final Instant T0 = Instant.parse("2023-08-01T00:00:00Z");

    @Autowired
    PersonalDataVault vault;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private static Clinician person(String tag) {
        return new Clinician("Vera " + tag + " Sealtest", "vera." + tag + "@example.org", "Psychiatrist", "MD-" + tag, "WA");
    }

    @Test
    void whatIsSealedHoldsNoPlainTextAndOpensToTheSamePerson() {
        String clinician = UUID.randomUUID().toString();
        Clinician c = person("a1");
        SealedClinician sealed = vault.seal(clinician, "reg-a1", c, T0);
        assertThat(sealed.toString()).doesNotContain("Vera").doesNotContain("vera.a1").doesNotContain("MD-a1").doesNotContain("Psychiatrist");
        assertThat(new String(Base64.getDecoder().decode(sealed.contact()), StandardCharsets.ISO_8859_1)).doesNotContain("vera.a1");
        assertThat(sealed.contactKeyId()).isNotEqualTo(sealed.identityKeyId());
        assertThat(vault.open(clinician, sealed)).isEqualTo(c);
        assertThat(vault.knows(clinician)).isTrue();
        assertThat(vault.registrationsOf(clinician)).containsExactly("reg-a1");
        assertThat(jdbc.queryForList("SELECT purpose FROM personal_data.data_key WHERE clinician_id = ? ORDER BY purpose", String.class, clinician))
                .containsExactly("CONTACT", "IDENTITY");
    }

    /** A clinician's own text (a cancellation's reason) under their contact key: no plain text, bound to them, erased with the key. */
    @Test
    void aClinicianTextIsSealedUnderTheContactKeyBoundToThemAndErasedWithIt() {
        String clinician = UUID.randomUUID().toString();
        SealedClinician sealed = vault.seal(clinician, "reg-t1", person("t1"), T0);
        String text = "vera.t1@example.org: starts chemotherapy in December";
        com.polaris.kat.events.enrollment.SealedText reason = vault.sealText(clinician, sealed.contactKeyId(), text);
        assertThat(reason.keyId()).isEqualTo(sealed.contactKeyId());
        assertThat(new String(Base64.getDecoder().decode(reason.sealed()), StandardCharsets.ISO_8859_1)).doesNotContain("chemotherapy");
        assertThat(vault.sealText(clinician, sealed.contactKeyId(), text).sealed()).as("a fresh IV each time").isNotEqualTo(reason.sealed());
        assertThat(vault.openText(clinician, reason)).isEqualTo(text);
        // bound to the clinician: another clinician's id does not authenticate it
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vault.openText(UUID.randomUUID().toString(), reason))
                .isInstanceOf(IllegalStateException.class);
        assertThat(vault.openText(clinician, null)).isNull();
        assertThat(vault.sealText(clinician, sealed.contactKeyId(), null)).isNull();

        vault.shred(clinician, PersonalDataVault.Purpose.CONTACT, T0.plusSeconds(60), T0.plusSeconds(60));
        assertThat(vault.openText(clinician, reason)).isEqualTo(Clinician.ERASED);
        assertThat(vault.sealText(clinician, sealed.contactKeyId(), text)).as("an erased clinician's text is not kept").isNull();
        assertThat(vault.sealText(clinician, "not-a-key-id", text)).isNull();
    }

    @Test
    void aClinicianKeepsTheirKeysAcrossRegistrations() {
        String clinician = UUID.randomUUID().toString();
        SealedClinician first = vault.seal(clinician, "reg-b1", person("b1"), T0);
        SealedClinician second = vault.seal(clinician, "reg-b2", person("b1"), T0.plusSeconds(60));
        assertThat(second.contactKeyId()).isEqualTo(first.contactKeyId());
        assertThat(second.contact()).as("a fresh IV each time").isNotEqualTo(first.contact());
        assertThat(vault.registrationsOf(clinician)).containsExactly("reg-b1", "reg-b2");
    }

    @Test
    void concurrentFirstRegistrationsOfOneClinicianAllSealUnderTheSameTwoKeys(
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions) throws Exception {
        String clinician = UUID.randomUUID().toString();
        org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        try {
            java.util.List<java.util.concurrent.Future<SealedClinician>> sealed = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String registration = "reg-c" + i;
                sealed.add(pool.submit(() -> {
                    start.await();
                    return tx.execute(status -> vault.seal(clinician, registration, person("c1"), T0));
                }));
            }
            java.util.Set<String> contactKeys = new java.util.HashSet<>(), identityKeys = new java.util.HashSet<>();
            for (java.util.concurrent.Future<SealedClinician> f : sealed) {
                SealedClinician s = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                contactKeys.add(s.contactKeyId());
                identityKeys.add(s.identityKeyId());
                assertThat(vault.open(clinician, s)).isEqualTo(person("c1"));
            }
            assertThat(contactKeys).hasSize(1);
            assertThat(identityKeys).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data.data_key WHERE clinician_id = ?", Long.class, clinician))
                    .isEqualTo(2L);
            assertThat(vault.registrationsOf(clinician)).hasSize(n);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Once a shredding transaction commits, the key table is vacuumed (a fresh reviewer found erased data in old row versions
     * of the views; here an old row version would keep the wrapped key itself): {@code pg_stat_user_tables} counts a manual
     * vacuum and an analysis of {@code personal_data.data_key}.
     */
    @Test
    void aCommittedShreddingVacuumsTheKeyTable() {
        String clinician = UUID.randomUUID().toString();
        vault.seal(clinician, "reg-vac", person("vac"), T0);
        long vacuumsBefore = vacuums();
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(s ->
                assertThat(vault.shred(clinician, Purpose.CONTACT, T0.plusSeconds(1), T0.plusSeconds(1))).isEqualTo(1));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> vacuums() > vacuumsBefore);
        assertThat(jdbc.queryForObject("SELECT analyze_count FROM pg_stat_user_tables WHERE schemaname = 'personal_data' AND relname = 'data_key'",
                Long.class)).isPositive();
    }

    private long vacuums() {
        return jdbc.queryForObject("SELECT vacuum_count FROM pg_stat_user_tables WHERE schemaname = 'personal_data' AND relname = 'data_key'",
                Long.class);
    }

    @Test
    void shreddingTheContactKeyErasesEmailAndProfessionOnlyAndTheIdentityKeyTheRest() {
        String clinician = UUID.randomUUID().toString();
        Clinician c = person("c1");
        SealedClinician sealed = vault.seal(clinician, "reg-c1", c, T0);
        String other = UUID.randomUUID().toString();
        SealedClinician othersSealed = vault.seal(other, "reg-c2", person("c2"), T0);

        assertThat(vault.shred(clinician, Purpose.CONTACT, T0.plusSeconds(1), T0.plusSeconds(1))).isEqualTo(1);
        assertThat(vault.open(clinician, sealed)).isEqualTo(new Clinician(c.fullName(), ERASED, ERASED, c.licenseNumber(), c.licenseState()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data.data_key WHERE clinician_id = ? AND wrapped_key IS NULL",
                Integer.class, clinician)).isEqualTo(1);

        assertThat(vault.shred(clinician, Purpose.IDENTITY, T0.plusSeconds(1), T0.plusSeconds(2))).isEqualTo(1);
        assertThat(vault.open(clinician, sealed)).isEqualTo(new Clinician(ERASED, ERASED, ERASED, ERASED, ERASED));
        assertThat(vault.shred(clinician, Purpose.IDENTITY, T0.plusSeconds(1), T0.plusSeconds(3))).as("nothing left").isZero();
        assertThat(vault.open(other, othersSealed)).as("another clinician is untouched").isEqualTo(person("c2"));
    }

    /**
     * A seal says when it made the clinician's first keys (the live-sessions stream is then started unread): only the
     * first ever, not a later registration's, and not the new keys after an erasure, whose clinician held places before.
     */
    @Test
    void onlyAClinicianFirstEverSealMakesFirstKeys() {
        String clinician = UUID.randomUUID().toString();
        PersonalDataVault.Sealing first = vault.seal(clinician, "reg-g1", person("g1"), T0, null);
        assertThat(first.firstKeys()).isTrue();
        assertThat(first.madeKeyIds()).hasSize(2);
        PersonalDataVault.Sealing second = vault.seal(clinician, "reg-g2", person("g1"), T0.plusSeconds(10), null);
        assertThat(second.firstKeys()).isFalse();
        assertThat(second.madeKeyIds()).isEmpty();

        vault.shred(clinician, Purpose.CONTACT, T0.plusSeconds(20), T0.plusSeconds(20));
        PersonalDataVault.Sealing afterErasure = vault.seal(clinician, "reg-g3", person("g1"), T0.plusSeconds(30), null);
        assertThat(afterErasure.madeKeyIds()).as("a new contact key").hasSize(1);
        assertThat(afterErasure.firstKeys()).isFalse();
        vault.shred(clinician, Purpose.CONTACT, T0.plusSeconds(40), T0.plusSeconds(40));
        vault.shred(clinician, Purpose.IDENTITY, T0.plusSeconds(40), T0.plusSeconds(40));
        PersonalDataVault.Sealing afterFullErasure = vault.seal(clinician, "reg-g4", person("g1"), T0.plusSeconds(50), null);
        assertThat(afterFullErasure.madeKeyIds()).as("both keys made again").hasSize(2);
        assertThat(afterFullErasure.firstKeys()).as("generation 2 and 3: not the first").isFalse();
    }

    @Test
    void keysMadeAfterTheCutOffAreNotShreddedAndANewRegistrationAfterShreddingGetsANewKey() {
        String clinician = UUID.randomUUID().toString();
        SealedClinician old = vault.seal(clinician, "reg-d1", person("d1"), T0);
        vault.shred(clinician, Purpose.CONTACT, T0, T0.plusSeconds(10));
        SealedClinician again = vault.seal(clinician, "reg-d2", person("d1"), T0.plusSeconds(20));
        assertThat(again.contactKeyId()).isNotEqualTo(old.contactKeyId());
        assertThat(vault.open(clinician, again).email()).isEqualTo("vera.d1@example.org");
        assertThat(vault.open(clinician, old).email()).isEqualTo(ERASED);
        assertThat(vault.shred(clinician, Purpose.IDENTITY, T0.minusSeconds(1), T0.plusSeconds(30))).as("keys made after the cut-off stay").isZero();
    }

    @Test
    void anEventStoredBeforeSealingReadsAsStoredUntilAKeyOfThatPartIsShredded() {
        String clinician = UUID.randomUUID().toString();
        Clinician c = person("e1");
        vault.seal(clinician, "reg-e2", c, T0);
        SealedClinician legacy = new SealedClinician(null, null, null, null, c);
        assertThat(vault.open(clinician, legacy)).isEqualTo(c);
        vault.shred(clinician, Purpose.CONTACT, T0, T0.plusSeconds(1));
        assertThat(vault.open(clinician, legacy)).isEqualTo(c.withContactErased());
    }

    @Test
    void ciphertextThatWasAlteredIsAnErrorNotAnErasure() {
        String clinician = UUID.randomUUID().toString();
        SealedClinician sealed = vault.seal(clinician, "reg-f1", person("f1"), T0);
        byte[] bytes = Base64.getDecoder().decode(sealed.identity());
        bytes[bytes.length - 1] ^= 1;
        SealedClinician altered = new SealedClinician(sealed.contactKeyId(), sealed.contact(), sealed.identityKeyId(),
                Base64.getEncoder().encodeToString(bytes), null);
        assertThatThrownBy(() -> vault.open(clinician, altered)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> vault.open(UUID.randomUUID().toString(), sealed)).as("bound to its clinician")
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * A registration that sealed with a clinician's key and an erasure that arrives before it commits: the erasure's
     * shredding waits for the registration, then shreds the key it used, so the registration (first in the event
     * log) reads as erased. Found by a fresh reviewer: the new e-mail had been sealed under a key shredded 26 ms
     * earlier, and the registration came after the erasure in the log yet read as erased.
     */
    @Test
    void anErasureWaitsForARegistrationSealingWithTheClinicianKeyAndThenErasesIt() throws Exception {
        String clinician = UUID.randomUUID().toString();
        vault.seal(clinician, "reg-r0", person("r0"), T0);
        Both<SealedClinician, Integer> r = heldWhileTheOtherWaits(
                () -> vault.seal(clinician, "reg-r1", person("r1"), T0.plusSeconds(60)),
                () -> vault.shred(clinician, Purpose.CONTACT, T0.plusSeconds(90), T0.plusSeconds(90)),
                "UPDATE personal_data.data_key");
        assertThat(r.second()).isEqualTo(1);
        assertThat(vault.open(clinician, r.first()).email()).as("sealed before the erasure: erased").isEqualTo(ERASED);
    }

    /**
     * The other order: a shredding in flight when a registration seals. The registration waits for it, then finds
     * the key shredded and makes the next one, so what it records after the erasure stays readable.
     */
    @Test
    void aRegistrationWaitsForAShreddingInFlightAndSealsUnderANewKey() throws Exception {
        String clinician = UUID.randomUUID().toString();
        SealedClinician r0 = vault.seal(clinician, "reg-s0", person("s0"), T0);
        Both<Integer, SealedClinician> r = heldWhileTheOtherWaits(
                () -> vault.shred(clinician, Purpose.CONTACT, T0.plusSeconds(30), T0.plusSeconds(30)),
                () -> vault.seal(clinician, "reg-s1", person("s1"), T0.plusSeconds(60)),
                "personal_data.clinician_registration");
        assertThat(r.first()).isEqualTo(1);
        assertThat(r.second().contactKeyId()).isNotEqualTo(r0.contactKeyId());
        assertThat(vault.open(clinician, r.second()).email()).as("sealed after the erasure: readable").isEqualTo("vera.s1@example.org");
        assertThat(vault.open(clinician, r0).email()).isEqualTo(ERASED);
    }

    private record Both<A, B>(A first, B second) {
    }

    /**
     * Runs {@code first} in a transaction kept open until {@code second}, in a transaction of its own, is seen waiting
     * for a lock in a statement containing {@code waitsIn} (and is not done); then lets the first commit and returns both
     * results. Fails when the second never waits.
     */
    private <A, B> Both<A, B> heldWhileTheOtherWaits(java.util.function.Supplier<A> first, java.util.function.Supplier<B> second,
                                                      String waitsIn) throws Exception {
        org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<A> a = pool.submit(() -> tx.execute(s -> {
                A result = first.get();
                done.countDown();
                awaitLatch(commit);
                return result;
            }));
            assertThat(done.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.Future<B> b = pool.submit(() -> tx.execute(s -> second.get()));
            org.awaitility.Awaitility.await("the second transaction waits for the first's locks")
                    .atMost(java.time.Duration.ofSeconds(30)).until(() -> waitingOnALock(waitsIn));
            assertThat(b).isNotDone();
            commit.countDown();
            return new Both<>(a.get(30, java.util.concurrent.TimeUnit.SECONDS), b.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    /** Whether another session of this database waits for a lock while running a statement containing {@code text}. */
    private boolean waitingOnALock(String text) {
        Integer n = jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND wait_event_type = 'Lock' AND position(? in query) > 0""", Integer.class, text);
        return n != null && n > 0;
    }

    private static void awaitLatch(java.util.concurrent.CountDownLatch latch) {
        try {
            if (!latch.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLeadingInsertRunsInTheSealsStatementAndSaysWhetherItInserted() {
        String clinician = UUID.randomUUID().toString();
        org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        String key = "key:vault-leading-" + UUID.randomUUID();
        PersonalDataVault.LeadingInsert claim = new PersonalDataVault.LeadingInsert("""
                INSERT INTO enrollment.idempotency_key (idempotency_key, request_fingerprint, series_id, registration_id, endpoint)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""", java.util.Arrays.asList(key, "f".repeat(64), "series-1", "reg-l1", null));
        PersonalDataVault.Sealing first = tx.execute(s -> vault.seal(clinician, "reg-l1", person("l1"), T0, claim));
        assertThat(first.leadingInserted()).isTrue();
        assertThat(first.madeKeyIds()).hasSize(2).containsExactlyInAnyOrder(UUID.fromString(first.sealed().contactKeyId()),
                UUID.fromString(first.sealed().identityKeyId()));
        assertThat(vault.open(clinician, first.sealed())).isEqualTo(person("l1"));
        assertThat(jdbc.queryForObject("SELECT registration_id FROM enrollment.idempotency_key WHERE idempotency_key = ?", String.class, key))
                .isEqualTo("reg-l1");

        PersonalDataVault.Sealing again = tx.execute(s -> vault.seal(clinician, "reg-l1", person("l1"), T0, claim));
        assertThat(again.leadingInserted()).as("the row exists").isFalse();
        assertThat(again.madeKeyIds()).as("the clinician's keys exist").isEmpty();
        assertThat(again.sealed().contactKeyId()).isEqualTo(first.sealed().contactKeyId());

        // keys a seal made that no event uses are forgotten, in the caller's transaction
        String other = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> vault.forgetUnused(vault.seal(other, "reg-l2", person("l2"), T0, null).madeKeyIds()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data.data_key WHERE clinician_id = ?", Integer.class, other)).isZero();

        assertThatThrownBy(() -> new PersonalDataVault.LeadingInsert("DELETE FROM enrollment.idempotency_key", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonalDataVault.LeadingInsert("INSERT INTO t VALUES (1) RETURNING 1", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The seal's statement runs on a generic plan even on a connection that would plan it anew for every execution
     * (issue 12: PostgreSQL kept custom plans for it on connections whose generic plan it had once priced high; here the
     * session asks for custom plans), as does the read of wrapped keys in a transaction, still seals and opens what it
     * did, and leaves the rest of the transaction to plan as configured and the session with its own setting.
     */
    @Test
    void theSealsStatementRunsOnAGenericPlanAndTheSessionKeepsItsPlanMode(
            @Autowired org.springframework.boot.autoconfigure.jdbc.DataSourceProperties db) throws Exception {
        try (java.sql.Connection con = java.sql.DriverManager.getConnection(db.determineUrl(), db.determineUsername(), db.determinePassword())) {
            org.springframework.jdbc.datasource.SingleConnectionDataSource one = new org.springframework.jdbc.datasource.SingleConnectionDataSource(con, true);
            org.springframework.jdbc.core.JdbcTemplate onOne = new org.springframework.jdbc.core.JdbcTemplate(one);
            org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(
                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(one));
            PersonalDataVault sealer = new PersonalDataVault(onOne, "generic-plan-test-master-key-32b".getBytes(StandardCharsets.US_ASCII));
            onOne.execute("SET plan_cache_mode = force_custom_plan");
            List<String> modesAfter = new java.util.ArrayList<>();
            for (int n = 0; n < 8; n++) {
                int i = n;
                String clinician = UUID.randomUUID().toString(), registration = UUID.randomUUID().toString();
                PersonalDataVault.LeadingInsert claim = new PersonalDataVault.LeadingInsert("""
                        INSERT INTO enrollment.idempotency_key (idempotency_key, request_fingerprint, series_id, registration_id, endpoint)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""",
                        java.util.Arrays.asList("key:gp-" + registration, "f".repeat(64), "series-gp", registration, "register"));
                Clinician[] opened = new Clinician[1];
                PersonalDataVault.Sealing sealing = tx.execute(s -> {
                    PersonalDataVault.Sealing made = sealer.seal(clinician, registration, person("gp" + i), T0, claim);
                    modesAfter.add(onOne.queryForObject("SELECT current_setting('plan_cache_mode')", String.class));
                    opened[0] = sealer.open(clinician, made.sealed()); // reads the wrapped keys, in the transaction
                    modesAfter.add(onOne.queryForObject("SELECT current_setting('plan_cache_mode')", String.class));
                    return made;
                });
                assertThat(sealing.leadingInserted()).isTrue();
                assertThat(sealing.madeKeyIds()).hasSize(2);
                assertThat(opened[0]).isEqualTo(person("gp" + i));
                assertThat(sealer.open(clinician, sealing.sealed())).as("in autocommit, as sent").isEqualTo(person("gp" + i));
            }
            assertThat(onOne.queryForObject("SHOW plan_cache_mode", String.class)).as("the session's own setting").isEqualTo("force_custom_plan");
            List<java.util.Map<String, Object>> prepared = onOne.queryForList("""
                    SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%personal_data.data_key%FOR SHARE%'""");
            assertThat(prepared).as("the driver prepares the statement after a few executions").hasSize(1);
            assertThat(((Number) prepared.get(0).get("custom_plans")).longValue()).isZero();
            assertThat(((Number) prepared.get(0).get("generic_plans")).longValue()).isPositive();
            List<java.util.Map<String, Object>> keysRead = onOne.queryForList("""
                    SELECT generic_plans, custom_plans FROM pg_prepared_statements
                    WHERE statement LIKE '%FROM personal_data.data_key WHERE key_id = ANY%'""");
            assertThat(keysRead).as("the wrapped keys' read: in a transaction, and in autocommit as sent").hasSize(2);
            assertThat(keysRead).as("in a transaction: generic plans only").anySatisfy(row -> {
                assertThat(((Number) row.get("custom_plans")).longValue()).isZero();
                assertThat(((Number) row.get("generic_plans")).longValue()).isPositive();
            });
            assertThat(keysRead).as("in autocommit: as the session asks").anySatisfy(row ->
                    assertThat(((Number) row.get("custom_plans")).longValue()).isPositive());
            assertThat(modesAfter).as("the rest of each transaction plans as the server is configured").containsOnly("auto");
        }
    }

    /**
     * PostgreSQL's error details (a duplicate key's value, a failing row) and a failed batch entry's parameters stay out
     * of the service's exception messages, which reach logs and problems: they can be personal data (the pool's
     * {@code logServerErrorDetail: false}).
     */
    @Test
    void theDatabasesErrorDetailsWhichCanHoldPersonalDataStayOutOfExceptionMessages() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS personal_data.test_error_detail (email text PRIMARY KEY)");
        jdbc.update("INSERT INTO personal_data.test_error_detail VALUES (?) ON CONFLICT DO NOTHING", "someone@example.org");
        for (Runnable write : List.<Runnable>of(
                () -> jdbc.update("INSERT INTO personal_data.test_error_detail VALUES (?)", "someone@example.org"),
                () -> jdbc.batchUpdate("INSERT INTO personal_data.test_error_detail VALUES (?)",
                        List.<Object[]>of(new Object[]{"other@example.org"}, new Object[]{"someone@example.org"})))) {
            assertThatThrownBy(write::run).satisfies(e -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    messages.append(t).append('\n');
                    if (t instanceof java.sql.SQLException sql && sql.getNextException() != null) {
                        messages.append(sql.getNextException()).append('\n');
                    }
                }
                assertThat(messages.toString()).contains("test_error_detail_pkey").doesNotContain("someone@example.org")
                        .doesNotContain("other@example.org");
            });
        }
        jdbc.execute("DROP TABLE personal_data.test_error_detail");
    }
}
