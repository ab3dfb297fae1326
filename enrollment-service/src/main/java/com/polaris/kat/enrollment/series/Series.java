package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.classday.ClassDayPlaces;

import com.polaris.kat.enrollment.catalog.ModuleCatalog;
import com.polaris.kat.enrollment.policy.RefundPolicyV1;
import com.polaris.kat.enrollment.rules.ClassDayBounds;
import com.polaris.kat.enrollment.rules.LiveSessionSize;
import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeSeriesCapacity;
import com.polaris.kat.events.catalog.CatalogCommands.RescheduleSeriesClassDay;
import com.polaris.kat.events.catalog.CatalogCommands.ScheduleSeries;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesCapacityChanged;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDayRescheduled;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.EnrollmentEvents.SeatReleased;
import com.polaris.kat.events.enrollment.EnrollmentEvents.SeatTaken;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import com.polaris.kat.eventstore.RequestMetadata;
import com.polaris.kat.events.waitlist.WaitlistCommands.ChangeSeriesOfferWindow;
import com.polaris.kat.events.waitlist.WaitlistCommands.DeclineWaitlistOffer;
import com.polaris.kat.events.waitlist.WaitlistCommands.JoinWaitlist;
import com.polaris.kat.events.waitlist.WaitlistCommands.LeaveWaitlist;
import com.polaris.kat.events.waitlist.WaitlistEvents.SeriesOfferWindowChanged;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistClosed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistJoined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistLeft;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferAccepted;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferDeclined;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferLapsed;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferMade;
import com.polaris.kat.events.waitlist.WaitlistResult;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.Scope;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A series (cohort) as seat capacity needs it: its class days (and their moves), its capacity, the
 * seats taken and released, which clinicians hold an active seat, and each registration id's
 * request fingerprint (so a repeated registration returns its first outcome). Its stream holds
 * only schedule and seat events; the life of a registration after the sale is on the
 * registration's own stream ({@code registration/Registration}). Two service instances can never
 * both sell the last seat: the second append hits the store's unique (aggregate, sequence) index,
 * is retried (config/ConflictRetryScheduler) and re-decides on the new state.
 * <p>
 * The waitlist is on this stream too ({@link Waitlist}; shared/product-rules "Waitlist"): a seat held by
 * an open offer counts against capacity like a seat taken, so the same unique index keeps two instances
 * from offering one seat twice or selling a held seat. A freed seat (cancellation, capacity raised, an
 * offer declined, lapsed or left) is offered to the first waiting clinician in the same transaction; the
 * offer's end is a persistent Axon deadline (db-scheduler, table {@code enrollment.scheduled_tasks}).
 */
@Aggregate(cache = "seriesCache", lockFactory = "seriesLockFactory")
public class Series extends ReadableStreamAggregate {

    @AggregateIdentifier
    private String seriesId;
    private int seriesNumber;
    private int capacity;
    private Money price;
    private Money ceOptionPrice;
    private String refundPolicyVersion;
    private final Map<String, SeriesClassDay> classDays = new LinkedHashMap<>();
    private final Map<String, Seat> seats = new HashMap<>();
    private final Set<String> activeClinicians = new HashSet<>();
    private int seatsTaken;
    private final Waitlist waitlist = new Waitlist();

    /** For Axon (sourcing from the stream). */
    protected Series() {
    }

    // ---------------------------------------------------------------- schedule

    /**
     * Schedules the series: its class days (one per catalog module, all in the future, dates
     * 2000-2100 per rules/ClassDayBounds), capacity and prices in cents, under the current refund policy;
     * its class days are found through their (module, date) slots (classday/ClassDayPlaces#find: a day keeps its id when
     * it moves, so a new day on a date a day moved away from gets another id) and created or joined in the same
     * transaction (classday/ClassDayPlaces#use), each holding the series' capacity in seats.
     *
     * @throws Refusal series-exists, class-day-module-mismatch (409); invalid-series-number, invalid-series-id, invalid-capacity
     *                 (also when a shared class day's room would exceed one live session),
     *                 invalid-price, no-class-days, invalid-class-day, unknown-module, duplicate-module,
     *                 class-day-in-past, invalid-date (422)
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScheduleSeries cmd, ModuleCatalog modules, Clock clock, ClassDayPlaces classDayPlaces, LiveSessionSize sessions) {
        if (seriesId != null) {
            throw Refusal.conflict("series-exists", "Series " + cmd.seriesNumber()
                    + " is already scheduled; choose another series number.");
        }
        List<SeriesClassDay> days = classDayPlaces.find(SeriesPlan.classDays(cmd, modules, sessions, clock.instant()));
        apply(new SeriesScheduled(cmd.seriesId(), cmd.seriesNumber(), cmd.capacity(), cmd.price(),
                cmd.ceOptionPrice(), days, RefundPolicyV1.VERSION));
        classDayPlaces.use(days, cmd.seriesId(), cmd.capacity());
    }

    /**
     * Changes the seat capacity (a no-op when unchanged) while registration is open: capacity only limits
     * registrations and waitlist offers, and both end when the first class day starts.
     *
     * The new capacity is held on each of the series' class days in the same transaction (classday/ClassDayPlaces#holdSeats),
     * which refuses it when a day shared with other series would hold more than one live session.
     *
     * @throws Refusal invalid-capacity (422, rules/LiveSessionSize: the series, or a class day's room), registration-closed,
     *                 capacity-below-seats-taken (409)
     */
    @CommandHandler
    public void handle(ChangeSeriesCapacity cmd, Clock clock, DeadlineManager deadlines, LiveSessionSize sessions,
                       ClassDayPlaces classDayPlaces) {
        sessions.checkCapacity(cmd.capacity());
        refuseOnceRegistrationClosed(clock.instant(), "its seat capacity");
        int held = waitlist.held();
        if (cmd.capacity() < seatsTaken + held) {
            throw Refusal.conflict("capacity-below-seats-taken", "Series " + seriesNumber + " already has "
                    + counted(seatsTaken, "seat", "seats") + " taken" + (held > 0 ? " and " + held + " held by waitlist offers" : "")
                    + "; the capacity cannot go below that.");
        }
        if (cmd.capacity() == capacity) {
            return;
        }
        classDayPlaces.holdSeats(datesOnly().days().stream().map(SeriesClassDay::classDayId).toList(), seriesId, cmd.capacity());
        apply(new SeriesCapacityChanged(seriesId, capacity, cmd.capacity(), seatsTaken, cmd.reason(), held));
        offerFreeSeats(clock.instant(), "CAPACITY_RAISED", deadlines);
    }

    /**
     * Moves one of the series' class days: handed to the series in its class day's move's own unit of work
     * (classday/ClassDayMoves, series/RepositoryClassDaySeries); a repeat is a no-op.
     * The cutoff and the registration deadline follow the first day as it stands.
     *
     * @throws Refusal class-day-not-in-series (404), invalid-date (422)
     */
    @CommandHandler
    public void handle(RescheduleSeriesClassDay cmd, DeadlineManager deadlines) {
        SeriesClassDay day = classDays.get(cmd.classDayId());
        if (day == null) {
            throw Refusal.notFound("class-day-not-in-series", "Series " + seriesNumber + " does not use class day " + cmd.classDayId() + ".");
        }
        ClassDayBounds.checkCatalogDate(cmd.newDate(), "Class day " + cmd.classDayId() + "'s new date", "newDate");
        if (day.date().equals(cmd.newDate())) {
            return; // already applied
        }
        Instant closedAt = closesAt();
        apply(new SeriesClassDayRescheduled(seriesId, day.classDayId(), day.moduleCode(), day.date(), cmd.newDate(),
                ProgramTime.startOf(cmd.newDate()), ProgramTime.endOf(cmd.newDate()), cmd.reason()));
        if (waitlist.everJoined() && !waitlist.closed() && closesAt().isBefore(closedAt)) {
            scheduleClose(deadlines);
            // open offers end when registration closes, at the latest: what they say must be when they end
            for (Waitlist.Offer offer : waitlist.openOffers()) {
                if (offer.expiresAt().isAfter(closesAt())) {
                    apply(new com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferEndMoved(seriesId, offer.offerId(), offer.expiresAt(),
                            closesAt(), "registration now closes at " + closesAt() + ": class day " + day.classDayId() + " moved to "
                            + cmd.newDate() + " (" + cmd.reason() + ")"));
                }
            }
        } else if (waitlist.everJoined() && !waitlist.closed() && closesAt().isAfter(closedAt)) {
            // registration now closes later: an open offer the close had cut short runs on to its window's end, or to the new
            // close if that comes first (product rules: the seat is held for the offer window; a fresh reviewer's offer kept the
            // old close as its end). The deadlines set at the old instants fire and set themselves again (OfferWindowEnds,
            // WaitlistCloses).
            for (Waitlist.Offer offer : waitlist.openOffers()) {
                Instant lengthened = offer.windowEnd().isBefore(closesAt()) ? offer.windowEnd() : closesAt();
                if (lengthened.isAfter(offer.expiresAt())) {
                    apply(new com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferEndMoved(seriesId, offer.offerId(), offer.expiresAt(),
                            lengthened, "registration now closes at " + closesAt() + ": class day " + day.classDayId() + " moved to "
                            + cmd.newDate() + " (" + cmd.reason() + ")"));
                }
            }
        }
    }

    // ---------------------------------------------------------------- seats

    /**
     * Sells a seat and starts the registration's own stream, in this command's unit of work (one
     * database transaction): {@link SeatTaken} here, {@code RegistrationPlaced} on the registration.
     *
     * @return the outcome; for a repeat of the same request, the first outcome with {@code replayed}
     * @throws Refusal registration-closed, already-registered, sold-out, class-day-already-held, date-already-held (409); payment-mismatch,
     *                 invalid-payment, idempotency-key-reused (422)
     */
    @CommandHandler
    public RegistrationResult handle(RegisterForSeries cmd, Clock clock, RegistrationStreams registrations, SoldOutSeries soldOut) {
        return register(cmd, clock.instant(), registrations, soldOut, null);
    }

    /**
     * Whether this clinician could register now, before what they pay is looked at: registration is still open (before the
     * first class day starts) and they hold no registration here. Used by {@link #register} and by the credit transfer,
     * which refuses a series with nothing to pay only after these (a fresh reviewer already registered was told to
     * "register without credit").
     *
     * @throws Refusal registration-closed, already-registered (409)
     */
    public void requireOpenTo(String clinicianId, Instant now) {
        if (!now.isBefore(datesOnly().firstDay().startsAt())) {
            throw Refusal.conflict("registration-closed", "Registration for Series " + seriesNumber + " closed when its first class day started ("
                    + datesOnly().firstDay().startsAt() + "); choose a future series.");
        }
        if (activeClinicians.contains(clinicianId)) {
            throw Refusal.conflict("already-registered", "This clinician already holds a registration in Series " + seriesNumber + ".");
        }
    }

    /** The series' number, as the training page and every message name it ("Series 50"). */
    public int seriesNumber() {
        return seriesNumber;
    }

    /** Also used by the credit transfer, in the same unit of work as spending the credit. */
    public RegistrationResult register(RegisterForSeries cmd, Instant now, RegistrationStreams registrations) {
        return register(cmd, now, registrations, null, null);
    }

    /**
     * @param soldOut   where a sold-out refusal is remembered for the next request's shortcut (null: nowhere)
     * @param accepting the open offer whose held seat this registration takes (null: a plain registration,
     *                  which takes the clinician's own open offer when they hold one, else only a seat neither
     *                  taken nor held)
     */
    private RegistrationResult register(RegisterForSeries cmd, Instant now, RegistrationStreams registrations, SoldOutSeries soldOut,
                                        Waitlist.Offer accepting) {
        Optional<RegistrationResult> repeat = repeatOf(cmd.registrationId(), cmd.requestFingerprint());
        if (repeat.isPresent()) {
            return repeat.get();
        }
        requireOpenTo(cmd.clinicianId(), now);
        if (accepting == null) {
            // registering while holding an open offer takes the held seat: it is accepting the offer
            accepting = waitlist.openOfferOf(cmd.clinicianId()).filter(o -> now.isBefore(o.expiresAt()))
                    .filter(o -> erasedSinceJoining(o, registrations).isEmpty()).orElse(null);
        }
        int held = waitlist.held() - (accepting == null ? 0 : 1);
        if (seatsTaken + held >= capacity) {
            String message = "Series " + seriesNumber + " is sold out (" + counted(capacity, "seat", "seats")
                    + (held > 0 ? ", " + held + " held for the waitlist" : "") + "); join its waitlist or choose another series.";
            if (soldOut != null) {
                Set<String> holders = new HashSet<>(activeClinicians);
                waitlist.openOffers().forEach(o -> holders.add(o.clinicianId())); // their registration is accepted, not refused
                soldOut.remember(seriesId, new SoldOutSeries.Decision(AggregateLifecycle.getVersion(), Set.copyOf(seats.keySet()),
                        Set.copyOf(holders), datesOnly().firstDay().startsAt(), message));
            }
            throw Refusal.conflict("sold-out", message);
        }
        Money due = priceDue(cmd.ceOption());
        Payment payment = cmd.payment() == null ? Payment.NONE : cmd.payment();
        Money credit = cmd.creditApplied() == null ? Money.ZERO : cmd.creditApplied();
        SeatPayment.check(payment, credit, due, price, cmd.ceOption() ? ceOptionPrice : null);
        // sealed first, as a request with an Idempotency-Key is (privacy/ClaimedSealing): a seal that made the clinician's
        // first data keys lets their live-sessions stream start unread
        com.polaris.kat.events.enrollment.SealedClinician sealed = registrations.seal(cmd.clinicianId(), cmd.registrationId(), cmd.clinician(), now);
        // one place per live session, one live day at a time: a day this series shares with another, or another day on one
        // of its dates, may already hold the clinician
        java.util.SortedMap<String, java.time.LocalDate> days = new java.util.TreeMap<>();
        datesOnly().days().forEach(d -> days.put(d.classDayId(), d.date()));
        registrations.holdClassDays(cmd.clinicianId(), cmd.registrationId(), seriesId, seriesNumber, days, accepting != null, now);
        int after = seatsTaken + 1;
        if (accepting != null) {
            // read after the sealing, which waited for an erasure's shredding in flight: that erasure is seen here
            Optional<Instant> erased = erasedSinceJoining(accepting, registrations);
            if (erased.isPresent()) {
                throw Refusal.conflict("offer-not-open", "Offer " + accepting.offerId() + " is no longer open: the clinician's personal data "
                        + "was erased at " + erased.get() + ", after they joined the waitlist, which withdrew their place and declines its offer "
                        + "(product rules, \"Personal data\"). Join the waitlist again, or register, with the clinician's details.");
            }
        }
        apply(new SeatTaken(seriesId, cmd.registrationId(), cmd.clinicianId(), cmd.requestFingerprint(), after, capacity, now));
        if (accepting != null) {
            apply(new WaitlistOfferAccepted(seriesId, accepting.offerId(), accepting.placeId(), accepting.clinicianId(),
                    cmd.registrationId(), now));
        }
        registrations.start(new RegistrationPlaced(seriesId, cmd.registrationId(), cmd.clinicianId(), sealed, cmd.ceOption(),
                price, ceOptionPrice, due, payment, credit, refundPolicyVersion, now, after, capacity,
                cmd.requestFingerprint(), datesOnly().firstDay().date()));
        return new RegistrationResult(seriesId, cmd.registrationId(), cmd.clinicianId(), "ACTIVE", false);
    }

    /**
     * The first outcome when this registration id was already used for the same request; a refusal
     * (422 idempotency-key-reused) when it was used for a different one; empty when it is new.
     */
    public Optional<RegistrationResult> repeatOf(String registrationId, String requestFingerprint) {
        Seat existing = seats.get(registrationId);
        if (existing == null) {
            return Optional.empty();
        }
        if (!existing.requestFingerprint().equals(requestFingerprint)) {
            throw Refusal.invalid("idempotency-key-reused", "Registration " + registrationId
                    + " was already made with different details; use a new registration id or Idempotency-Key for a new request.");
        }
        return Optional.of(new RegistrationResult(seriesId, registrationId, existing.clinicianId(),
                existing.released() ? "CANCELLED" : "ACTIVE", true));
    }

    /**
     * Frees the seat of a registration being cancelled; called by the registration's cancellation in
     * the same unit of work, so the seat and the refund decision are appended in one transaction. When
     * clinicians wait, the freed seat is offered to the first of them in the same transaction.
     *
     * @return the seats taken after the release
     * @throws Refusal registration-not-found (404) when the seat was not sold here, already-cancelled (409)
     */
    public int releaseSeat(String registrationId, Instant now, DeadlineManager deadlines) {
        Seat seat = seats.get(registrationId);
        if (seat == null) {
            throw Refusal.notFound("registration-not-found", "Series " + seriesNumber + " has no registration " + registrationId + ".");
        }
        if (seat.released()) {
            throw Refusal.conflict("already-cancelled", "Registration " + registrationId + " is already cancelled.");
        }
        int after = seatsTaken - 1;
        apply(new SeatReleased(seriesId, registrationId, seat.clinicianId(), after, capacity, now));
        offerFreeSeats(now, "SEAT_RELEASED", deadlines);
        return after;
    }

    // ---------------------------------------------------------------- waitlist (shared/product-rules "Waitlist")

    /** The deadline at an offer's end ({@link OfferWindowEnds}); persistent through Axon's db-scheduler deadline manager. */
    public static final String OFFER_DEADLINE = "waitlist-offer-window";
    /** The deadline at registration's close ({@link WaitlistCloses}). */
    public static final String CLOSE_DEADLINE = "waitlist-closes";
    /** The actor of the events a deadline causes. */
    public static final String DEADLINE_ACTOR = "system:waitlist-deadline";

    /** Deadline payload: the offer's window (or registration) ends. */
    public record OfferWindowEnds(String seriesId, String offerId) {
    }

    /** Deadline payload: registration closes, and with it the waitlist. */
    public record WaitlistCloses(String seriesId) {
    }

    /**
     * Joins the waitlist of a sold-out series (every seat taken or held by an offer). The clinician's
     * personal data is sealed like a registration's. A repeat of the same request answers its first
     * outcome ({@code replayed}).
     *
     * @return the place (status WAITING)
     * @throws Refusal registration-closed, not-sold-out, already-registered, already-on-waitlist (409, in that order: a series
     *                 with free seats says so to anyone);
     *                 idempotency-key-reused (422)
     */
    @CommandHandler
    public WaitlistResult handle(JoinWaitlist cmd, Clock clock, RegistrationStreams registrations, DeadlineManager deadlines) {
        Optional<Waitlist.Place> existing = waitlist.place(cmd.placeId());
        if (existing.isPresent()) {
            if (!existing.get().requestFingerprint().equals(cmd.requestFingerprint())) {
                throw Refusal.invalid("idempotency-key-reused", "Waitlist place " + cmd.placeId()
                        + " was already requested with different details; use a new Idempotency-Key for a new request.");
            }
            return result(existing.get(), true);
        }
        Instant now = clock.instant();
        if (waitlist.closed() || !now.isBefore(closesAt())) {
            throw Refusal.conflict("registration-closed", "Registration for Series " + seriesNumber + " closed when its first class day started ("
                    + closesAt() + "), and its waitlist with it; choose a future series.");
        }
        // a series with free seats answers so whoever asks, before anything about the clinician: a refusal that said
        // "already registered" for one address and "not sold out" for another let anyone confirm a guessed address for free
        // (a fresh reviewer's; product rules, "Personal data")
        if (seatsTaken + waitlist.held() < capacity) {
            throw Refusal.conflict("not-sold-out", "Series " + seriesNumber + " has " + counted(capacity - seatsTaken - waitlist.held(),
                    "free seat", "free seats") + "; register instead of joining the waitlist.");
        }
        if (activeClinicians.contains(cmd.clinicianId())) {
            throw Refusal.conflict("already-registered", "This clinician already holds a registration in Series " + seriesNumber + ".");
        }
        if (waitlist.activePlaceOf(cmd.clinicianId()).isPresent()) {
            throw Refusal.conflict("already-on-waitlist", "This clinician already holds a place on Series " + seriesNumber
                    + "'s waitlist (place " + waitlist.activePlaceOf(cmd.clinicianId()).get().placeId() + ").");
        }
        boolean first = !waitlist.everJoined();
        apply(new WaitlistJoined(seriesId, cmd.placeId(), cmd.clinicianId(),
                registrations.seal(cmd.clinicianId(), cmd.placeId(), cmd.clinician(), now), cmd.requestFingerprint(),
                waitlist.waiting() + 1, now));
        if (first) {
            scheduleClose(deadlines);
        }
        return result(waitlist.place(cmd.placeId()).orElseThrow(), false);
    }

    /**
     * Leaves the waitlist; always possible while the place is on it. An open offer is declined with it
     * and the seat offered to the next in line. Leaving a place already left answers it again.
     *
     * @throws Refusal waitlist-place-not-found (404), waitlist-place-ended (409: accepted, declined, lapsed or closed)
     */
    @CommandHandler
    public WaitlistResult handle(LeaveWaitlist cmd, Clock clock, DeadlineManager deadlines, com.polaris.kat.enrollment.privacy.ClinicianText texts) {
        Waitlist.Place place = waitlist.place(cmd.placeId()).orElseThrow(() -> Refusal.notFound("waitlist-place-not-found",
                "Series " + seriesNumber + " has no waitlist place " + cmd.placeId() + "."));
        if (place.status().equals("LEFT")) {
            return result(place, true);
        }
        if (!place.active()) {
            throw Refusal.conflict("waitlist-place-ended", "Waitlist place " + cmd.placeId() + " is no longer on the waitlist ("
                    + place.status() + ").");
        }
        Instant now = clock.instant();
        boolean offered = place.status().equals("OFFERED");
        // the clinician's own words are theirs to erase: sealed under their place's contact key, never stored in plain text
        com.polaris.kat.events.enrollment.SealedText words = texts.seal(place.clinicianId(), place.contactKeyId(), cmd.clinicianReason());
        if (offered) {
            apply(new WaitlistOfferDeclined(seriesId, place.offerId(), place.placeId(), place.clinicianId(),
                    "left the waitlist" + (cmd.reason() == null ? "" : ": " + cmd.reason()), now, words));
        }
        apply(new WaitlistLeft(seriesId, place.placeId(), place.clinicianId(), cmd.reason(), now, words));
        if (offered) {
            offerFreeSeats(now, "PLACE_LEFT", deadlines);
        }
        return result(waitlist.place(cmd.placeId()).orElseThrow(), false);
    }

    /**
     * Declines an open offer; the seat is offered to the next in line. Declining an offer already
     * declined answers it again.
     *
     * @throws Refusal offer-not-found (404), offer-not-open (409: accepted or lapsed)
     */
    @CommandHandler
    public WaitlistResult handle(DeclineWaitlistOffer cmd, Clock clock, DeadlineManager deadlines,
                                 com.polaris.kat.enrollment.privacy.ClinicianText texts) {
        Waitlist.Offer offer = waitlist.offer(cmd.offerId()).orElseThrow(() -> Refusal.notFound("offer-not-found",
                "Series " + seriesNumber + " made no offer " + cmd.offerId() + "."));
        Waitlist.Place place = waitlist.place(offer.placeId()).orElseThrow();
        if (offer.status().equals("DECLINED")) {
            return result(place, true);
        }
        if (!offer.open()) {
            throw Refusal.conflict("offer-not-open", "Offer " + cmd.offerId() + " is no longer open (" + offer.status() + ").");
        }
        Instant now = clock.instant();
        apply(new WaitlistOfferDeclined(seriesId, offer.offerId(), offer.placeId(), offer.clinicianId(), null, now,
                texts.seal(offer.clinicianId(), place.contactKeyId(), cmd.clinicianReason())));
        offerFreeSeats(now, "OFFER_DECLINED", deadlines);
        return result(waitlist.place(offer.placeId()).orElseThrow(), false);
    }

    /**
     * Accepts an open offer: registers the clinician (same rules as a registration: price due, payment,
     * credit applied) into the seat the offer holds, in the caller's unit of work (the credit's spending,
     * if any, is in the same transaction). A repeat of the same request answers its first outcome.
     *
     * @throws Refusal offer-not-found (404); offer-not-open, offer-expired, registration-closed (409);
     *                 offer-clinician-mismatch, payment-mismatch, invalid-payment, idempotency-key-reused (422)
     */
    public RegistrationResult acceptOffer(String offerId, RegisterForSeries registration, Instant now, RegistrationStreams registrations) {
        Optional<RegistrationResult> repeat = repeatOf(registration.registrationId(), registration.requestFingerprint());
        if (repeat.isPresent()) {
            return repeat.get();
        }
        Waitlist.Offer offer = waitlist.offer(offerId).orElseThrow(() -> Refusal.notFound("offer-not-found",
                "Series " + seriesNumber + " made no offer " + offerId + "."));
        if (!offer.clinicianId().equals(registration.clinicianId())) {
            throw Refusal.invalidField("offer-clinician-mismatch", "clinician.email", "Offer " + offerId + " was made to another clinician;"
                    + " send the details (e-mail address) of the clinician who joined the waitlist.");
        }
        if (!offer.open()) {
            throw Refusal.conflict("offer-not-open", "Offer " + offerId + " is no longer open (" + offer.status() + ").");
        }
        if (!now.isBefore(offer.expiresAt())) {
            throw Refusal.conflict("offer-expired", "Offer " + offerId + " expired at " + offer.expiresAt() + ".");
        }
        return register(registration, now, registrations, null, offer);
    }

    /**
     * When the offer's clinician was last asked to be erased, if that was after their place joined the waitlist: the
     * erasure withdrew the place (product rules, "Personal data"), though the step that declines its offer
     * (waitlist/ErasedClinicianPlaces) runs just after the erasure's answer. A fresh reviewer accepted an offer right after
     * the erasure's 201, and the erased name, e-mail and license were readable again.
     */
    private Optional<Instant> erasedSinceJoining(Waitlist.Offer offer, RegistrationStreams registrations) {
        Instant joined = waitlist.place(offer.placeId()).map(Waitlist.Place::joinedAt).orElse(null);
        return registrations.erasureRequestedAt(offer.clinicianId()).filter(at -> joined == null || at.isAfter(joined));
    }

    /**
     * The registrar sets the offer window of this series (minutes; 48 h = 2880 by default). Open offers
     * keep the expiry they were made with.
     *
     * @throws Refusal invalid-offer-window (422, field offerWindowMinutes: below 1 minute or above 30 days);
     *                 registration-closed (409: the waitlist closed with registration, no offer can follow)
     */
    @CommandHandler
    public void handle(ChangeSeriesOfferWindow cmd, Clock clock) {
        if (cmd.offerWindowMinutes() < 1 || cmd.offerWindowMinutes() > 30 * 24 * 60) {
            throw Refusal.invalidField("invalid-offer-window", "offerWindowMinutes", "The offer window must be 1 to 43200 minutes (30 days); "
                    + cmd.offerWindowMinutes() + " was asked.");
        }
        refuseOnceRegistrationClosed(clock.instant(), "its waitlist's offer window");
        if (cmd.offerWindowMinutes() != waitlist.windowMinutes()) {
            apply(new SeriesOfferWindowChanged(seriesId, waitlist.windowMinutes(), cmd.offerWindowMinutes(), cmd.reason()));
        }
    }

    /**
     * The offer's deadline (its window's end, or registration's close, whichever is first). Fired once by
     * db-scheduler (one instance picks it); a deadline for an offer already answered changes nothing, and
     * one fired before its time (a class day moved later) is set again.
     */
    @DeadlineHandler(deadlineName = OFFER_DEADLINE)
    void on(OfferWindowEnds deadline, Clock clock, DeadlineManager deadlines) {
        Waitlist.Offer offer = waitlist.offer(deadline.offerId()).orElse(null);
        if (offer == null || !offer.open() || waitlist.closed()) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(closesAt())) {
            close(now);
        } else if (now.isBefore(offer.expiresAt())) {
            scheduleOfferEnd(offer.offerId(), offer.expiresAt(), deadlines);
        } else {
            apply(new WaitlistOfferLapsed(seriesId, offer.offerId(), offer.placeId(), offer.clinicianId(), "WINDOW_ENDED",
                    offer.expiresAt(), now));
            offerFreeSeats(now, "OFFER_LAPSED", deadlines);
        }
    }

    /** Registration's close: the waitlist closes, open offers lapse. Set again when fired before its time. */
    @DeadlineHandler(deadlineName = CLOSE_DEADLINE)
    void on(WaitlistCloses deadline, Clock clock, DeadlineManager deadlines) {
        if (waitlist.closed()) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(closesAt())) {
            scheduleClose(deadlines);
        } else {
            close(now);
        }
    }

    private void close(Instant now) {
        for (Waitlist.Offer offer : waitlist.openOffers()) {
            apply(new WaitlistOfferLapsed(seriesId, offer.offerId(), offer.placeId(), offer.clinicianId(), "REGISTRATION_CLOSED",
                    offer.expiresAt(), now));
        }
        apply(new WaitlistClosed(seriesId, waitlist.waiting(), closesAt(), now));
    }

    /**
     * Offers every seat neither taken nor held to the clinicians waiting, first come first served,
     * each until {@code min(now + offer window, registration's close)}, with a persistent deadline there.
     */
    private void offerFreeSeats(Instant now, String cause, DeadlineManager deadlines) {
        if (waitlist.closed() || !now.isBefore(closesAt())) {
            return;
        }
        while (seatsTaken + waitlist.held() < capacity) {
            Optional<Waitlist.Place> next = waitlist.firstWaiting();
            if (next.isEmpty()) {
                return;
            }
            String offerId = java.util.UUID.randomUUID().toString();
            Instant windowEnd = now.plus(waitlist.window());
            Instant expiresAt = windowEnd.isBefore(closesAt()) ? windowEnd : closesAt();
            apply(new WaitlistOfferMade(seriesId, offerId, next.get().placeId(), next.get().clinicianId(), cause, now, expiresAt,
                    seatsTaken, waitlist.held() + 1, capacity));
            scheduleOfferEnd(offerId, expiresAt, deadlines);
        }
    }

    private void scheduleOfferEnd(String offerId, Instant at, DeadlineManager deadlines) {
        deadlines.schedule(at, OFFER_DEADLINE, deadlineMessage(new OfferWindowEnds(seriesId, offerId), "offer-" + offerId),
                Scope.describeCurrentScope());
    }

    private void scheduleClose(DeadlineManager deadlines) {
        deadlines.schedule(closesAt(), CLOSE_DEADLINE, deadlineMessage(new WaitlistCloses(seriesId), "waitlist-" + seriesId),
                Scope.describeCurrentScope());
    }

    /**
     * The deadline's message: its events name the deadline as actor and share one correlation id, and carry nothing else.
     * Built with an identifier of its own, because Axon's other constructors add the scheduling unit of work's correlation
     * data: the reason and Idempotency-Key of whatever command set the deadline (a cancellation, a capacity change, a class
     * day's move) were stored on the lapsed offers and closed waitlists it caused (a fresh reviewer's).
     */
    private static GenericMessage<Object> deadlineMessage(Object payload, String correlationId) {
        return new GenericMessage<>(org.axonframework.common.IdentifierFactory.getInstance().generateIdentifier(), payload,
                MetaData.with(RequestMetadata.ACTOR, DEADLINE_ACTOR).and(RequestMetadata.CORRELATION_ID, correlationId));
    }

    /** "1 seat", "30 seats": a count with its noun in the messages (a fresh reviewer read "1 seats"). */
    private static String counted(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** When registration (and the waitlist) closes: the first class day's start. */
    private Instant closesAt() {
        return datesOnly().firstDay().startsAt();
    }

    /** A setting that governs only registrations and offers cannot change once registration closed. @throws Refusal registration-closed (409) */
    private void refuseOnceRegistrationClosed(Instant now, String what) {
        if (!now.isBefore(closesAt())) {
            throw Refusal.conflict("registration-closed", "Registration for Series " + seriesNumber + " closed when its first class day started ("
                    + closesAt() + "); " + what + " only governs registrations and waitlist offers, so it can no longer change.");
        }
    }

    private WaitlistResult result(Waitlist.Place place, boolean replayed) {
        return new WaitlistResult(seriesId, place.placeId(), place.clinicianId(), place.status(), place.offerId(), replayed);
    }

    /** The price in cents the registration owes: the series price, plus the CE option's when taken. */
    public Money priceDue(boolean ceOption) {
        return ceOption ? price.plus(ceOptionPrice) : price;
    }

    /** The schedule for the series' own rules, which read its days' dates and never their hours. */
    private SeriesSchedule datesOnly() {
        return schedule(com.polaris.kat.enrollment.catalog.CeHoursApprovals.AS_SCHEDULED);
    }

    /**
     * The series' class days as they stand now (moves applied), for the decisions taken on a registration's stream.
     *
     * @param approvals the hours each day earns (the module's approvals, catalog/CeHoursApprovals)
     */
    public SeriesSchedule schedule(com.polaris.kat.enrollment.catalog.CeHoursApprovals approvals) {
        return new SeriesSchedule(seriesId, seriesNumber, List.copyOf(classDays.values()), approvals);
    }

    /** Seats the series has (at least 1). */
    public int capacity() {
        return capacity;
    }

    /** Seats sold and not released. */
    public int seatsTaken() {
        return seatsTaken;
    }

    /** The active registrations by clinician id: who holds a seat now (clinician id to registration id). */
    public Map<String, String> activeRegistrationsByClinician() {
        Map<String, String> out = new HashMap<>();
        seats.forEach((registrationId, seat) -> {
            if (!seat.released()) {
                out.put(seat.clinicianId(), registrationId);
            }
        });
        return out;
    }

    /** A seat as the series knows it: enough to refuse a second one and to answer a repeat. */
    private record Seat(String clinicianId, String requestFingerprint, boolean released) {
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(SeriesScheduled e) {
        seriesId = e.seriesId();
        seriesNumber = e.seriesNumber();
        capacity = e.capacity();
        price = e.price();
        ceOptionPrice = e.ceOptionPrice();
        refundPolicyVersion = e.refundPolicyVersion();
        e.classDays().forEach(d -> classDays.put(d.classDayId(), d));
    }

    @EventSourcingHandler
    void on(SeriesCapacityChanged e) {
        capacity = e.toCapacity();
    }

    @EventSourcingHandler
    void on(SeriesClassDayRescheduled e) {
        SeriesClassDay d = classDays.get(e.classDayId());
        classDays.put(d.classDayId(), new SeriesClassDay(d.classDayId(), d.moduleCode(), d.moduleTitle(), e.toDate(),
                e.startsAt(), e.endsAt(), d.ceHours()));
    }

    @EventSourcingHandler
    void on(SeatTaken e) {
        seats.put(e.registrationId(), new Seat(e.clinicianId(), e.requestFingerprint(), false));
        activeClinicians.add(e.clinicianId());
        seatsTaken = e.seatsTakenAfter();
    }

    @EventSourcingHandler
    void on(SeatReleased e) {
        Seat s = seats.get(e.registrationId());
        seats.put(e.registrationId(), new Seat(s.clinicianId(), s.requestFingerprint(), true));
        activeClinicians.remove(e.clinicianId());
        seatsTaken = e.seatsTakenAfter();
    }

    @EventSourcingHandler
    void on(SeriesOfferWindowChanged e) {
        waitlist.on(e);
    }

    @EventSourcingHandler
    void on(WaitlistJoined e) {
        waitlist.on(e);
    }

    @EventSourcingHandler
    void on(WaitlistLeft e) {
        waitlist.on(e);
    }

    @EventSourcingHandler
    void on(WaitlistOfferMade e) {
        waitlist.on(e);
    }

    @EventSourcingHandler
    void on(WaitlistOfferAccepted e) {
        waitlist.on(e);
    }

    @EventSourcingHandler
    void on(WaitlistOfferDeclined e) {
        waitlist.on(e);
    }

    @EventSourcingHandler
    void on(WaitlistOfferLapsed e) {
        waitlist.on(e);
    }

    @EventSourcingHandler
    void on(WaitlistClosed e) {
        waitlist.on(e);
    }

    @EventSourcingHandler
    void on(com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferEndMoved e) {
        waitlist.on(e);
    }
}
