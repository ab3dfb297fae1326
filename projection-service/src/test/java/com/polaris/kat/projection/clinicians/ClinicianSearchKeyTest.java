package com.polaris.kat.projection.clinicians;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A name is found by its letters, whatever accents were typed and whichever Unicode form either side was sent in: the search
 * text's key (Java) and the stored name's key (PostgreSQL) are made the same way. Found by a fresh reviewer: "Trần Văn Đức"
 * registered decomposed (NFD) was not found by a composed "Trần", and "Nguyen" did not find "Nguyễn".
 */
class ClinicianSearchKeyTest extends ProjectionServiceTestBase {

    boolean found(String stored, String typed) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT " + ClinicianSearchController.nameKey("CAST(? AS text)") + " LIKE ?",
                Boolean.class, stored, "%" + ClinicianSearchController.searchKey(typed) + "%"));
    }

    /** As the search compares a name: either side's German umlauts read as written or spelt out (ClinicianSearchController.nameMatches). */
    boolean matches(String stored, String typed) {
        Object[] parts = ClinicianSearchController.nameParts(typed);
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT " + ClinicianSearchController.nameMatches("n.v")
                + " FROM (SELECT CAST(? AS text) AS v) n", Boolean.class, parts[0], parts[1], parts[2], stored));
    }

    /** Found by a fresh reviewer: "MUELLER" did not find "Müller", while ß, æ and œ are searched as ss, ae and oe. */
    @Test
    void germanUmlautsAreFoundAsWrittenOrSpeltOut() {
        for (String stored : new String[]{"Jürgen Müller", nfd("Jürgen Müller")}) {
            for (String typed : new String[]{"MUELLER", "mueller", "Müller", nfd("Müller"), "Muller", "juergen", "Jürgen Mü"}) {
                assertThat(matches(stored, typed)).as(typed + " in " + stored).isTrue();
            }
        }
        for (String typed : new String[]{"Müller", "mueller", "Mueller"}) {
            assertThat(matches("Anna Mueller", typed)).as(typed + " in Anna Mueller").isTrue();
        }
        assertThat(matches("Björk Öberg-Äsk", "bjoerk oeberg aesk")).isTrue();
        assertThat(matches("Björk Öberg-Äsk", "bjork oberg ask")).isTrue();
        // spelling out does not make other names match: "mueller" is not "muller" stored plainly
        assertThat(matches("Anna Muller", "mueller")).isFalse();
        assertThat(matches("Anna Müller", "miller")).isFalse();
    }

    static String nfd(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD);
    }

    @Test
    void aNameIsFoundWithOrWithoutItsAccentsInEitherUnicodeForm() {
        for (String stored : new String[]{"Trần Văn Đức", nfd("Trần Văn Đức")}) {
            for (String typed : new String[]{"Trần", nfd("Trần"), "tran", "TRAN VAN DUC", "Đức", "duc", "văn đ"}) {
                assertThat(found(stored, typed)).as(typed + " in " + stored).isTrue();
            }
        }
        for (String typed : new String[]{"Nguyen", "nguyễn", "NGUYỄN", nfd("Nguyễn")}) {
            assertThat(found("Thị Nguyễn", typed)).as(typed).isTrue();
        }
        assertThat(found("Zoë Šimková-Rivera", "zoe simkova")).isTrue();
        assertThat(found("Łukasz Øvergård", "lukasz overgard")).isTrue();
        assertThat(found("陳美玲", "美玲")).isTrue();
        // invisible characters and odd spacing pasted with the text (the second reviewer's LRM, RLM, NBSP, ZWSP, double space)
        for (String typed : new String[]{"Tran\u200E", "Van\u00A0Duc", "Van\u200BDuc", "Van  Duc", "\u200FTrần Văn", "Đức\u200B"}) {
            assertThat(found("Trần Văn Đức", typed)).as(typed).isTrue();
        }
        assertThat(found("Trần  Văn Đức", "tran van")).isTrue();
        // vowel points and harakat left out, Persian and Arabic keyboards' letters alike, a non-joiner in the stored name, full-width
        // and ideographic spaces (the third reviewer's)
        assertThat(found("שָׁלוֹם כֹּהֵן", "שלום")).isTrue();
        assertThat(found("שָׁלוֹם כֹּהֵן", "כהן")).isTrue();
        assertThat(found("محمد عبد الله", "مُحَمَّد")).isTrue();
        assertThat(found("ژیلا پژمان چگینی", "چگيني")).isTrue();
        assertThat(found("عائشہ ٹوانہ", "عائشه")).isTrue();
        assertThat(found("مریم عبدالله\u200Cزاده", "عبدالله\u200Cزاده")).isTrue();
        assertThat(found("مریم عبدالله\u200Cزاده", "عبداللهزاده")).isTrue();
        assertThat(found("سلامة عبد الإله", "الاله")).isTrue();
        assertThat(found("Trần Văn Đức", "Tran\u3000Van")).isTrue();
        assertThat(found("Trần Văn Đức", "Ｔｒａｎ")).isTrue();
        // Turkish dotless ı, a tatweel, invisible characters in the stored name or the text (the fourth reviewer's)
        for (String typed : new String[]{"isik", "ışık", "IŞIK", "Işık"}) {
            assertThat(found("İsmail Çağlar Işık", typed)).as(typed).isTrue();
        }
        assertThat(found("مُحَمَّد عَلِيّ", "محـمد")).isTrue();
        assertThat(found("Mia\uFE0F Stone", "Mia Stone")).isTrue();
        assertThat(found("Noa\u3164 Gray", "noa gray")).isTrue();
        assertThat(found("Ada Demo", "Ada\u180B")).isTrue();
        assertThat(ClinicianSearchController.exactKey("\u00A0ＰＳＹ-10001\u00A0")).isEqualTo("PSY-10001");
        assertThat(ClinicianSearchController.exactKey("ada.demo@example.org\u200B")).isEqualTo("ada.demo@example.org");
        // typographic and keyboard apostrophes alike, a hyphen or dash as a space, sharp s and the ligatures spelled out
        for (String typed : new String[]{"O'Brien", "o’brien", "OʼBRIEN", "O‘Brien"}) {
            assertThat(found("Siobhán O’Brien", typed)).as(typed).isTrue();
            assertThat(found("Siobhan O'Brien", typed)).as(typed).isTrue();
        }
        for (String typed : new String[]{"Smith-Jones", "smith jones", "Smith–Jones", "Smith\u2011Jones", "Smith—Jones"}) {
            assertThat(found("Ann Smith-Jones", typed)).as(typed).isTrue();
            assertThat(found("Ann Smith Jones", typed)).as(typed).isTrue();
        }
        assertThat(found("Johann Strauß", "strauss")).isTrue();
        assertThat(found("Johann Strauss", "Strauß")).isTrue();
        assertThat(found("JOHANN STRAUẞ", "strauss")).isTrue();
        assertThat(found("Cæcilia Bœuf", "caecilia boeuf")).isTrue();
        // the punctuation and the word breaks of a name left out, as a registrar types it (the first reviewer's of 2026-12-02)
        for (String typed : new String[]{"obrien", "O Brien", "O\u00B4Brien", "OʻBrien", "o'brien"}) {
            assertThat(found("Siobhán O’Brien", typed)).as(typed).isTrue();
        }
        assertThat(found("Ann Smith-Jones", "smithjones")).isTrue();
        assertThat(found("王 小明", "王小明")).isTrue();
        assertThat(found("王小明", "王 小明")).isTrue();
        assertThat(found("Mary St. John", "st john")).isTrue();
        assertThat(found("Keʻala Kahananui", "keala")).isTrue();
        // Greek in capitals: a word-final Σ is lower-cased to ς by Java and σ by PostgreSQL (the third reviewer's of 2026-12-02)
        for (String typed : new String[]{"ΠΑΠΑΔΟΠΟΥΛΟΣ", "Παπαδόπουλος", "ΣΩΚΡΑΤΗΣ ΠΑΠΑΔΟΠΟΥΛΟΣ", "παπαδοπουλοσ"}) {
            assertThat(found("ΣΩΚΡΑΤΗΣ ΠΑΠΑΔΟΠΟΥΛΟΣ", typed)).as(typed).isTrue();
            assertThat(found("Σωκράτης Παπαδόπουλος", typed)).as(typed).isTrue();
        }
        // still a match of letters, not of anything
        assertThat(found("Trần Văn Đức", "tron")).isFalse();
        assertThat(found("Zoë Šimková-Rivera", "zoey")).isFalse();
    }

    @Test
    void aZeroWidthSpaceBetweenWordsOrInsideOneIsLeftOut() {
        assertThat(found("Van Duc", "Van\u200BDuc")).isTrue();
        assertThat(found("Johann Strauß", "Stra\u200Buß")).isTrue();
        assertThat(found("Johann Strauß", "Strau\u200Bss")).isTrue();
        assertThat(found("Siobhan O’Brien", "O’\u200BBrien")).isTrue();
        assertThat(found("Johann Strauß", "Stra\u200Bux")).isFalse();
    }

    boolean sameLicense(String stored, String typed) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT " + ClinicianSearchController.licenseKey("CAST(? AS text)") + " = "
                + ClinicianSearchController.licenseKey("CAST(? AS text)"), Boolean.class, stored, ClinicianSearchController.exactKey(typed)));
    }

    /** A license number is one whatever its separators (the first reviewer's "PSY 801" did not find "PSY-801"). */
    @Test
    void aLicenseNumberIsFoundWhateverItsSeparatorsAndCase() {
        for (String typed : new String[]{"PSY-801", "psy 801", "PSY801", "PSY\u2010801", "PSY.801", "psy/801", "\u00A0ＰＳＹ－８０１"}) {
            assertThat(sameLicense("PSY-801", typed)).as(typed).isTrue();
        }
        assertThat(sameLicense("PSY-801", "PSY-8010")).isFalse();
        assertThat(sameLicense("PSY-801", "PSY-80")).isFalse();
    }

    @Test
    void oneChineseJapaneseOrKoreanCharacterIsEnoughToSearchOneLatinLetterIsNot() {
        for (String one : new String[]{"王", "김", "さ", "カ"}) {
            assertThat(com.polaris.kat.security.strict.SearchTexts.enough(ClinicianSearchController.searchKey(one))).as(one).isTrue();
        }
        for (String one : new String[]{"a", "7", "é", "ش", "a\u200B", "", "''", "__", "%%", "-.", "a'"}) {
            assertThat(com.polaris.kat.security.strict.SearchTexts.enough(ClinicianSearchController.searchKey(one))).as(one).isFalse();
        }
        assertThat(found("王小明", "王")).isTrue();
    }

    @Test
    @SuppressWarnings("rawtypes")
    void theLengthLimitCountsWhatWasTypedNotTheInvisibleCharactersPastedWithIt() {
        // 200 letters with a zero-width space after each: 400 characters sent, 200 typed
        String typed = "ab".repeat(100);
        String pasted = typed.chars().mapToObj(c -> (char) c + "%E2%80%8B").collect(java.util.stream.Collectors.joining());
        var ok = http.get().uri(java.net.URI.create("http://localhost:" + port + "/api/clinicians?q=" + pasted)).retrieve().toEntity(java.util.Map.class);
        assertThat(ok.getStatusCode().value()).isEqualTo(200);
        var tooLong = http.get().uri(java.net.URI.create("http://localhost:" + port + "/api/clinicians?q=" + typed + "c")).retrieve()
                .toEntity(java.util.Map.class);
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLong.getBody()).containsEntry("type", "urn:kat:problem:invalid-query").containsEntry("parameter", "q");
        assertThat((String) tooLong.getBody().get("detail")).contains("at most 200 characters").contains("this one has 201");
        var wang = http.get().uri(java.net.URI.create("http://localhost:" + port + "/api/clinicians?q=%E7%8E%8B")).retrieve().toEntity(java.util.Map.class);
        assertThat(wang.getStatusCode().value()).as("王").isEqualTo(200);
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aSearchOfInvisibleCharactersOnlyIsRefusedNotAnAnswerListingEveryone() {
        // two left-to-right marks pass a length check of 2 but search for nothing, which every name contains
        for (String q : new String[]{"%E2%80%8E%E2%80%8E", "%E2%80%8Ea"}) {
            var r = http.get().uri(java.net.URI.create("http://localhost:" + port + "/api/clinicians?q=" + q)).retrieve()
                    .toEntity(java.util.Map.class);
            assertThat(r.getStatusCode().value()).as(q).isEqualTo(400);
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:invalid-query").containsEntry("parameter", "q");
            // said as such, not as a length it has (the fourth reviewer's "must be 2 to 200 characters" for two such characters)
            assertThat((String) r.getBody().get("detail")).contains("at least 2 letters or digits, or 1 Chinese, Japanese or Korean character, once the characters that draw nothing");
        }
    }
}
