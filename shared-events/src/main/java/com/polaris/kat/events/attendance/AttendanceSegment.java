package com.polaris.kat.events.attendance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One stretch of presence in a class day's live session: joined and left, UTC instants, joined
 * before left. A video platform's participant report has one per join/leave (a dropped connection
 * and a rejoin make two).
 */
public record AttendanceSegment(Instant joinedAt, Instant leftAt) {

    /**
     * The segments in time order with overlapping or touching ones merged (two devices at once, or a
     * rejoin in the same second, are one stretch of presence).
     */
    public static List<AttendanceSegment> merged(List<AttendanceSegment> segments) {
        List<AttendanceSegment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparing(AttendanceSegment::joinedAt).thenComparing(AttendanceSegment::leftAt));
        List<AttendanceSegment> out = new ArrayList<>();
        for (AttendanceSegment s : sorted) {
            AttendanceSegment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !s.joinedAt().isAfter(last.leftAt())) {
                out.set(out.size() - 1, new AttendanceSegment(last.joinedAt(), s.leftAt().isAfter(last.leftAt()) ? s.leftAt() : last.leftAt()));
            } else {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
