package com.polaris.kat.projection.clinicians;

import com.polaris.kat.security.strict.SearchTexts;

import com.polaris.kat.projection.web.BadQuery;
import com.polaris.kat.projection.web.Freshness;
import com.polaris.kat.projection.web.Page;
import com.polaris.kat.projection.web.PageParams;
import com.polaris.kat.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Compliance: find a clinician by name (any part, case-insensitive), e-mail (exact, case-insensitive)
 * or license number (exact, case-insensitive), to open their transcript and the audit trails of their
 * registrations. Personal data, so compliance only. Honours {@code ?minPosition=}.
 */
@RestController
@Tag(name = "clinicians", description = "Compliance: find a clinician by name, e-mail or license number")
@ApiProblem(status = 503, types = {"projection-behind", "projection-rebuilding"})
public class ClinicianSearchController {

    private final JdbcTemplate jdbc;
    private final Freshness freshness;

    /** Reads projection.clinician_search, written by {@link ClinicianSearchProjection}. */
    public ClinicianSearchController(JdbcTemplate jdbc, Freshness freshness) {
        this.jdbc = jdbc;
        this.freshness = freshness;
    }

    /**
     * One registration of a clinician who matched, or one waitlist place ({@code registrationId} null, status
     * {@code WAITLIST_} and the place's state, e.g. {@code WAITLIST_WAITING}, {@code WAITLIST_LEFT}; {@code registeredAt} when they joined); "[erased]" where their data was erased.
     */
    @Schema(description = "One registration of a clinician who matched the search, or one of their waitlist places (registrationId, "
            + "licenseNumber and licenseState null, status WAITLIST_ and the place's state (WAITLIST_WAITING, WAITLIST_OFFERED, WAITLIST_ACCEPTED, WAITLIST_DECLINED, WAITLIST_LAPSED, WAITLIST_LEFT, WAITLIST_CLOSED), registeredAt when they joined); erased fields read \"[erased]\".",
            example = "{\"clinicianId\":\"423a8099-289f-33ab-b292-0e85e60818f9\",\"registrationId\":\"aa96f034-b0e1-34af-8a84-4570261d948e\","
                    + "\"seriesId\":\"series-21\",\"fullName\":\"Dana Rivera\",\"email\":\"dana.rivera@example.org\","
                    + "\"licenseNumber\":\"LCSW-88123\",\"licenseState\":\"CA\",\"registeredAt\":\"2026-11-26T15:19:14Z\","
                    + "\"status\":\"ACTIVE\",\"certificate\":false}")
    public record ClinicianMatch(String clinicianId, @Schema(types = {"string", "null"}) String registrationId, String seriesId,
                                 String fullName, String email,
                                 @Schema(types = {"string", "null"}, description = "null only on a waitlist place projected before it was kept (until the next rebuild)")
                                 String licenseNumber,
                                 @Schema(types = {"string", "null"}, description = "null only on a waitlist place projected before it was kept (until the next rebuild)")
                                 String licenseState,
                                 Instant registeredAt,
                                 @Schema(description = "the registration's status (ACTIVE, CANCELLED), or WAITLIST_ and the state of a waitlist place (e.g. WAITLIST_WAITING, WAITLIST_LEFT)",
                                         example = "ACTIVE") String status,
                                 @Schema(description = "whether the registration has a valid certificate", example = "false") boolean certificate) {
    }

    /** A page of matches, newest first (by registration or joining). Problems: 400 invalid-query (no or too long a search text). */
    @GetMapping("/api/clinicians")
    @Operation(summary = "Find clinicians by name, e-mail or license number")
    public Page<ClinicianMatch> search(
            @Parameter(description = "part of the name, or the whole e-mail address or license number", example = "LCSW-88123")
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size,
            @RequestParam(required = false) String minPosition) {
        PageParams p = PageParams.parse(page, size);
        String text = q == null ? "" : q.strip();
        // what a person typed is counted, not what was pasted with it (the 200 counted invisible characters before)
        int typed = SearchTexts.typed(text).length();
        if (typed > SearchTexts.MAX_LENGTH) {
            throw new BadQuery("q", "q (the name, e-mail or license number to find) must be at most " + SearchTexts.MAX_LENGTH + " characters, characters"
                    + " that draw nothing not counted; this one has " + typed + ".");
        }
        // counted as searched too: two invisible characters would otherwise search for "" and list every clinician
        String key = searchKey(text);
        if (!SearchTexts.enough(key)) {
            throw new BadQuery("q", "q (the name, e-mail or license number to find) must hold at least 2 letters or digits, or 1 Chinese,"
                    + " Japanese or Korean character, once the characters that draw nothing and the accents are left out; this one holds "
                    + SearchTexts.lettersAndDigits(key) + ".");
        }
        return freshness.read(List.of("registrations", "transcripts"), minPosition, () -> find(text, exactKey(text), p)); // waitlist places: "registrations"
    }

    /**
     * Letters searched as another: those with a stroke rather than a combining accent (no decomposition) as their base letter,
     * Turkish dotless ı as i (İ and I fold to i already);
     * Persian and Urdu yeh, keheh and heh goal as the Arabic yeh, kaf and heh a keyboard of the other language types; the
     * no-break space as a space; the typographic apostrophes (’ ‘ ʼ `, the ʻokina ʻ) as the keyboard's ' (O’Brien, O'Brien); a hyphen or
     * dash as a space (Smith-Jones, Smith Jones: a name's parts are joined either way on forms). {@link #AS}'s apostrophes
     * are doubled into the SQL's literal by {@link #nameKey}.
     */
    private static final String FOLDED = "đĐłŁøØħĦı\u06CC\u06A9\u06C1\u00A0\u2018\u2019\u02BC\u02BB\u0060-\u2010\u2012\u2013\u2014\u2015\u2212",
            AS = "dDlLoOhHi\u064A\u0643\u0647 '''''       ";

    /**
     * Letters searched as two: German sharp s as "ss" (Strauß, Strauss), the Latin ligatures æ and œ as "ae" and "oe" (Cæcilia,
     * Bœuf): a keyboard without them types their spelling. Applied after {@link #FOLDED}, before lower case.
     */
    private static final String[][] EXPANDED = {{"ß", "ss"}, {"ẞ", "ss"}, {"æ", "ae"}, {"Æ", "ae"}, {"œ", "oe"}, {"Œ", "oe"}};

    /**
     * The marks a search leaves out, as code point ranges: Latin's combining diacritics (U+0300–U+036F), Hebrew's points and
     * cantillation (U+0591–U+05C7), Arabic's tatweel, harakat and Quranic marks (U+0610–U+061A, U+0640, U+064B–U+065F, U+0670,
     * U+06D6–U+06ED), and the characters that draw nothing ({@code InvisibleCharacters}: the zero-width non-joiner a Persian
     * name holds, a variation selector, a filler). One list for both sides.
     */
    private static final int[][] MARKS = java.util.stream.Stream.concat(java.util.stream.Stream.of(new int[][]{{0x0300, 0x036F},
            {0x0591, 0x05C7}, {0x0610, 0x061A}, {0x0640, 0x0640}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06ED}}),
            java.util.Arrays.stream(com.polaris.kat.security.strict.InvisibleCharacters.RANGES)).toArray(int[][]::new);

    /** {@link #MARKS} as a Java regular expression's character class. */
    private static final String MARKS_REGEX = java.util.Arrays.stream(MARKS)
            .map(r -> String.format("\\x{%X}-\\x{%X}", r[0], r[1])).collect(java.util.stream.Collectors.joining("", "[", "]"));

    /**
     * {@link #MARKS} as a PostgreSQL expression giving a regular expression's bracket expression, built with {@code chr}.
     * Declared before {@link #MATCHES}, whose initialiser uses it (after it, the statement held "null" and no name matched).
     */
    private static final String MARKS_SQL = java.util.Arrays.stream(MARKS)
            .map(r -> "chr(" + r[0] + ") || '-' || chr(" + r[1] + ")").collect(java.util.stream.Collectors.joining(" || ", "'[' || ", " || ']'"));

    /**
     * The separators a license number is compared without, in SQL (a space, the hyphens and dashes, a period, a slash):
     * "PSY 801", "psy-801" and "PSY‐801" are one license. Reason: a fresh reviewer's "PSY 801" did not find "PSY-801";
     * boards print them either way.
     */
    private static final String LICENSE_SEPARATORS = " -./\u2010\u2011\u2012\u2013\u2014\u2015\u2212";

    /** A license number as compared, in SQL: upper case, without the {@link #LICENSE_SEPARATORS}. */
    static String licenseKey(String expression) {
        return "translate(upper(" + expression + "), '" + LICENSE_SEPARATORS + "', '')";
    }

    /**
     * The registrations, then the waitlist places (name, e-mail and license as the clinician joined), that match a name
     * part (?), an e-mail (?) or a license number (?), each asked of both: a clinician only ever on a waitlist is found
     * too, so compliance can record their erasure (fresh reviewers found them missing, then not found by license). The erased placeholder is no name, e-mail or license: searching for it finds nothing (a fresh
     * reviewer's "[erased]" listed every clinician whose e-mail was erased).
     */
    private static final String MATCHES = """
            SELECT clinician_id, registration_id, series_id, full_name, email, license_number, license_state, registered_at,
                   (SELECT r.status FROM projection.registration r WHERE r.registration_id = s.registration_id) AS status,
                   EXISTS (SELECT 1 FROM projection.certificate c WHERE c.registration_id = s.registration_id AND c.status = 'VALID') AS certificate
            FROM projection.clinician_search s
            WHERE full_name <> %1$s AND %2$s OR email <> %1$s AND (email_key = ? OR email_key IS NULL AND lower(email) = lower(?))
               OR license_number <> %1$s AND %4$s = %5$s
            UNION ALL
            SELECT w.clinician_id, NULL, w.series_id, w.full_name, w.email, w.license_number, w.license_state, w.joined_at,
                   'WAITLIST_' || w.status, false
            FROM projection.waitlist_place w
            WHERE w.full_name IS NOT NULL AND (w.full_name <> %1$s AND %3$s OR w.email <> %1$s AND (w.email_key = ? OR w.email_key IS NULL AND lower(w.email) = lower(?))
               OR w.license_number <> %1$s AND %6$s = %5$s)
            """.formatted("'" + com.polaris.kat.events.enrollment.Clinician.ERASED.replace("'", "''") + "'", nameMatches("full_name"), nameMatches("w.full_name"),
            licenseKey("license_number"), licenseKey("CAST(? AS text)"), licenseKey("w.license_number"));

    /**
     * What a name is compared without once folded: the spaces, the apostrophes and the periods ({@link #FOLDED} made every
     * hyphen and dash a space and every typographic apostrophe '). "obrien", "O Brien" and "O'Brien" find "O’Brien";
     * "smithjones" finds "Smith-Jones"; "王小明" finds "王 小明"; "St John" finds "St. John". Reason: fresh reviewers' searches
     * for these found nobody; a registrar types a name as heard, its punctuation and word breaks as they guess.
     */
    private static final String LEFT_OUT = " '.";

    /**
     * A name as searched, in SQL: Unicode NFKD (full-width and other compatibility forms as their plain letters, accents
     * apart), without the {@link #MARKS}, the {@link #FOLDED} letters as their {@link #AS}, the {@link #EXPANDED} ones spelled
     * out, without the {@link #LEFT_OUT} characters, lower case, the Greek final sigma ς as σ;
     * its Java twin is {@link #searchKey} (which also drops the format characters no stored name holds).
     */
    static String nameKey(String column) {
        return nameKey(column, false);
    }

    /**
     * {@link #nameKey}, or with {@code umlautsSpelt} the German umlauts spelt out first (ä, ö, ü as ae, oe, ue; Ä, Ö, Ü too,
     * composed or not): "Mueller" is how a keyboard without them writes "Müller", as "Strauss" writes "Strauß" ({@link #EXPANDED}).
     */
    private static String nameKey(String column, boolean umlautsSpelt) {
        String decomposed = "normalize(" + column + ", NFKD)";
        if (umlautsSpelt) {
            decomposed = "regexp_replace(" + decomposed + ", '([aouAOU])' || chr(776), '\\1e', 'g')";
        }
        String folded = "translate(regexp_replace(" + decomposed + ", " + MARKS_SQL + ", '', 'g'), '" + FOLDED.replace("'", "''")
                + "', '" + AS.replace("'", "''") + "')";
        for (String[] e : EXPANDED) {
            folded = "replace(" + folded + ", '" + e[0] + "', '" + e[1] + "')";
        }
        return "translate(lower(translate(" + folded + ", '" + LEFT_OUT.replace("'", "''") + "', '')), 'ς', 'σ')";
    }

    /**
     * In SQL, whether the name in {@code column} holds the search text: its key holds the text's key, either side's German
     * umlauts (ä, ö, ü) read as written or spelt out (ae, oe, ue): "Mueller" finds "Müller" and "Müller" finds "Mueller", while
     * "Muller" still finds "Müller" (a fresh reviewer's MUELLER found nobody). Three {@code ?}, given by {@link #nameParts}.
     */
    static String nameMatches(String column) {
        // each key computed once a row: the name's plain key against both patterns, its spelt-out key against the plain one
        return "(" + nameKey(column) + " LIKE ANY (ARRAY[CAST(? AS text), CAST(? AS text)]) OR " + nameKey(column, true) + " LIKE ?)";
    }

    /** The three parameters of {@link #nameMatches} for the search text {@code typed}: LIKE patterns of a part of the name. */
    static Object[] nameParts(String typed) {
        String plain = likePart(searchKey(typed)), spelt = likePart(searchKey(typed, true));
        return new Object[]{plain, spelt, plain};
    }

    private static String likePart(String key) {
        return "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * The search text as names are searched (the same steps as {@link #nameKey}): "Nguyen", "nguyễn" and "NGUYỄN" find
     * "Nguyễn", whether it was sent composed (NFC) or decomposed (NFD); "שלום" finds "שָׁלוֹם", "محمد" finds "مُحَمَّد".
     * Reason: fresh reviewers' decomposed "Trần", plain "Nguyen" and unpointed Hebrew found nobody; a registrar types a name
     * as heard, without its accents or vowel points.
     */
    static String searchKey(String text) {
        return searchKey(text, false);
    }

    /** {@link #searchKey}, or with {@code umlautsSpelt} the German umlauts spelt out first, as {@link #nameKey(String, boolean)}. */
    private static String searchKey(String text, boolean umlautsSpelt) {
        String decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD);
        if (umlautsSpelt) {
            decomposed = decomposed.replaceAll("([aouAOU])\u0308", "$1e");
        }
        String stripped = decomposed.replaceAll(MARKS_REGEX, "");
        StringBuilder out = new StringBuilder(stripped.length());
        for (char c : stripped.toCharArray()) {
            if (Character.getType(c) == Character.FORMAT) {
                continue; // a directional mark or joiner pasted with the name: no stored name has one (the second reviewer's)
            }
            int i = FOLDED.indexOf(c);
            out.append(i >= 0 ? AS.charAt(i) : c);
        }
        String expanded = out.toString();
        for (String[] e : EXPANDED) {
            expanded = expanded.replace(e[0], e[1]);
        }
        StringBuilder key = new StringBuilder(expanded.length());
        expanded.chars().filter(c -> LEFT_OUT.indexOf(c) < 0).forEach(c -> key.append((char) c));
        // Greek final sigma as σ: Java lower-cases a word-final Σ to ς, PostgreSQL to σ (a fresh reviewer's ΠΑΠΑΔΟΠΟΥΛΟΣ found nobody)
        return key.toString().toLowerCase(java.util.Locale.ROOT).replace('ς', 'σ');
    }

    /**
     * The search text as an e-mail address or license number is compared (whole, any case): in NFKC (full-width letters and
     * digits as plain ones), without the characters that draw nothing and the spaces around it, a no-break space included
     * (the fourth reviewer's license number pasted with no-break spaces found nobody).
     */
    static String exactKey(String text) {
        return com.polaris.kat.security.strict.InvisibleCharacters.comparable(text);
    }

    /** @param key the text as names are searched ({@link #searchKey}); @param exact as e-mail addresses and licenses are ({@link #exactKey}) */
    private Page<ClinicianMatch> find(String text, String exact, PageParams p) {
        Object[] name = nameParts(text);
        // an address as the clinician id compares it (one mailbox, one set of rows, whatever its spelling), and rows projected
        // before the key was kept by their address as sent
        String emailKey = com.polaris.kat.events.enrollment.EmailAddresses.key(exact);
        // MATCHES' parameters, in order: registrations by name part (nameMatches' three), e-mail (key, then as sent), license;
        // waitlist places the same
        Object[] matches = {name[0], name[1], name[2], emailKey, exact, exact, name[0], name[1], name[2], emailKey, exact, exact};
        List<ClinicianMatch> items = jdbc.query("SELECT * FROM (" + MATCHES + ") m ORDER BY registered_at DESC, registration_id NULLS LAST, series_id"
                        + " LIMIT ? OFFSET ?",
                (rs, i) -> new ClinicianMatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getBoolean(10)),
                java.util.stream.Stream.concat(java.util.Arrays.stream(matches), java.util.stream.Stream.of(p.size(), p.offset())).toArray());
        Long total = jdbc.queryForObject("SELECT count(*) FROM (" + MATCHES + ") m", Long.class, matches);
        return p.page(items, total == null ? 0 : total);
    }
}
