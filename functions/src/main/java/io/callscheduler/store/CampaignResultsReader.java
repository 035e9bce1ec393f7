package io.callscheduler.store;

import io.callscheduler.model.Call;
import io.callscheduler.model.Contact;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a campaign's results export reads, a window of contacts at a time: never the whole campaign at once. Failures
 * surface as {@link io.callscheduler.dependencies.DependencyUnavailableException}.
 */
public interface CampaignResultsReader {

    /** The names of the columns the campaign's contacts have, in the order first seen; empty without contacts. */
    List<String> contactColumns(String campaignId);

    /**
     * The campaign's contacts numbered {@code fromSequence} to {@code toSequence} (inclusive), in that order, each once
     * and in its state as read, even when one is drawn or canceled during the read.
     */
    List<Contact> contacts(String campaignId, long fromSequence, long toSequence);

    /** The calls with these ids, by id (an id without a call is left out). */
    Map<String, Call> calls(Collection<String> callIds);
}
