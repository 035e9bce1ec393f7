// The Call Scheduler API, as the page uses it. Every failure becomes an ApiError: `field` names the input
// the API blamed (null for none), `offline` is true when the API could not be reached at all.

const config = window.CALL_SCHEDULER_CONFIG || {};
const TIMEOUT_MS = 10000;
// A create waits longer than a read: a slow answer is not an unreachable API, and saying so would invite a
// second click. Its Idempotency-Key makes sending it again safe anyway.
const CREATE_TIMEOUT_MS = 30000;

export class ApiError extends Error {
  constructor(message, { status = 0, code = null, field = null, offline = false, timedOut = false, line = null } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    /** The line of an uploaded file the API blamed (a contacts CSV refused whole), or null. */
    this.line = line;
    this.offline = offline;
    this.timedOut = timedOut;
  }
}

/** A random key for one submission (a v4 UUID; crypto.randomUUID needs a secure context, this does not). */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Where the API key comes from and what a refusal does (api-key.js): the page asks for the key when the API
 * answers 403, and the request is sent again with the key given.
 */
let keys = { current: () => null, refused: async () => null, accepted: () => {} };

export function useApiKeys(provider) {
  keys = provider;
}

export function configured() {
  return typeof config.apiBaseUrl === 'string' && config.apiBaseUrl.length > 0;
}

/**
 * One request. `body` is sent as JSON, unless `contentType` is given: then it goes as it is (a File's bytes, so that
 * the API reads the file exactly as saved). `text` answers {text, next} (a CSV and the URL of its rel="next" page).
 * A `path` starting with http is a whole URL (a Link the API gave).
 */
async function request(method, path, body, { timeoutMs = TIMEOUT_MS, headers: extraHeaders = {}, contentType = null, text: asText = false } = {}) {
  if (!configured()) {
    throw new ApiError('config.js does not say where the API is (apiBaseUrl)', { offline: true });
  }
  const headers = { Accept: asText ? 'text/csv' : 'application/json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
  const key = keys.current();
  if (key) headers['x-api-key'] = key;
  let response;
  try {
    response = await fetch(/^https?:/.test(path) ? path : config.apiBaseUrl.replace(/\/$/, '') + path, {
      method,
      headers,
      body: body === undefined || contentType ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    if (e.name === 'TimeoutError') {
      throw new ApiError(`The API did not answer within ${timeoutMs / 1000} s`, { offline: true, timedOut: true });
    }
    throw new ApiError('The API cannot be reached', { offline: true });
  }
  const text = await response.text();
  if (asText && response.ok) {
    if (key) keys.accepted();
    return { text, next: nextLink(response) };
  }
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    // not JSON: handled below
  }
  if (!response.ok) {
    const error = json && json.error;
    if (error) {
      throw new ApiError(error.message, { status: response.status, code: error.code, field: error.field, line: error.line ?? null });
    }
    // API Gateway's own answer to a missing or wrong key (an unknown route says "Missing Authentication Token").
    if (response.status === 403 && json && json.message === 'Forbidden') {
      if (await keys.refused(Boolean(key))) return request(method, path, body, { timeoutMs, headers: extraHeaders, contentType, text: asText });
      throw new ApiError('The API needs a key: use "Enter the API key" at the top of the page', { status: 403, code: 'API_KEY_REQUIRED' });
    }
    const message = (json && json.message) || `The API answered ${response.status}`;
    throw new ApiError(message, { status: response.status, offline: response.status >= 500 });
  }
  if (key) keys.accepted();
  return json;
}

/**
 * The whole URL of a paged answer's next page, from its `Link: <...>; rel="next"` header (relative to the request,
 * as RFC 8288 has it), or null on the last page. The API must list Link in Access-Control-Expose-Headers.
 */
export function nextLink(response) {
  const header = response.headers.get('Link');
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match && /\brel\s*=\s*"?next"?/i.test(match[2])) return new URL(match[1], response.url).href;
  }
  return null;
}

// What an API that predates the page's views refuses (400 naming the parameter): asked without it from then on.
const unsupported = new Set();

async function withoutUnsupported(path, params, fallback) {
  for (;;) {
    try {
      return await request('GET', `${path}?${params}`);
    } catch (e) {
      const what = `${path}?${e.field}`;
      if (!(e instanceof ApiError) || e.status !== 400 || !params.has(e.field) || unsupported.has(what)) throw e;
      unsupported.add(what);
      fallback(params, e.field);
    }
  }
}

export const api = {
  /**
   * One page of a view (`now`, `upcoming`, `history`), optionally of some statuses and matching a search.
   * @param filter {view: string, statuses: string[], fallbackStatuses: string[], search: string}
   */
  list(filter, limit, nextToken) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (filter.campaignId) {
      // A campaign's calls, newest first: the API takes no view with it.
      params.set('campaignId', filter.campaignId);
      if (filter.statuses.length) params.set('status', filter.statuses.join(','));
      if (filter.search) params.set('q', filter.search);
      if (nextToken) params.set('nextToken', nextToken);
      return request('GET', `/calls?${params}`);
    }
    if (filter.view && !unsupported.has('/calls?view')) params.set('view', filter.view);
    const statuses = unsupported.has('/calls?view') && !filter.statuses.length ? filter.fallbackStatuses : filter.statuses;
    if (statuses.length) params.set('status', statuses.join(','));
    if (filter.search) params.set('q', filter.search);
    if (nextToken) params.set('nextToken', nextToken);
    // Without views, the view's statuses stand in for it (the API's own orders: soonest first for SCHEDULED).
    return withoutUnsupported('/calls', params, (p) => {
      p.delete('view');
      if (!filter.statuses.length) p.set('status', filter.fallbackStatuses.join(','));
    });
  },
  /** Counts per status, of the calls matching the search (all calls from an API that cannot search them). */
  counts(search) {
    const params = new URLSearchParams();
    if (search && !unsupported.has('/calls/counts?q')) params.set('q', search);
    return withoutUnsupported('/calls/counts', params, (p) => p.delete('q'));
  },
  get: (id) => request('GET', `/calls/${encodeURIComponent(id)}`),
  /** Sending the same call again with the same key answers with the call the first request created. */
  create: (call, idempotencyKey) => request('POST', '/calls', call,
    { timeoutMs: CREATE_TIMEOUT_MS, headers: { 'Idempotency-Key': idempotencyKey } }),
  /** Whether a call to a number at a time is inside the calling hours: {window, anyTime, zones, allowed, nextAllowedAt}. */
  callingHours: (query) => request('GET', `/calling-hours?${new URLSearchParams(query)}`),
  cancel: (id) => request('DELETE', `/calls/${encodeURIComponent(id)}`),
  reschedule: (id, change) => request('PATCH', `/calls/${encodeURIComponent(id)}`, change),
  /** One page of the do-not-call list, matching a search by number or reason: {items, nextToken}. */
  suppressions(search, nextToken, limit = 50) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (search) params.set('q', search);
    if (nextToken) params.set('nextToken', nextToken);
    return request('GET', `/suppressions?${params}`);
  },
  /** Puts a number (as typed: the API reads it as a create does) on the do-not-call list, or updates its entry. */
  suppress: (number, reason) => request('PUT', `/suppressions/${encodeURIComponent(number)}`, { reason, source: 'page' }),
  unsuppress: (number) => request('DELETE', `/suppressions/${encodeURIComponent(number)}`),
  /**
   * A do-not-call CSV (a File, sent byte for byte) checked (`dryRun`) or imported: {rows, accepted, rejected,
   * duplicates, added, refreshed, ignoredColumns, rejects: [{row, column, code, message}]}; a file refused whole is an
   * ApiError with its `line`. Importing a file again only refreshes its numbers' entries, so it needs no key.
   */
  importSuppressions(file, { dryRun, defaultRegion }) {
    const params = new URLSearchParams({ dryRun: String(dryRun), defaultRegion });
    return request('POST', `/suppressions?${params}`, file, { timeoutMs: CREATE_TIMEOUT_MS, contentType: 'text/csv' });
  },
  /** One page of campaigns, newest first, each with its progress: {items, nextToken}. */
  campaigns(nextToken, limit = 50) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (nextToken) params.set('nextToken', nextToken);
    return request('GET', `/campaigns?${params}`);
  },
  campaign: (id) => request('GET', `/campaigns/${encodeURIComponent(id)}`),
  createCampaign: (campaign) => request('POST', '/campaigns', campaign, { timeoutMs: CREATE_TIMEOUT_MS }),
  /** `action`: start, pause, resume or stop; answers the campaign in its new state. */
  campaignAction: (id, action) => request('POST', `/campaigns/${encodeURIComponent(id)}/${action}`),
  /**
   * A contacts CSV (a File, sent byte for byte) checked (`dryRun`) or imported: {rows, accepted, rejected,
   * duplicates, suppressed, imported, rejects: [{row, column, code, message}]}; a file refused whole is an ApiError
   * with its `line`. The import's key makes sending the same file again import nothing twice.
   */
  uploadContacts(id, file, { dryRun, defaultRegion, idempotencyKey }) {
    const params = new URLSearchParams({ dryRun: String(dryRun), defaultRegion });
    return request('POST', `/campaigns/${encodeURIComponent(id)}/contacts?${params}`, file, {
      timeoutMs: CREATE_TIMEOUT_MS, contentType: 'text/csv', headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
    });
  },
  /** One page of a campaign's results: {text, next} (`url`: the next page's, from the previous page's Link). */
  resultsPage: (id, url = null) => request('GET', url || `/campaigns/${encodeURIComponent(id)}/results.csv`, undefined,
    { timeoutMs: CREATE_TIMEOUT_MS, text: true }),
  /**
   * An outcome report (GET /reports/outcomes): `query` is {from, to, groupBy, zone, campaignId?}; answers
   * {from, to, groupBy, zone, campaignId, callerId, asOf, totals, groups: [{key, ...metrics}]} (README, "Outcome reports").
   */
  outcomeReport: (query) => request('GET', `/reports/outcomes?${new URLSearchParams(query)}`),
  /** The same report as the API's CSV (format=csv): {text}. */
  outcomeReportCsv: (query) => request('GET', `/reports/outcomes?${new URLSearchParams({ ...query, format: 'csv' })}`,
    undefined, { text: true }),
  // Webhook endpoints (the Integrations view): a create and a rotation answer the signing secret, nothing else does.
  /** One page of webhook endpoints, in creation order: {items, nextToken}. */
  webhookEndpoints(nextToken, limit = 50) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (nextToken) params.set('nextToken', nextToken);
    return request('GET', `/webhook-endpoints?${params}`);
  },
  webhookEndpoint: (id) => request('GET', `/webhook-endpoints/${encodeURIComponent(id)}`),
  /** {url, events, description} → the endpoint and its `secret`. */
  createWebhookEndpoint: (endpoint) => request('POST', '/webhook-endpoints', endpoint, { timeoutMs: CREATE_TIMEOUT_MS }),
  /** Any of {url, events, description, disabled} → the endpoint as changed. */
  editWebhookEndpoint: (id, change) => request('PATCH', `/webhook-endpoints/${encodeURIComponent(id)}`, change),
  deleteWebhookEndpoint: (id) => request('DELETE', `/webhook-endpoints/${encodeURIComponent(id)}`),
  /** {id, secret, previousSecretExpiresAt}. */
  rotateWebhookSecret: (id) => request('POST', `/webhook-endpoints/${encodeURIComponent(id)}/rotate-secret`),
  /**
   * One page of an endpoint's delivery log, newest first: {items: [{id, endpointId, eventType, state, createdAt,
   * lastAttemptAt, payload, attempts: [{attempt, at, status, latencyMs, response, error, outcome}]}], nextToken}.
   */
  webhookDeliveries(id, nextToken, limit = 25) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (nextToken) params.set('nextToken', nextToken);
    return request('GET', `/webhook-endpoints/${encodeURIComponent(id)}/deliveries?${params}`);
  },
  /** Queues a webhook.test event to the endpoint: 202 {id, endpointId, eventType, state, queuedAt}. */
  sendTestEvent: (id) => request('POST', `/webhook-endpoints/${encodeURIComponent(id)}/test`),
  /** Sends a delivery again, from attempt 1 under its own webhook-id: 202 {id, endpointId, eventType, state, queuedAt}. */
  replayDelivery: (id, messageId) => request('POST',
    `/webhook-endpoints/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(messageId)}/replay`),
  // Call series (the Series view, and the schedule form's "Repeat").
  /** A series' next occurrences, nothing written: {nextOccurrences: [{occurrence, at, utcOffset}]}; a 400 names the field. */
  previewSeries: (series) => request('POST', '/series/preview', series),
  /**
   * The call's fields, timeZone, rrule, startAt, until or count → the series (201), with its next occurrences. The
   * Idempotency-Key makes a resend of an unanswered create answer with the series already made, not a second one.
   */
  createSeries: (series, idempotencyKey) => request('POST', '/series', series,
    { timeoutMs: CREATE_TIMEOUT_MS, headers: { 'Idempotency-Key': idempotencyKey } }),
  /** One page of series: {items, nextToken}. */
  seriesList(nextToken, limit = 50) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (nextToken) params.set('nextToken', nextToken);
    return request('GET', `/series?${params}`);
  },
  series: (id) => request('GET', `/series/${encodeURIComponent(id)}`),
  /** One page of a series' calls, newest first: {items, nextToken}. */
  seriesCalls(id, nextToken, limit = 20) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (nextToken) params.set('nextToken', nextToken);
    return request('GET', `/series/${encodeURIComponent(id)}/calls?${params}`);
  },
  /** Changes future occurrences; with `from` (an occurrence) splits the series there and answers the new one. */
  editSeries: (id, change) => request('PATCH', `/series/${encodeURIComponent(id)}`, change),
  /** `action`: pause or resume; answers the series in its new state. */
  seriesAction: (id, action) => request('POST', `/series/${encodeURIComponent(id)}/${action}`),
  /** Cancels its pending occurrence; its calls so far stay in the history. */
  deleteSeries: (id) => request('DELETE', `/series/${encodeURIComponent(id)}`),
};
