package com.polaris.kat.events.catalog;

import java.time.LocalDate;

/**
 * A class day is identified by the module it teaches and the date it was first scheduled on
 * ("M4-2023-11-13"). Two series that list the same module on the same date share that day. The
 * id stays the same when the day is later moved.
 */
public final class ClassDayIds {
    private ClassDayIds() {
    }

    /** @return {@code <moduleCode>-<date>} (ISO date), e.g. "M4-2023-11-13" */
    public static String of(String moduleCode, LocalDate date) {
        return moduleCode + "-" + date;
    }
}
