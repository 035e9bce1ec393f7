package io.callscheduler.store;

import io.callscheduler.model.Call;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.Contact;
import io.callscheduler.model.NewContact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of campaigns and their contacts. Every count a campaign shows is changed in the same write as what it
 * counts (a contact added, drawn or canceled; a campaign call's status, by the {@link CallStore}), so the counts are
 * exact at any moment. Failures surface as {@link ConcurrentUpdateException} or
 * {@link io.callscheduler.dependencies.DependencyUnavailableException}.
 */
public interface CampaignStore {

    /** Writes a new campaign with every count at zero. */
    void insert(Campaign campaign);

    /** Read consistently: a pause is seen by the next read. */
    Optional<Campaign> find(String id);

    /**
     * Writes the campaign's editable fields and state if the stored one still has {@code expected.version()}; the
     * counts and the runner's place are left as they are.
     *
     * @return the written campaign, its version bumped
     * @throws ConcurrentUpdateException when another writer got there first
     */
    Campaign replace(Campaign expected, Campaign updated);

    /** Campaigns, newest first. */
    Page<Campaign> list(int limit, String pageToken);

    /** The campaigns a runner may have work for: RUNNING, and STOPPED with contacts or calls left to cancel. */
    List<Campaign> withWork();

    /** What a bulk add did: numbers added, numbers already in the campaign (or twice in the input), added once. */
    record Added(int added, List<String> duplicates) {
    }

    /**
     * Adds contacts (already validated) to the campaign, in order, each number at most once: a number already in the
     * campaign, or given twice, is reported as a duplicate. Written in transactions of many contacts with the
     * campaign's count, so a failure half-way leaves whole chunks added and counted, never a contact uncounted.
     */
    Added addContacts(String campaignId, List<NewContact> contacts);

    /** The columns the campaign's contacts have, in the order first seen; empty before any contact. */
    List<String> contactColumns(String campaignId);

    /** Up to {@code limit} contacts not drawn yet, in the order they were added. */
    List<Contact> pendingContacts(String campaignId, int limit);

    /**
     * Moves the runner's place from {@code previous} (null: none yet) to {@code next}, if no other runner moved it
     * meanwhile and the campaign is still RUNNING: the slots in between are this runner's alone.
     */
    boolean reserveSlots(String campaignId, Instant previous, Instant next);

    /** What drawing a contact did. */
    enum Drawn { DRAWN, ALREADY_DRAWN, NOT_RUNNING }

    /**
     * Turns a pending contact into its call, all or nothing: the call written (it must not exist: its id derives from
     * the campaign and the number), the contact marked CALLED with the call's id, the counts moved from pending to
     * SCHEDULED, on condition that the campaign is RUNNING.
     */
    Drawn draw(Contact contact, Call call);

    /** Ends up to {@code limit} pending contacts CANCELED (counted); how many it ended. */
    int cancelPending(String campaignId, int limit);

    /** The campaign's calls, newest first, filtered as a calls list is. */
    Page<Call> calls(String campaignId, CallFilter filter, int limit, String pageToken);

    /** Up to {@code limit} of the campaign's SCHEDULED calls (not yet dialed, or waiting again). */
    List<Call> waitingCalls(String campaignId, int limit);
}
