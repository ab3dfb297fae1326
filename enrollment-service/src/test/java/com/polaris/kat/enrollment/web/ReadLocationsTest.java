package com.polaris.kat.enrollment.web;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a command's result can be read: the read side's base URL and the path, each variable one encoded segment. */
class ReadLocationsTest {

    @Test
    void eachVariableIsOnePathSegmentUnderTheReadBase() {
        ReadLocations locations = new ReadLocations("http://reads.example.org:8082/");
        assertThat(locations.registration("aa96f034-b0e1-34af-8a84-4570261d948e"))
                .isEqualTo(URI.create("http://reads.example.org:8082/api/registrations/aa96f034-b0e1-34af-8a84-4570261d948e"));
        assertThat(locations.series(21)).isEqualTo(URI.create("http://reads.example.org:8082/api/catalog/series/21"));
        assertThat(locations.roster("M4-2023-11-13")).hasToString("http://reads.example.org:8082/api/class-days/M4-2023-11-13/roster");
        // what a path segment may not hold is percent-encoded (RFC 3986), in UTF-8
        assertThat(locations.module("a b/ü?#")).hasToString("http://reads.example.org:8082/api/catalog/modules/a%20b%2F%C3%BC%3F%23");
        assertThat(locations.of("/api/{a}/x/{b}", "one", 2)).hasToString("http://reads.example.org:8082/api/one/x/2");
    }

    @Test
    void anEmptyBaseGivesThePathOnly() {
        assertThat(new ReadLocations("").attendance("r-1")).hasToString("/api/registrations/r-1/attendance");
    }

    @Test
    void aTemplateAndVariablesThatDoNotMatchAreAProgrammingError() {
        ReadLocations locations = new ReadLocations("");
        assertThatThrownBy(() -> locations.of("/api/{a}/{b}", "one")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> locations.of("/api/{a}", "one", "two")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> locations.of("/api/{a", "one")).isInstanceOf(IllegalArgumentException.class);
    }
}
