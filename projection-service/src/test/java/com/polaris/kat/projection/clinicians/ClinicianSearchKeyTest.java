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
        // still a match of letters, not of anything
        assertThat(found("Trần Văn Đức", "tron")).isFalse();
        assertThat(found("Zoë Šimková-Rivera", "zoey")).isFalse();
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
            assertThat((String) r.getBody().get("detail")).contains("at least 2 letters or digits once the characters that draw nothing");
        }
    }
}
