// The calls view's state and a pure reducer over it; components render from the state and dispatch actions.

const ENDED = ['COMPLETED', 'FAILED', 'BUSY', 'NO_ANSWER', 'CANCELED'];

/** The page's filter tabs, each one or more API statuses (none: every call the view lists). */
export const FILTERS = [
  { id: 'all', label: 'All', statuses: [] },
  { id: 'in-progress', label: 'In progress', statuses: ['DIALING', 'IN_PROGRESS'] },
  { id: 'completed', label: 'Completed', statuses: ['COMPLETED'] },
  { id: 'failed', label: 'Failed', statuses: ['FAILED', 'BUSY', 'NO_ANSWER'] },
  { id: 'canceled', label: 'Canceled', statuses: ['CANCELED'] },
];

/**
 * The calls' views, one URL each (#/calls/<id>): what the API's `view` lists, in which order (the caption says
 * it), which filters make sense there, and the statuses standing in for the view while an API does not know it.
 */
export const VIEWS = [
  {
    id: 'now', label: 'Now and recent', caption: 'Calls under way first, then calls that ended in the last hour, latest first',
    filters: ['all', 'in-progress', 'completed', 'failed', 'canceled'], fallbackStatuses: ['DIALING', 'IN_PROGRESS', ...ENDED],
    empty: 'No call is under way and none ended in the last hour.',
  },
  {
    id: 'upcoming', label: 'Upcoming', caption: 'Scheduled calls, soonest first',
    filters: [], fallbackStatuses: ['SCHEDULED'], counted: true, empty: 'No calls are scheduled.',
  },
  {
    id: 'history', label: 'History', caption: 'Ended calls, latest first',
    filters: ['all', 'completed', 'failed', 'canceled'], fallbackStatuses: ENDED, counted: true, empty: 'No call has ended yet.',
  },
];

export const initialState = {
  view: 'now',
  filter: 'all',
  search: '',
  calls: [],
  nextToken: null,
  loading: false,
  counts: null,
  cap: null,
  /** Calls per view ({now, upcoming, history}) and the counts that are lower bounds (statuses, views, "total"). */
  viewCounts: null,
  atLeast: null,
  online: true,
  retryInSeconds: 0,
  /** The API refuses the page for want of a key, and the user has not given one: no calls to show. */
  keyNeeded: false,
  /** Calls made from this page that the API's list has not returned yet: {call, view}. */
  pinned: [],
  /** "Load more" read to the end: a poll whose first batch stops at the API's read budget does not undo that. */
  readToEnd: false,
  /** The ids of the calls the first page (or the last refresh) listed: what a refresh reads again. */
  firstIds: new Set(),
  /** Increments on every view, filter or search change, so answers to an older query are dropped. */
  query: 0,
  /** Only this campaign's calls, newest first, whatever the view (#/calls/now?campaign=<id>); null for every call. */
  campaignId: null,
};

export function filterById(id) {
  return FILTERS.find((f) => f.id === id) || FILTERS[0];
}

export function viewById(id) {
  return VIEWS.find((v) => v.id === id) || VIEWS[0];
}

/**
 * @returns the next state; never changes `state`
 */
export function reduce(state, action) {
  switch (action.type) {
    case 'view-changed':
      if (action.view === state.view) return state;
      return withPinned({ ...state, view: action.view, filter: 'all', calls: [], nextToken: null, loading: true, query: state.query + 1 });
    case 'campaign-changed':
      if (action.campaignId === state.campaignId) return state;
      return withPinned({ ...state, campaignId: action.campaignId, filter: 'all', calls: [], nextToken: null, loading: true, query: state.query + 1 });
    case 'filter-changed':
      return withPinned({ ...state, filter: action.filter, calls: [], nextToken: null, loading: true, query: state.query + 1 });
    case 'search-changed':
      // The counts were of the previous search: none until the new one's arrive.
      return withPinned({ ...state, search: action.search, calls: [], nextToken: null, loading: true, query: state.query + 1,
        counts: null, viewCounts: null, atLeast: null });
    case 'loading':
      return { ...state, loading: true };
    case 'page-loaded': {
      if (action.query !== state.query) return state;
      const calls = action.append ? mergeById(state.calls, action.items) : action.items;
      const ids = new Set(action.items.map((c) => c.id));
      return withPinned({ ...state, calls, nextToken: action.nextToken, loading: false, online: true, retryInSeconds: 0, keyNeeded: false,
        firstIds: action.append ? state.firstIds : ids, readToEnd: Boolean(action.append) && !action.nextToken }, ids);
    }
    case 'refreshed': {
      // The first calls are replaced by their fresh versions; calls loaded beyond them stay.
      if (action.query !== state.query) return state;
      const fresh = action.items;
      const freshIds = new Set(fresh.map((c) => c.id));
      if (incomplete(action.items, action.requested, action.nextToken)) {
        // The API stopped at its read budget before reaching what "Load more" found: those calls, and how far
        // "Load more" read (to the end, perhaps), stay; else every poll would send the search back to its first batch.
        const tail = state.calls.filter((c) => !freshIds.has(c.id) && !state.firstIds.has(c.id));
        return withPinned({
          ...state, calls: [...fresh, ...tail], nextToken: state.readToEnd ? null : state.nextToken || action.nextToken, firstIds: freshIds,
          loading: false, online: true, retryInSeconds: 0, keyNeeded: false,
        }, freshIds);
      }
      const tail = state.calls.slice(action.requested).filter((c) => !freshIds.has(c.id));
      return withPinned({
        ...state,
        calls: [...fresh, ...tail],
        nextToken: tail.length ? state.nextToken : action.nextToken,
        firstIds: freshIds,
        loading: false, online: true, retryInSeconds: 0, keyNeeded: false,
      }, freshIds);
    }
    case 'call-created': {
      // Shown at once where it belongs, without waiting for the API's list to include it.
      const pinned = [...state.pinned.filter((p) => p.call.id !== action.call.id), { call: action.call, view: action.view }];
      return withPinned({ ...state, pinned });
    }
    case 'key-needed':
      // Also when the key was forgotten: what it showed goes with it.
      // A newer query, so that an answer to a request sent with the forgotten key is dropped.
      return { ...state, keyNeeded: true, calls: [], pinned: [], nextToken: null, counts: null, cap: null, loading: false, query: state.query + 1 };
    case 'key-entered':
      return { ...state, keyNeeded: false, loading: true };
    case 'call-changed': {
      const merge = (c) => (c.id === action.call.id ? { ...c, ...action.call } : c);
      return { ...state, calls: state.calls.map(merge), pinned: state.pinned.map((p) => ({ ...p, call: merge(p.call) })) };
    }
    case 'pinned-read': {
      // The pinned calls' latest versions, read by id (a call due after every listed one is never in a list). One
      // that is gone, that ended while pinned to Upcoming, or that ended over an hour ago while pinned to Now, has
      // left the view: its pin goes, as a listed row would.
      const latest = new Map(action.calls.map((c) => [c.id, c]));
      const gone = new Set(action.gone);
      const pinned = state.pinned
        .map((p) => (latest.has(p.call.id) ? { ...p, call: { ...p.call, ...latest.get(p.call.id) } } : p))
        .filter((p) => !gone.has(p.call.id) && !leftItsView(p, action.nowMs));
      const unpinned = state.pinned.filter((p) => !pinned.some((kept) => kept.call.id === p.call.id)).map((p) => p.call.id);
      const calls = state.calls.filter((c) => !unpinned.includes(c.id));
      return withPinned({ ...state, pinned, calls });
    }
    case 'counts-loaded':
      return { ...state, counts: action.counts, cap: action.cap, viewCounts: action.views || null, atLeast: action.atLeast || null };
    case 'offline':
      return { ...state, online: false, loading: false, retryInSeconds: action.retryInSeconds };
    case 'online':
      return { ...state, online: true, retryInSeconds: 0 };
    default:
      return state;
  }
}

/**
 * Puts the calls made here into the current list where the view's order has them, and forgets those the API has
 * now listed (`listed`: the ids of the calls the API just answered with). Only into an unfiltered, unsearched
 * list: a search or a filter says what it shows.
 */
function withPinned(state, listed = new Set()) {
  if (!state.pinned.length) return state;
  // Listed by the API in any view, a call needs no pin: kept, it would hide the call from the view that lists it
  // (a call scheduled seconds ahead is already "now" when the page shows it).
  const pinned = state.pinned.filter((p) => !listed.has(p.call.id));
  const pinnedIds = new Set(pinned.map((p) => p.call.id));
  let calls = state.calls.filter((c) => !pinnedIds.has(c.id)); // placed again below, from their latest version
  if (state.filter !== 'all' || state.search.trim() || state.campaignId) return { ...state, pinned, calls };
  for (const { call } of pinned.filter((p) => p.view === state.view)) {
    calls = placeInOrder(state.view, call, calls);
  }
  return { ...state, pinned, calls };
}

function placeInOrder(view, call, calls) {
  if (view !== 'upcoming') return [call, ...calls]; // now and history: the newest first
  const due = dueMs(call);
  const at = calls.findIndex((c) => dueMs(c) > due);
  // Due after every loaded call: still shown, last (where "Load more" goes on), so that the person sees it at once.
  if (at === -1) return [...calls, call];
  return [...calls.slice(0, at), call, ...calls.slice(at)];
}

function dueMs(call) {
  return new Date(call.nextAttemptAt || call.scheduledAt).getTime();
}

/** Whether a pinned call has left the view it was pinned to (Now keeps ended calls for an hour, as the API does). */
function leftItsView(pin, nowMs) {
  if (!ENDED.includes(pin.call.status)) return false;
  if (pin.view === 'upcoming') return true;
  const endedMs = Date.parse(pin.call.endedAt || pin.call.updatedAt);
  return pin.view === 'now' && Number.isFinite(endedMs) && nowMs - endedMs > 60 * 60 * 1000;
}

/** A page the API cut short at its read budget: fewer calls than asked and more to read. */
export function incomplete(items, requested, nextToken) {
  return Boolean(nextToken) && items.length < requested;
}

/** The pinned calls to read again by id on a poll (bounded: a page makes few calls at a time). */
export function pinnedToRead(state, max = 10) {
  return state.pinned.slice(-max).map((p) => p.call.id);
}

function mergeById(existing, more) {
  const seen = new Set(existing.map((c) => c.id));
  return [...existing, ...more.filter((c) => !seen.has(c.id))];
}

/**
 * How many calls a view (with a filter) holds, of those matching the search: {n, atLeast}, or null when the counts
 * cannot tell. A view's own count comes from the API's `views`; a filter's from its statuses' counts, which are of all
 * calls, so only where the view holds every call of those statuses (not "now and recent"'s ended calls).
 */
export function viewCount(state, filter, view = viewById(state.view)) {
  if (!state.counts) return null;
  const lowerBound = (name) => (state.atLeast ? state.atLeast.includes(name) : Boolean(state.cap && state.counts[name] >= state.cap));
  if (!filter.statuses.length && state.viewCounts && state.viewCounts[view.id] !== undefined) {
    return { n: state.viewCounts[view.id], atLeast: lowerBound(view.id) };
  }
  const statuses = (filter.statuses.length ? filter.statuses : Object.keys(state.counts))
    .filter((s) => view.fallbackStatuses.includes(s));
  if (!view.counted && statuses.some((s) => ENDED.includes(s))) return null;
  return { n: statuses.reduce((sum, s) => sum + (state.counts[s] || 0), 0), atLeast: statuses.some(lowerBound) };
}

/** The count shown on a view link or filter button: "160", "1000+" when it is a lower bound, null when unknown. */
export function tabCount(state, filter, view = viewById(state.view)) {
  const count = viewCount(state, filter, view);
  if (!count) return null;
  return count.atLeast ? `${count.n}+` : String(count.n);
}

/** "Showing 25 of 160" under the list ("of at least 1000" when the count stopped there); "" when it cannot tell. */
export function showingText(state) {
  if (state.campaignId) return ''; // the counts are of every call, not the campaign's
  const count = viewCount(state, filterById(state.filter));
  if (!count || !state.calls.length) return '';
  if (!count.atLeast && state.calls.length >= count.n) return `Showing all ${state.calls.length}`;
  return `Showing ${state.calls.length} of ${count.atLeast ? 'at least ' : ''}${count.n}`;
}

/**
 * For an empty searched list: the other views that hold matches, {view, n, atLeast}, most first (the counts follow
 * the search, so these are the calls the view or the filter hides).
 */
export function matchesElsewhere(state) {
  if (!state.viewCounts) return [];
  return VIEWS.filter((v) => v.id !== state.view && state.viewCounts[v.id] > 0)
    .map((v) => ({ view: v, n: state.viewCounts[v.id], atLeast: Boolean(state.atLeast && state.atLeast.includes(v.id)) }));
}

/** Calls whose status changed between two lists, for the live region. */
export function statusChanges(before, after) {
  const previous = new Map(before.map((c) => [c.id, c.status]));
  return after.filter((c) => previous.has(c.id) && previous.get(c.id) !== c.status);
}

/** A tiny store: holds the state, runs the reducer, tells subscribers. */
export function createStore(reducer, state) {
  const listeners = new Set();
  return {
    get state() { return state; },
    dispatch(action) {
      const next = reducer(state, action);
      if (next !== state) {
        const previous = state;
        state = next;
        listeners.forEach((listener) => listener(state, previous));
      }
    },
    subscribe(listener) { listeners.add(listener); return () => listeners.delete(listener); },
  };
}
