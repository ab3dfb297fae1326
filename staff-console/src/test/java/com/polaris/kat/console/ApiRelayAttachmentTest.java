package com.polaris.kat.console;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Downloads relayed by the console: a CSV gets the UTF-8 byte order mark once, other files come as they are. */
class ApiRelayAttachmentTest {

    private static ResponseEntity<byte[]> answer(String type, byte[] body) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, type).body(body);
    }

    @Test
    void aCsvGetsTheByteOrderMarkInFrontOnce() {
        byte[] csv = "\"reason\"\r\n\"Müller\"\r\n".getBytes(StandardCharsets.UTF_8);
        ResponseEntity<byte[]> relayed = ApiRelay.attachment(answer("text/csv;charset=UTF-8", csv), "refund-ledger.csv");
        assertThat(relayed.getBody()).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF).hasSize(csv.length + 3);
        assertThat(new String(relayed.getBody(), 3, csv.length, StandardCharsets.UTF_8)).isEqualTo("\"reason\"\r\n\"Müller\"\r\n");
        assertThat(relayed.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("text/csv;charset=UTF-8"));
        assertThat(relayed.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; filename=\"refund-ledger.csv\"");
        // one that has it already is not marked twice; an empty one is marked
        assertThat(ApiRelay.attachment(answer("text/csv", relayed.getBody()), "x.csv").getBody()).isEqualTo(relayed.getBody());
        assertThat(ApiRelay.attachment(answer("text/csv", new byte[0]), "x.csv").getBody()).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    }

    @Test
    void otherFilesComeAsTheyAre() {
        byte[] pdf = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);
        assertThat(ApiRelay.attachment(answer("application/pdf", pdf), "transcript.pdf").getBody()).isEqualTo(pdf);
    }
}
