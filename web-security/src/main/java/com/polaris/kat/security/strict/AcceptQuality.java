package com.polaris.kat.security.strict;

import org.springframework.http.MediaType;

import java.util.List;

/**
 * The quality an {@code Accept} header gives a media type, as RFC 9110 reads it (sections 12.4.2 and 12.5.1): the most
 * specific range that includes the type decides (a type before a subtype wildcard before {@code *}{@code /*}, more
 * parameters more specific), and quality 0 means "not acceptable". Spring MVC matches ranges without their quality;
 * {@link SuccessIsNoProblem} (every read's body) and the public verification page ask here.
 */
public final class AcceptQuality {

    private AcceptQuality() {
    }

    /** The ranges of an {@code Accept} header value (several header lines joined with commas); none for an empty or unparsable one. */
    public static List<MediaType> ranges(String accept) {
        try {
            return MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException unparsable) { // AcceptForProblems has refused an unparsable Accept already (400)
            return List.of();
        }
    }

    /** The quality the {@code ranges} give {@code type}, from 0 to 1; -1 when no range includes it. */
    public static double of(List<MediaType> ranges, MediaType type) {
        MediaType deciding = null;
        int decidingSpecificity = -1;
        for (MediaType range : ranges) {
            if (!range.includes(type)) {
                continue;
            }
            int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1
                    : 2 + range.getParameters().size() - (range.getParameters().containsKey("q") ? 1 : 0);
            if (specificity > decidingSpecificity) {
                deciding = range;
                decidingSpecificity = specificity;
            }
        }
        return deciding == null ? -1 : deciding.getQualityValue();
    }

    /** Whether the {@code ranges} give {@code type} quality 0; false when none includes it. */
    public static boolean refused(List<MediaType> ranges, MediaType type) {
        return of(ranges, type) == 0;
    }
}
