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
  online: true,
  retryInSeconds: 0,
  /** Calls made from this page that the API's list has not returned yet: {call, view}. */
  pinned: [],
  /** Increments on every view, filter or search change, so answers to an older query are dropped. */
  query: 0,
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
    case 'filter-changed':
      return withPinned({ ...state, filter: action.filter, calls: [], nextToken: null, loading: true, query: state.query + 1 });
    case 'search-changed':
      return withPinned({ ...state, search: action.search, calls: [], nextToken: null, loading: true, query: state.query + 1 });
    case 'loading':
      return { ...state, loading: true };
    case 'page-loaded': {
      if (action.query !== state.query) return state;
      const calls = action.append ? mergeById(state.calls, action.items) : action.items;
      return withPinned({ ...state, calls, nextToken: action.nextToken, loading: false, online: true, retryInSeconds: 0 },
        new Set(action.items.map((c) => c.id)));
    }
    case 'refreshed': {
      // The first calls are replaced by their fresh versions; calls loaded beyond them stay.
      if (action.query !== state.query) return state;
      const fresh = action.items;
      const freshIds = new Set(fresh.map((c) => c.id));
      const tail = state.calls.slice(action.requested).filter((c) => !freshIds.has(c.id));
      return withPinned({
        ...state,
        calls: [...fresh, ...tail],
        nextToken: tail.length ? state.nextToken : action.nextToken,
        loading: false, online: true, retryInSeconds: 0,
      }, freshIds);
    }
    case 'call-created': {
      // Shown at once where it belongs, without waiting for the API's list to include it.
      const pinned = [...state.pinned.filter((p) => p.call.id !== action.call.id), { call: action.call, view: action.view }];
      return withPinned({ ...state, pinned });
    }
    case 'call-changed': {
      const merge = (c) => (c.id === action.call.id ? { ...c, ...action.call } : c);
      return { ...state, calls: state.calls.map(merge), pinned: state.pinned.map((p) => ({ ...p, call: merge(p.call) })) };
    }
    case 'counts-loaded':
      return { ...state, counts: action.counts, cap: action.cap };
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
  const pinned = state.pinned.filter((p) => !(p.view === state.view && listed.has(p.call.id)));
  // Only this view's pinned calls are placed again below (from their latest version); a call pinned to another
  // view stays where the API lists it here (a scheduled call that is dialed now shows in "now and recent").
  const pinnedIds = new Set(pinned.filter((p) => p.view === state.view).map((p) => p.call.id));
  let calls = state.calls.filter((c) => !pinnedIds.has(c.id));
  if (state.filter !== 'all' || state.search.trim()) return { ...state, pinned, calls };
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

function mergeById(existing, more) {
  const seen = new Set(existing.map((c) => c.id));
  return [...existing, ...more.filter((c) => !seen.has(c.id))];
}

/**
 * The count shown on a filter tab: the sum of its statuses, "1000+" when any reached the API's cap. The counts
 * are of all calls, so only the views that list all calls of their statuses show them (not "now and recent").
 */
export function tabCount(state, filter, view = viewById(state.view)) {
  if (!state.counts || !view.counted) return null;
  const statuses = (filter.statuses.length ? filter.statuses : Object.keys(state.counts))
    .filter((s) => view.fallbackStatuses.includes(s));
  const total = statuses.reduce((sum, s) => sum + (state.counts[s] || 0), 0);
  const capped = statuses.some((s) => state.cap && state.counts[s] >= state.cap);
  return capped ? `${total}+` : String(total);
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
