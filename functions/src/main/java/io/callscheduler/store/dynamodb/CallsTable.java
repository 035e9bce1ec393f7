package io.callscheduler.store.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The one owner of the calls table's item kinds: every item is keyed by {@code id}, and this class alone says what an
 * id looks like for each kind and when the kind expires (the table's TTL attribute, {@value #EXPIRES_AT}, in epoch
 * seconds). The access patterns are in DESIGN_DECISIONS.md, decision 3. Calls alone carry the index keys: a
 * call's lane of the page's views ({@link #viewLane}) is the {@code byView} index's partition key.
 *
 * <table>
 *   <tr><th>kind</th><th>id</th><th>expires</th></tr>
 *   <tr><td>a call</td><td>its UUID</td><td>never</td></tr>
 *   <tr><td>an idempotency record</td><td>{@code idempotency-key#<key>}</td><td>when the record says (a day after the create)</td></tr>
 *   <tr><td>a number's daily count</td><td>{@code quota#<number>#<UTC day>}</td><td>two days after the day</td></tr>
 *   <tr><td>a dial-slot window</td><td>{@code pacer#slot#<window start, epoch ms>}</td><td>a day after the window</td></tr>
 *   <tr><td>the busy lines</td><td>{@code lines#busy}</td><td>never (one item)</td></tr>
 *   <tr><td>a status-sync cursor</td><td>{@code sync-cursor#<status>}</td><td>never (one per status)</td></tr>
 *   <tr><td>a campaign</td><td>{@code campaign#<UUID>}</td><td>never</td></tr>
 *   <tr><td>a campaign's contact</td><td>{@code contact#<campaign UUID>#<E.164>}: one per number and campaign</td><td>never</td></tr>
 *   <tr><td>a do-not-call entry</td><td>{@code suppression#<E.164>}</td><td>when the entry says, if it does</td></tr>
 *   <tr><td>a contacts upload's answer (its Idempotency-Key)</td><td>{@code campaign-import#<campaign UUID>#<key>}</td><td>when the record says (a day after the upload)</td></tr>
 *   <tr><td>a webhook endpoint (its secret is in Secrets Manager)</td><td>{@code webhook-endpoint#<UUID>}</td><td>never</td></tr>
 *   <tr><td>a message to an endpoint, with its attempts (the delivery log)</td><td>{@code webhook-delivery#<endpoint UUID>#<webhook-id>}</td><td>30 days after its last write</td></tr>
 *   <tr><td>a call series (recurring calls)</td><td>{@code series#<UUID>}</td><td>never</td></tr>
 *   <tr><td>a POST /series Idempotency-Key's record</td><td>{@code series-idempotency-key#<key>}</td><td>when the record says (a day after the create)</td></tr>
 *   <tr><td>where the series' minute sweep stopped</td><td>{@value #SERIES_SWEEP_POSITION}</td><td>never (one item)</td></tr>
 *   <tr><td>an endpoint's failing streak (since when its deliveries fail)</td><td>{@code webhook-health#<endpoint UUID>}</td><td>30 days after its last write</td></tr>
 * </table>
 * Items listed in collections are also in the sparse {@value #BY_COLLECTION} index ({@link #COLLECTION},
 * {@link #COLLECTION_ORDER}), so that listing them is a Query of one partition, never a Scan: every campaign in
 * {@value #CAMPAIGNS_KEY} by creation; a campaign's contacts in {@code <campaign>#contacts} by state and sequence (the
 * runner draws {@code PENDING#...} in order); its calls in {@code <campaign>#calls} by scheduled time; the do-not-call
 * entries in {@value #SUPPRESSION_KIND} by number; every series in {@value #SERIES_KEY} by creation; a series'
 * calls in {@code series-calls#<series>} by occurrence.
 */
public final class CallsTable {
    /** The partition key of every item. */
    public static final String ID = "id";
    /** The table's TTL attribute, epoch seconds. */
    public static final String EXPIRES_AT = "expiresAt";
    /** The busy lines' one item. */
    public static final String BUSY_LINES = "lines#busy";

    private CallsTable() {
    }

    public static String idempotencyRecord(String key) {
        return "idempotency-key#" + key;
    }

    /** A POST /series Idempotency-Key's record: a namespace apart from POST /calls' keys. */
    public static String seriesIdempotencyRecord(String key) {
        return "series-idempotency-key#" + key;
    }

    public static String numberQuota(String phoneNumber, LocalDate day) {
        return "quota#" + phoneNumber + "#" + day;
    }

    /** When a number's daily count expires: two days after its UTC day began, well after anyone reads it. */
    public static Instant numberQuotaExpiry(LocalDate day) {
        return day.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    public static String dialSlotWindow(long windowStartMillis) {
        return "pacer#slot#" + windowStartMillis;
    }

    /** When a dial-slot window's item expires: a day after the window. */
    public static Instant dialSlotWindowExpiry(Instant windowStart) {
        return windowStart.plus(Duration.ofDays(1));
    }

    /** The {@code byView} partition of a lane: one per lane, so that a view is a Query, not a Scan. */
    public static String viewLane(io.callscheduler.store.CallView.Lane lane) {
        return lane.name();
    }

    /**
     * One sparse, overloaded index for the items listed in collections: partition {@link #COLLECTION} (every campaign;
     * a campaign's contacts; a campaign's calls; the do-not-call list), sorted by {@link #COLLECTION_ORDER}. One index
     * rather than one per collection: CloudFormation adds one global secondary index per table update, and each
     * index is written for every item it holds.
     */
    public static final String BY_COLLECTION = "byCollection";
    public static final String COLLECTION = "collection";
    public static final String COLLECTION_ORDER = "collectionOrder";
    /** The {@value #BY_COLLECTION} partition that lists every campaign. */
    public static final String CAMPAIGNS_KEY = "campaigns";

    public static String campaign(String campaignId) {
        return "campaign#" + campaignId;
    }

    /** One item per number in a campaign: adding a number twice meets the first item's condition. */
    public static String contact(String campaignId, String phoneNumber) {
        return "contact#" + campaignId + "#" + phoneNumber;
    }

    public static String campaignContactsKey(String campaignId) {
        return campaignId + "#contacts";
    }

    public static String campaignCallsKey(String campaignId) {
        return campaignId + "#calls";
    }

    /** A contact's place among its campaign's: its state, then its sequence, fixed width so string order is number order. */
    public static String contactSort(String state, long sequence) {
        return state + "#" + String.format("%012d", sequence);
    }

    /** The answer a contacts upload with an Idempotency-Key gave, per campaign: a retry answers it again. */
    public static String campaignImport(String campaignId, String key) {
        return "campaign-import#" + campaignId + "#" + key;
    }

    public static String syncCursor(String status) {
        return "sync-cursor#" + status;
    }

    /** The {@value #BY_COLLECTION} partition of do-not-call entries, sorted by number. */
    public static final String SUPPRESSION_KIND = "suppression";

    public static String suppression(String phoneNumber) {
        return "suppression#" + phoneNumber;
    }

    /** The {@value #BY_COLLECTION} partition of webhook endpoints, sorted by creation ({@link #webhookEndpointOrder}). */
    public static final String WEBHOOK_ENDPOINTS_KEY = "webhook-endpoints";

    public static String webhookEndpoint(String endpointId) {
        return "webhook-endpoint#" + endpointId;
    }

    /** An endpoint's place in its collection: creation time (fixed-width epoch ms, so string order is time order), then id. */
    public static String webhookEndpointOrder(Instant createdAt, String endpointId) {
        return String.format("%013d", createdAt.toEpochMilli()) + "#" + endpointId;
    }

    /** One message to one endpoint in the delivery log; listed in {@link #webhookDeliveriesKey} by creation. */
    public static String webhookDelivery(String endpointId, String webhookId) {
        return "webhook-delivery#" + endpointId + "#" + webhookId;
    }

    /** The {@value #BY_COLLECTION} partition of an endpoint's delivery log. */
    public static String webhookDeliveriesKey(String endpointId) {
        return "webhook-deliveries#" + endpointId;
    }

    /** A message's place in its endpoint's log: creation time (fixed-width epoch ms), then its webhook-id. */
    public static String webhookDeliveryOrder(Instant createdAt, String webhookId) {
        return String.format("%013d", createdAt.toEpochMilli()) + "#" + webhookId;
    }

    /** Since when an endpoint's deliveries have failed without a success (EndpointHealth). */
    public static String webhookHealth(String endpointId) {
        return "webhook-health#" + endpointId;
    }

    /** The {@value #BY_COLLECTION} partition that lists every series, sorted by creation. */
    public static final String SERIES_KEY = "series";

    /** The one item holding where the series' minute sweep stopped. */
    public static final String SERIES_SWEEP_POSITION = "series-sweep#position";

    public static String series(String seriesId) {
        return "series#" + seriesId;
    }

    /** A series' place among all: creation time (fixed-width epoch ms, so string order is time order), then id. */
    public static String seriesOrder(Instant createdAt, String seriesId) {
        return String.format("%013d", createdAt.toEpochMilli()) + "#" + seriesId;
    }

    /** The {@value #BY_COLLECTION} partition of a series' occurrence calls. */
    public static String seriesCallsKey(String seriesId) {
        return "series-calls#" + seriesId;
    }

    /** An occurrence call's place in its series: the occurrence's local date-time (ISO, fixed width), then the call. */
    public static String seriesCallOrder(java.time.LocalDateTime occurrence, String callId) {
        return occurrence.format(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + "#" + callId;
    }
}
