package com.polaris.kat.projection.credit;

import com.polaris.kat.events.credit.CreditEvents.CreditApplied;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finance's list of who holds credit (a fresh reviewer had to sum the ledger CSV per clinician to see whose balances make up
 * the credit outstanding): clinicians with a balance above zero, largest first, then by id; the total outstanding; paging.
 * On a database of its own, so its credit is the only credit there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditHoldersTest extends ProjectionServiceTestBase {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "credit_holders");
    }

    private static Instant at(String day) {
        return Instant.parse(day + "T18:00:00Z");
    }

    @BeforeAll
    void history() {
        // ann: 1,000.00 and 500.00 issued, 500.00 applied: 1,000.00 in three entries
        append("ann", new CreditIssued("ann", "c1", Money.dollars(1000), "series-40", "a1", Money.dollars(1000), at("2023-10-01")), "system:credit-issuer");
        append("ann", new CreditIssued("ann", "c2", Money.dollars(500), "series-41", "a2", Money.dollars(1500), at("2023-10-02")), "system:credit-issuer");
        append("ann", new CreditApplied("ann", Money.dollars(500), "series-42", "a3", Money.dollars(1000), at("2023-10-03")), "front-end");
        // bob: 1,000.00, as much as ann: after her by id
        append("bob", new CreditIssued("bob", "c3", Money.dollars(1000), "series-40", "b1", Money.dollars(1000), at("2023-10-04")), "system:credit-issuer");
        // cy: all of it spent: holds none
        append("cy", new CreditIssued("cy", "c4", Money.dollars(2100), "series-40", "y1", Money.dollars(2100), at("2023-10-01")), "system:credit-issuer");
        append("cy", new CreditApplied("cy", Money.dollars(2100), "series-42", "y2", Money.ZERO, at("2023-10-05")), "front-end");
        // dee: 2,500.01, the largest
        append("dee", new CreditIssued("dee", "c5", Money.ofCents(250001), "series-41", "d1", Money.ofCents(250001), at("2023-10-06")), "system:credit-issuer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCliniciansHoldingCreditLargestFirstWithTheTotalOutstanding() {
        Map<String, Object> all = get("/api/credit?minPosition=" + head());
        assertThat(all).containsEntry("totalBalance", "4500.01").containsEntry("totalBalanceCents", 450001)
                .containsEntry("page", 0).containsEntry("size", 20).containsEntry("totalItems", 3);
        List<Map<String, Object>> items = (List<Map<String, Object>>) all.get("items");
        assertThat(items).extracting(h -> h.get("clinicianId") + " " + h.get("balance") + " " + h.get("balanceCents") + " "
                        + h.get("lastChangedAt") + " " + h.get("entries"))
                .containsExactly("dee 2500.01 250001 2023-10-06T18:00:00Z 1",
                        "ann 1000.00 100000 2023-10-03T18:00:00Z 3",
                        "bob 1000.00 100000 2023-10-04T18:00:00Z 1");
        // the ledger's credit outstanding at the end of a period that ends now is the same total
        assertThat(get("/api/ledger/totals?minPosition=" + head())).containsEntry("creditOutstandingAtEnd", "4500.01");
        Map<String, Object> second = get("/api/credit?page=1&size=1");
        assertThat(second).containsEntry("totalItems", 3).containsEntry("totalBalance", "4500.01");
        assertThat((List<Map<String, Object>>) second.get("items")).extracting(h -> h.get("clinicianId")).containsExactly("ann");
        assertThat((List<Map<String, Object>>) get("/api/credit?page=3").get("items")).isEmpty();
    }

    @Test
    void aBadPageIsAProblemNotAList() {
        ResponseEntity<Map> bad = http.get().uri("/api/credit?size=0").retrieve().toEntity(Map.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).containsEntry("type", "urn:kat:problem:invalid-query");
    }
}
