package com.polaris.kat.events.attendance;

import java.util.List;

/**
 * What setting participant-report rows aside decided ({@link AttendanceCommands.IgnoreParticipantReportRows}):
 * the lines this command set aside (ascending, each once; empty when it set nothing new aside) and the lines it
 * named that were already set aside, each with the reason it was first set aside with, which stands.
 */
public record RowsSetAside(List<Long> setAsideNow, List<Earlier> setAsideBefore) {

    public RowsSetAside {
        setAsideNow = setAsideNow == null ? List.of() : List.copyOf(setAsideNow);
        setAsideBefore = setAsideBefore == null ? List.of() : List.copyOf(setAsideBefore);
    }

    /** A line set aside by an earlier command, with that command's reason. */
    public record Earlier(long line, String reason) {
    }
}
