// The list's state and a pure reducer over it; components render from the state and dispatch actions.

/** The page's filter tabs, each one or more API statuses (none: every call). */
export const FILTERS = [
  { id: 'all', label: 'All', statuses: [] },
  { id: 'scheduled', label: 'Scheduled', statuses: ['SCHEDULED'] },
  { id: 'in-progress', label: 'In progress', statuses: ['DIALING', 'IN_PROGRESS'] },
  { id: 'completed', label: 'Completed', statuses: ['COMPLETED'] },
  { id: 'failed', label: 'Failed', statuses: ['FAILED', 'BUSY', 'NO_ANSWER'] },
  { id: 'canceled', label: 'Canceled', statuses: ['CANCELED'] },
];

export const initialState = {
  filter: 'all',
  search: '',
  calls: [],
  nextToken: null,
  loading: false,
  counts: null,
  cap: null,
  online: true,
  retryInSeconds: 0,
  /** The API refuses the page for want of a key, and the user has not given one: no calls to show. */
  keyNeeded: false,
  /** Increments on every filter or search change, so answers to an older query are dropped. */
  query: 0,
};

export function filterById(id) {
  return FILTERS.find((f) => f.id === id) || FILTERS[0];
}

/**
 * @returns the next state; never changes `state`
 */
export function reduce(state, action) {
  switch (action.type) {
    case 'filter-changed':
      return { ...state, filter: action.filter, calls: [], nextToken: null, loading: true, query: state.query + 1 };
    case 'search-changed':
      return { ...state, search: action.search, calls: [], nextToken: null, loading: true, query: state.query + 1 };
    case 'loading':
      return { ...state, loading: true };
    case 'page-loaded': {
      if (action.query !== state.query) return state;
      const calls = action.append ? mergeById(state.calls, action.items) : action.items;
      return { ...state, calls, nextToken: action.nextToken, loading: false, online: true, retryInSeconds: 0, keyNeeded: false };
    }
    case 'refreshed': {
      // The first calls are replaced by their fresh versions; calls loaded beyond them stay.
      if (action.query !== state.query) return state;
      const fresh = action.items;
      const freshIds = new Set(fresh.map((c) => c.id));
      const tail = state.calls.slice(action.requested).filter((c) => !freshIds.has(c.id));
      return {
        ...state,
        calls: [...fresh, ...tail],
        nextToken: tail.length ? state.nextToken : action.nextToken,
        loading: false, online: true, retryInSeconds: 0, keyNeeded: false,
      };
    }
    case 'call-changed':
      return { ...state, calls: state.calls.map((c) => (c.id === action.call.id ? { ...c, ...action.call } : c)) };
    case 'key-needed':
      // Also when the key was forgotten: what it showed goes with it.
      // A newer query, so that an answer to a request sent with the forgotten key is dropped.
      return { ...state, keyNeeded: true, calls: [], nextToken: null, counts: null, cap: null, loading: false, query: state.query + 1 };
    case 'key-entered':
      return { ...state, keyNeeded: false, loading: true };
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

function mergeById(existing, more) {
  const seen = new Set(existing.map((c) => c.id));
  return [...existing, ...more.filter((c) => !seen.has(c.id))];
}

/** The count shown on a tab: the sum of its statuses, "1000+" when any reached the API's cap. */
export function tabCount(state, filter) {
  if (!state.counts) return null;
  const statuses = filter.statuses.length ? filter.statuses : Object.keys(state.counts);
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
