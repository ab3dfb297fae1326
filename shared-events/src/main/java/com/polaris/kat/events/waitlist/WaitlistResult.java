package com.polaris.kat.events.waitlist;

/**
 * What a waitlist command answered: the place and its state, and the offer if one is held for it.
 *
 * @param status   WAITING, OFFERED, ACCEPTED, DECLINED, LAPSED, LEFT or CLOSED
 * @param offerId  the open or last offer of the place (null: none yet)
 * @param replayed true when this answers a repeat of a request already carried out
 */
public record WaitlistResult(String seriesId, String placeId, String clinicianId, String status, String offerId,
                             boolean replayed) {
}
