package com.polaris.kat.eventstore.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.SealedClinician;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Crypto-shredding of clinicians' personal data (issue 13; product rules, "Personal data"). Each
 * clinician has two data keys (AES-256, the JDK's AES/GCM/NoPadding, random 96-bit IV, 128-bit tag):
 * {@link Purpose#CONTACT} for e-mail and profession, {@link Purpose#IDENTITY} for name, license
 * number and state. They are kept in {@code personal_data.data_key}, outside the event store,
 * wrapped with the master key from the environment; shredding one sets its wrapped key to NULL.
 * <p>
 * Reading never fails because a key is gone: {@link #open} gives {@link Clinician#ERASED} for every
 * field of a shredded part. A ciphertext that does not authenticate under an existing key (tampering)
 * is an IllegalStateException. Both services use this class; only the enrollment service seals and shreds.
 */
public class PersonalDataVault {

    /** The two parts of a clinician's personal data, each with its own key. */
    public enum Purpose { CONTACT, IDENTITY }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** One AES/GCM cipher per thread, initialised afresh (new IV) for each use: the provider lookup is not repeated per field. */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(PersonalDataVault::newCipher);
    /**
     * The thread's cipher for wrapping and unwrapping with the master key: kept apart from {@link #CIPHER}, whose key
     * changes with every clinician, so the master key's AES schedule is not expanded again for every wrap (issue 12's
     * allocation profile: a key schedule per initialisation with another key).
     */
    private static final ThreadLocal<Cipher> MASTER_CIPHER = ThreadLocal.withInitial(PersonalDataVault::newCipher);

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private final JdbcTemplate jdbc;
    /** Vacuums the key table once a shredding transaction commits (old row versions hold the wrapped keys). */
    private final ShreddedRowsVacuum shreddedKeys;
    private final SecretKey master;
    private final String masterKeyId;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();

    /** @param masterKey 32 bytes ({@link PersonalDataSecrets}) */
    public PersonalDataVault(JdbcTemplate jdbc, byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes");
        }
        this.jdbc = jdbc;
        this.shreddedKeys = new ShreddedRowsVacuum(jdbc.getDataSource(), List.of("personal_data.data_key"));
        this.master = new SecretKeySpec(masterKey, "AES");
        try {
            this.masterKeyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("kat-master-key-id:" + Base64.getEncoder().encodeToString(masterKey)).getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Encrypts the clinician's fields under their current keys (created, in the caller's transaction,
     * when the clinician has none or the last was shredded) and notes the registration as theirs.
     * One statement notes the registration, reads both current keys and makes the missing ones (a
     * clinician's first registration, or the first after an erasure): one round trip, where reading and
     * making each key separately took up to seven (issue 12's profile). Candidate keys are generated for
     * every call and thrown away when the clinician's keys exist (two AES keys: microseconds).
     */
    public SealedClinician seal(String clinicianId, String registrationId, Clinician c, Instant now) {
        return seal(clinicianId, registrationId, c, now, null).sealed();
    }

    /**
     * An {@code INSERT … ON CONFLICT DO NOTHING} (no {@code RETURNING}) that {@link #seal(String, String, Clinician,
     * Instant, LeadingInsert)} runs first, in its own statement, so a caller that must write a row of its own in the
     * same transaction before the seal (the enrollment service's idempotency claim) pays no round trip of its own.
     *
     * @param sql  the insert, with {@code ?} parameters
     * @param args its arguments, in order
     */
    public record LeadingInsert(String sql, List<Object> args) {
        public LeadingInsert {
            if (!sql.strip().regionMatches(true, 0, "INSERT", 0, 6) || sql.toUpperCase(java.util.Locale.ROOT).contains("RETURNING")) {
                throw new IllegalArgumentException("a leading insert is an INSERT without RETURNING");
            }
            args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args)); // a column may be NULL
        }
    }

    /**
     * What {@link #seal(String, String, Clinician, Instant, LeadingInsert)} did: the sealed clinician, whether the
     * leading insert inserted its row (false: it conflicted with an existing row, or there was none), the ids of
     * the data keys it made (empty when the clinician's current keys existed), and whether they are the clinician's
     * first keys: every purpose's key made by this seal at generation 1, so no transaction had committed a key of the
     * clinician before (keys are never deleted once committed; an erasure shreds them in place). A clinician with first
     * keys has never been sealed for a registration, a transfer, an offer or a waitlist place.
     */
    public record Sealing(SealedClinician sealed, boolean leadingInserted, List<UUID> madeKeyIds, boolean firstKeys) {
        public Sealing {
            madeKeyIds = List.copyOf(madeKeyIds);
        }
    }

    /**
     * {@link #seal(String, String, Clinician, Instant)}, running {@code leading} (null: none) in the same statement,
     * before anything else (issue 12: a registration's idempotency claim and its seal in one round trip).
     */
    public Sealing seal(String clinicianId, String registrationId, Clinician c, Instant now, LeadingInsert leading) {
        boolean[] leadingInserted = {false};
        List<UUID> made = new java.util.ArrayList<>();
        int[] madeFirst = {0};
        Map<Purpose, Key> keys = currentKeys(clinicianId, registrationId, now, leading, leadingInserted, made, madeFirst);
        Key contact = keys.get(Purpose.CONTACT);
        Key identity = keys.get(Purpose.IDENTITY);
        ObjectNode contactJson = json.createObjectNode().put("email", c.email()).put("profession", c.profession());
        ObjectNode identityJson = json.createObjectNode().put("fullName", c.fullName()).put("licenseNumber", c.licenseNumber())
                .put("licenseState", c.licenseState());
        return new Sealing(new SealedClinician(contact.id().toString(), encrypt(contact, Purpose.CONTACT, clinicianId, contactJson),
                identity.id().toString(), encrypt(identity, Purpose.IDENTITY, clinicianId, identityJson), null), leadingInserted[0], made,
                madeFirst[0] == Purpose.values().length);
    }

    /**
     * Removes data keys a seal made in the caller's transaction that no event will use (the command the seal was made
     * ahead for answered without sealing, e.g. a repeat): as if they had never been made.
     *
     * @param keyIds {@link Sealing#madeKeyIds()}
     */
    public void forgetUnused(List<UUID> keyIds) {
        if (!keyIds.isEmpty()) {
            jdbc.update(con -> {
                java.sql.PreparedStatement ps = con.prepareStatement("DELETE FROM personal_data.data_key WHERE key_id = ANY (?)");
                ps.setArray(1, con.createArrayOf("uuid", keyIds.toArray()));
                return ps;
            });
        }
    }

    /**
     * The clinician as the event holds it, each part decrypted, or {@link Clinician#ERASED} in every
     * field of a part whose key was shredded. Events from before sealing ({@code unsealed}) read as
     * stored unless a key of that part of the clinician was shredded since.
     */
    public Clinician open(String clinicianId, SealedClinician s) {
        if (s == null) {
            return new Clinician(Clinician.ERASED, Clinician.ERASED, Clinician.ERASED, Clinician.ERASED, Clinician.ERASED);
        }
        if (s.unsealed() != null) {
            Clinician c = s.unsealed();
            if (anyShredded(clinicianId, Purpose.CONTACT)) {
                c = c.withContactErased();
            }
            if (anyShredded(clinicianId, Purpose.IDENTITY)) {
                c = c.withIdentityErased();
            }
            return c;
        }
        UUID contactKey = keyId(s.contactKeyId(), s.contact()), identityKey = keyId(s.identityKeyId(), s.identity());
        java.util.Map<UUID, byte[]> wrapped = wrappedKeys(contactKey, identityKey); // both keys in one round trip
        Optional<JsonNode> contact = decrypt(s.contactKeyId(), contactKey, wrapped, Purpose.CONTACT, clinicianId, s.contact());
        Optional<JsonNode> identity = decrypt(s.identityKeyId(), identityKey, wrapped, Purpose.IDENTITY, clinicianId, s.identity());
        return new Clinician(identity.map(n -> n.path("fullName").asText()).orElse(Clinician.ERASED),
                contact.map(n -> n.path("email").asText()).orElse(Clinician.ERASED),
                contact.map(n -> n.path("profession").asText()).orElse(Clinician.ERASED),
                identity.map(n -> n.path("licenseNumber").asText()).orElse(Clinician.ERASED),
                identity.map(n -> n.path("licenseState").asText()).orElse(Clinician.ERASED));
    }

    /**
     * Seals free text the clinician gave (a cancellation's reason) under the data key {@code contactKeyId} of their contact
     * details (the key their registration was sealed with), so that erasing the contact details erases it too.
     *
     * @return the sealed text; null when {@code text} is null, or when that key is shredded or unknown (an erased
     * clinician's text is not kept: nothing may hold it in plain text)
     */
    public com.polaris.kat.events.enrollment.SealedText sealText(String clinicianId, String contactKeyId, String text) {
        UUID id = text == null ? null : keyId(contactKeyId, text);
        byte[] wrapped = id == null ? null : wrappedKeys(id).get(id);
        if (wrapped == null) {
            return null;
        }
        return new com.polaris.kat.events.enrollment.SealedText(contactKeyId, Base64.getEncoder().encodeToString(gcm(Cipher.ENCRYPT_MODE,
                unwrap(id, wrapped), null, aad(TEXT, contactKeyId, clinicianId), text.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * The text {@link #sealText} sealed, or {@link Clinician#ERASED} when its key was shredded (never an error); null for
     * null. A ciphertext that does not authenticate under an existing key (tampering) is an IllegalStateException.
     */
    public String openText(String clinicianId, com.polaris.kat.events.enrollment.SealedText s) {
        if (s == null) {
            return null;
        }
        UUID id = keyId(s.keyId(), s.sealed());
        byte[] wrapped = id == null ? null : wrappedKeys(id).get(id);
        if (wrapped == null) {
            return Clinician.ERASED;
        }
        return new String(gcm(Cipher.DECRYPT_MODE, unwrap(id, wrapped), Base64.getDecoder().decode(s.sealed()),
                aad(TEXT, s.keyId(), clinicianId), null), StandardCharsets.UTF_8);
    }

    /** The authenticated data's purpose of a clinician's free text (apart from the contact details' JSON under the same key). */
    private static final String TEXT = "CONTACT_TEXT";

    /** Whether any data key was ever made for this clinician (they registered since sealing began). */
    public boolean knows(String clinicianId) {
        return known(List.of(clinicianId)).contains(clinicianId);
    }

    /** Which of these clinician ids data keys were ever made for (one query). */
    public java.util.Set<String> known(List<String> clinicianIds) {
        return new java.util.HashSet<>(jdbc.query(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement(
                    "SELECT DISTINCT clinician_id FROM personal_data.data_key WHERE clinician_id = ANY (?)");
            ps.setArray(1, con.createArrayOf("text", clinicianIds.toArray()));
            return ps;
        }, (rs, i) -> rs.getString(1)));
    }

    /**
     * Which of these clinician ids hold contact details now: a {@link Purpose#CONTACT} key not shredded (one query). After an
     * erasure request none does until the clinician registers again, giving the address again. Product rule ("Personal
     * data"): an erasure removes contact details at once, and nothing derived from them may let someone who guesses an
     * e-mail address confirm it; so a staff-side lookup by address finds only these.
     */
    public java.util.Set<String> withContactDetails(java.util.Collection<String> clinicianIds) {
        if (clinicianIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.query(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement("SELECT DISTINCT clinician_id FROM personal_data.data_key"
                    + " WHERE clinician_id = ANY (?) AND purpose = 'CONTACT' AND wrapped_key IS NOT NULL");
            ps.setArray(1, con.createArrayOf("text", clinicianIds.toArray()));
            return ps;
        }, (rs, i) -> rs.getString(1)));
    }

    /**
     * Destroys the clinician's keys of this purpose made at or before {@code upTo} (in the caller's
     * transaction): from then on every field they encrypted reads as erased. Once that transaction commits, the key table
     * is vacuumed ({@link ShreddedRowsVacuum}), so the wrapped keys' old row versions leave its pages: a wrapped key left
     * there would open the erased fields again for whoever also holds the master key.
     *
     * @return how many keys were shredded (0: none left)
     */
    public int shred(String clinicianId, Purpose purpose, Instant upTo, Instant now) {
        int shredded = jdbc.update("""
                UPDATE personal_data.data_key SET wrapped_key = NULL, shredded_at = ?
                WHERE clinician_id = ? AND purpose = ? AND wrapped_key IS NOT NULL AND created_at <= ?""",
                Timestamp.from(now), clinicianId, purpose.name(), Timestamp.from(upTo));
        if (shredded > 0) {
            shreddedKeys.afterCommit();
        }
        return shredded;
    }

    /** The registrations the clinician's data was sealed for (their CE record's streams). */
    public List<String> registrationsOf(String clinicianId) {
        return jdbc.queryForList("SELECT registration_id FROM personal_data.clinician_registration WHERE clinician_id = ? ORDER BY registration_id",
                String.class, clinicianId);
    }

    private boolean anyShredded(String clinicianId, Purpose purpose) {
        Boolean shredded = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM personal_data.data_key WHERE clinician_id = ? AND purpose = ? AND wrapped_key IS NULL)""",
                Boolean.class, clinicianId, purpose.name());
        return Boolean.TRUE.equals(shredded);
    }

    private record Key(UUID id, SecretKey key) {
    }

    /**
     * Both current keys of the clinician, made where missing or shredded (generation + 1). Concurrent
     * first registrations of one clinician: one insert of a (clinician, purpose, generation) wins, the
     * other reads the winner's key on its next round.
     */
    private Map<Purpose, Key> currentKeys(String clinicianId, String registrationId, Instant now, LeadingInsert leading,
                                          boolean[] leadingInserted, List<UUID> made, int[] madeFirst) {
        // the instant as text cast in the statement, not a java.sql.Timestamp: the driver sends a Timestamp with no type,
        // which makes it describe the statement, and a described statement with variable-length result columns costs a
        // round trip of its own before it is sent (PgJDBC's flushIfDeadlockRisk; issue 12's profile of 2026-12-01)
        String at = now.toString();
        for (int attempt = 0; attempt < 3; attempt++) {
            // the leading insert runs once, in the first attempt; a second attempt reads what the first could not
            boolean lead = leading != null && attempt == 0;
            Map<Purpose, Key> candidates = new java.util.EnumMap<>(Purpose.class);
            List<Object> args = new java.util.ArrayList<>();
            if (lead) {
                args.addAll(leading.args());
            }
            args.addAll(List.of(clinicianId, registrationId, clinicianId));
            for (Purpose purpose : Purpose.values()) {
                Key key = new Key(UUID.randomUUID(), newDataKey());
                candidates.put(purpose, key);
                args.addAll(List.of(key.id(), purpose.name(), wrap(key.id(), key.key())));
            }
            args.addAll(List.of(clinicianId, masterKeyId, at));
            Map<Purpose, Key> keys = new java.util.EnumMap<>(Purpose.class);
            String sql = lead ? "WITH leading_insert AS (" + leading.sql() + " RETURNING 1), "
                    + NOTE_REGISTRATION_AND_CURRENT_KEYS.substring("WITH ".length())
                    + "\nUNION ALL\nSELECT '" + LEADING_ROW + "', NULL::uuid, NULL::bytea, EXISTS (SELECT 1 FROM leading_insert), NULL::int"
                    : NOTE_REGISTRATION_AND_CURRENT_KEYS;
            queryOnGenericPlan(sql, (con, ps) -> new org.springframework.jdbc.core.ArgumentPreparedStatementSetter(args.toArray()).setValues(ps), rs -> {
                if (LEADING_ROW.equals(rs.getString(1))) {
                    leadingInserted[0] = rs.getBoolean(4);
                    return;
                }
                Purpose purpose = Purpose.valueOf(rs.getString(1));
                UUID id = (UUID) rs.getObject(2);
                if (rs.getBoolean(4)) {
                    made.add(id);
                    if (rs.getInt(5) == 1) {
                        madeFirst[0]++;
                    }
                }
                keys.put(purpose, rs.getBoolean(4) ? candidates.get(purpose) : new Key(id, unwrap(id, rs.getBytes(3))));
            });
            if (keys.size() == Purpose.values().length) {
                return keys;
            }
            // another transaction made one of these keys first (its insert conflicted): read it on the next attempt
        }
        throw new IllegalStateException("no data key could be made for a clinician");
    }

    /**
     * Runs {@code sql} with the parameters {@code bind} sets, on PostgreSQL's generic plan
     * ({@link com.polaris.kat.eventstore.GenericPlan}), each row to {@code rows}: the vault's statements are the same index
     * lookup for every clinician and key, and PostgreSQL had kept planning them anew.
     */
    private void queryOnGenericPlan(String sql, Binder bind, org.springframework.jdbc.core.RowCallbackHandler rows) {
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) con -> {
            try (java.sql.PreparedStatement ps = com.polaris.kat.eventstore.GenericPlan.prepare(con, sql)) {
                bind.bind(con, ps);
                return com.polaris.kat.eventstore.GenericPlan.query(ps, rs -> {
                    while (rs.next()) {
                        rows.processRow(rs);
                    }
                    return null;
                });
            }
        });
    }

    /** Sets a statement's parameters (the connection makes arrays). */
    @FunctionalInterface
    private interface Binder {
        void bind(java.sql.Connection con, java.sql.PreparedStatement ps) throws java.sql.SQLException;
    }

    /** The row of the result that says whether the leading insert inserted (no purpose is named so). */
    private static final String LEADING_ROW = "leading";

    /**
     * One statement: notes the registration as the clinician's (?, ?); reads each purpose's newest key of the
     * clinician (?), holding the clinician's key rows until the transaction ends ({@code FOR SHARE}: an erasure's
     * shredding waits for a registration that sealed with a key, and a registration that meets a shredding in
     * flight waits for it and then reads the key as shredded, so the event log's order is the order in which
     * the data was sealed and erased); inserts the candidate key (?, ?, ? per purpose, in {@link Purpose} order) of each purpose
     * whose newest key is missing or shredded, as the next generation (clinician ?, master key id ?, created ?),
     * skipping one another transaction inserted first (in purpose order, so concurrent seals of one clinician wait
     * for each other's key rows in the same order); returns purpose, key id, wrapped key and whether it was
     * made here, and its generation, for every purpose that has a usable key. A clinician's first registration thus takes one round
     * trip where reading then making took two (issue 12's profile: each round trip wakes PostgreSQL).
     */
    private static final String NOTE_REGISTRATION_AND_CURRENT_KEYS = """
            WITH noted AS (INSERT INTO personal_data.clinician_registration (clinician_id, registration_id) VALUES (?, ?)
                           ON CONFLICT DO NOTHING),
            held AS (SELECT purpose, generation, key_id, wrapped_key FROM personal_data.data_key WHERE clinician_id = ?
                     FOR SHARE),
            newest AS (SELECT DISTINCT ON (purpose) purpose, generation, key_id, wrapped_key FROM held
                       ORDER BY purpose, generation DESC),
            candidate (key_id, purpose, wrapped_key) AS (VALUES """
            + String.join(", ", java.util.Collections.nCopies(Purpose.values().length, "(?::uuid, ?, ?::bytea)")) + """
            ),
            made AS (INSERT INTO personal_data.data_key (key_id, clinician_id, purpose, generation, master_key_id, wrapped_key, created_at)
                     SELECT c.key_id, ?, c.purpose, COALESCE(n.generation, 0) + 1, ?, c.wrapped_key, CAST(? AS timestamptz)
                     FROM candidate c LEFT JOIN newest n ON n.purpose = c.purpose
                     WHERE n.wrapped_key IS NULL
                     ORDER BY c.purpose
                     ON CONFLICT (clinician_id, purpose, generation) DO NOTHING
                     RETURNING purpose, key_id, wrapped_key, generation)
            SELECT purpose, key_id, wrapped_key, false, generation FROM newest WHERE wrapped_key IS NOT NULL
            UNION ALL
            SELECT purpose, key_id, wrapped_key, true, generation FROM made""";

    private SecretKey newDataKey() {
        try {
            KeyGenerator g = KeyGenerator.getInstance("AES");
            g.init(256, random);
            return g.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] wrap(UUID keyId, SecretKey key) {
        return gcm(Cipher.ENCRYPT_MODE, master, null, aad("wrap", keyId.toString(), ""), key.getEncoded());
    }

    private SecretKey unwrap(UUID keyId, byte[] wrapped) {
        return new SecretKeySpec(gcm(Cipher.DECRYPT_MODE, master, wrapped, aad("wrap", keyId.toString(), ""), null), "AES");
    }

    private String encrypt(Key key, Purpose purpose, String clinicianId, JsonNode plain) {
        try {
            return Base64.getEncoder().encodeToString(gcm(Cipher.ENCRYPT_MODE, key.key(), null,
                    aad(purpose.name(), key.id().toString(), clinicianId), json.writeValueAsBytes(plain)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key id of a sealed part, or null when the part is absent or names no valid key id (it reads as erased). */
    private static UUID keyId(String keyId, String sealed) {
        if (keyId == null || sealed == null) {
            return null;
        }
        try {
            return UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The wrapped keys of these ids that are not shredded (nulls ignored), in one query; none asked, no query. */
    private java.util.Map<UUID, byte[]> wrappedKeys(UUID... ids) {
        UUID[] asked = java.util.Arrays.stream(ids).filter(java.util.Objects::nonNull).distinct().toArray(UUID[]::new);
        java.util.Map<UUID, byte[]> out = new java.util.HashMap<>();
        if (asked.length == 0) {
            return out;
        }
        queryOnGenericPlan("SELECT key_id, wrapped_key FROM personal_data.data_key WHERE key_id = ANY (?) AND wrapped_key IS NOT NULL",
                (con, ps) -> ps.setArray(1, con.createArrayOf("uuid", asked)), rs -> out.put(rs.getObject(1, UUID.class), rs.getBytes(2)));
        return out;
    }

    /** @param keyId the key id as the event names it (part of the authenticated data), {@code id} the same parsed */
    private Optional<JsonNode> decrypt(String keyId, UUID id, java.util.Map<UUID, byte[]> wrappedKeys, Purpose purpose, String clinicianId,
                                       String sealed) {
        if (id == null) {
            return Optional.empty();
        }
        byte[] wrapped = wrappedKeys.get(id);
        if (wrapped == null) {
            return Optional.empty(); // shredded (or never here): erased, never an error
        }
        byte[] plain = gcm(Cipher.DECRYPT_MODE, unwrap(id, wrapped), Base64.getDecoder().decode(sealed),
                aad(purpose.name(), keyId, clinicianId), null);
        try {
            return Optional.of(json.readTree(plain));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aad(String purpose, String keyId, String clinicianId) {
        return ("kat:" + purpose + ":" + keyId + ":" + clinicianId).getBytes(StandardCharsets.UTF_8);
    }

    /** Encrypt: returns IV then ciphertext with tag. Decrypt: reads them from {@code ivAndCiphertext}. */
    private byte[] gcm(int mode, SecretKey key, byte[] ivAndCiphertext, byte[] aad, byte[] plain) {
        try {
            Cipher cipher = (key == master ? MASTER_CIPHER : CIPHER).get();
            if (mode == Cipher.ENCRYPT_MODE) {
                byte[] iv = new byte[IV_BYTES];
                random.nextBytes(iv);
                cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
                cipher.updateAAD(aad);
                byte[] ct = cipher.doFinal(plain);
                return ByteBuffer.allocate(IV_BYTES + ct.length).put(iv).put(ct).array();
            }
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("personal data does not authenticate under its key (altered?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
