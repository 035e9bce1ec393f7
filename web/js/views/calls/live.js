// The page's one store, and keeping it current: the first page, "load more", the counts, and polling every
// 3 s while the tab is visible (30 s while hidden), backing off while the API cannot be reached, and not at all while
// the API wants a key the page does not have.

import { api, ApiError } from '../../shared/api.js';
import { createStore, filterById, initialState, pinnedToRead, reduce, statusChanges, viewById } from './state.js';
import { announce, describeCall, statusLabel } from '../../shared/dom.js';

export const PAGE_SIZE = 25;
/** Poll every 3 s while the tab is visible, every 30 s while hidden; back off to a minute while offline. */
const POLL_VISIBLE_MS = 3000;
const POLL_HIDDEN_MS = 30000;
const MAX_BACKOFF_MS = 60000;

export const store = createStore(reduce, initialState);

let pollTimer = null;
let failures = 0;

function currentFilter() {
  const state = store.state;
  const view = viewById(state.view);
  return { view: view.id, fallbackStatuses: view.fallbackStatuses, statuses: filterById(state.filter).statuses, search: state.search.trim(),
    campaignId: state.campaignId };
}

export async function loadFirstPage() {
  const query = store.state.query;
  try {
    const page = await api.list(currentFilter(), PAGE_SIZE, null);
    store.dispatch({ type: 'page-loaded', items: page.items, nextToken: page.nextToken, append: false, query });
    refreshCounts();
  } catch (e) {
    wentOffline(e);
  }
}

export async function loadMore() {
  const { query, nextToken } = store.state;
  if (!nextToken) return;
  store.dispatch({ type: 'loading' });
  try {
    const page = await api.list(currentFilter(), PAGE_SIZE, nextToken);
    store.dispatch({ type: 'page-loaded', items: page.items, nextToken: page.nextToken, append: true, query });
  } catch (e) {
    wentOffline(e);
  }
}

export async function refreshCounts() {
  try {
    const search = store.state.search.trim();
    const { counts, cap, views = null, atLeast = null } = await api.counts(search);
    // Counts for a search the person has since changed would tell of other calls: dropped.
    if (search === store.state.search.trim()) store.dispatch({ type: 'counts-loaded', counts, cap, views, atLeast });
  } catch (e) {
    // the list's own refresh reports the connection
  }
}

/** Re-reads what is on screen (up to 200 calls) and the counts; updates rows in place. */
export async function poll() {
  if (store.state.keyNeeded) return; // every request would be refused: polling resumes once a key is given
  const { query } = store.state;
  const requested = Math.min(200, Math.max(PAGE_SIZE, store.state.calls.length));
  const before = store.state.calls;
  try {
    const page = await api.list(currentFilter(), requested, null);
    failures = 0;
    store.dispatch({ type: 'refreshed', items: page.items, nextToken: page.nextToken, requested, query });
    await readPinned(query);
    announceChanges(statusChanges(before, store.state.calls));
    await refreshCounts();
  } catch (e) {
    wentOffline(e);
  }
  schedulePoll();
}

/**
 * Re-reads by id the calls pinned into a view that the API's list has not returned (a call due after every listed
 * one may never be), so that they follow the call: canceled or moved elsewhere, they say so.
 */
async function readPinned(query) {
  const ids = pinnedToRead(store.state);
  if (!ids.length) return;
  const answers = await Promise.all(ids.map((id) => api.get(id).then((call) => ({ call }), (error) => ({ id, error }))));
  if (query !== store.state.query) return;
  // Another failure leaves the pin as it was until the next poll (the list's own answer reports the connection).
  const gone = answers.filter((a) => a.error instanceof ApiError && a.error.status === 404).map((a) => a.id);
  store.dispatch({ type: 'pinned-read', calls: answers.filter((a) => a.call).map((a) => a.call), gone, nowMs: Date.now() });
}

/**
 * One announcement per poll: a screen reader reads only the last of several set in one frame, so several changes
 * are read as one sentence ("3 calls changed: ...").
 */
export function announceChanges(changed) {
  const each = changed.map((call) => `${describeCall(call)} is now ${statusLabel(call.status)}`);
  if (each.length === 1) announce(`Call to ${each[0]}`);
  else if (each.length > 1) announce(`${each.length} calls changed: ${each.join('; ')}`);
}

/** After consecutive failures, polls are spaced 3 s, 6 s, 12 s ... up to a minute. */
function backoffMs() {
  return failures === 0 ? 0 : Math.min(MAX_BACKOFF_MS, POLL_VISIBLE_MS * 2 ** (failures - 1));
}

export function wentOffline(error) {
  if (error instanceof ApiError && error.code === 'API_KEY_REQUIRED') {
    store.dispatch({ type: 'key-needed' });
    return;
  }
  if (!(error instanceof ApiError) || !error.offline) {
    console.warn(error);
    return;
  }
  failures += 1;
  store.dispatch({ type: 'offline', retryInSeconds: Math.round(backoffMs() / 1000) });
}

export function schedulePoll() {
  clearTimeout(pollTimer);
  if (store.state.keyNeeded) return;
  pollTimer = setTimeout(poll, Math.max(document.hidden ? POLL_HIDDEN_MS : POLL_VISIBLE_MS, backoffMs()));
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) poll(); // catch up at once when the tab comes back
  else schedulePoll();
});
