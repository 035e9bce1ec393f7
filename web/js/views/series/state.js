// The Series view's state and a pure reducer over it, with the view's wording of a series' status and of what it does
// next. No DOM, no requests: the elements render from this state.

import { humanMessage } from '../../shared/messages.js';

/** Each status in words, and the actions it offers. */
export const STATUSES = {
  ACTIVE: { label: 'Active', says: 'Calls at each of its times.', actions: ['pause', 'edit', 'delete'] },
  PAUSED: { label: 'Paused', says: 'Makes no call until resumed; the times missed meanwhile are skipped, never called late.', actions: ['resume', 'edit', 'delete'] },
  ENDED: { label: 'Ended', says: 'Its last call has been made.', actions: ['delete'] },
  DELETED: { label: 'Deleted', says: 'Makes no more calls; its calls so far stay in the history.', actions: [] },
};

/** An action's or a read's failure in the view's words (the shared sentences speak of a call). */
export function seriesErrorText(error) {
  if (error.status === 404) return 'This series does not exist (any more).';
  if (error.code === 'ILLEGAL_TRANSITION') return 'The series is no longer in a state that allows this (it changed meanwhile); it is shown as it is now.';
  return humanMessage(error);
}

export function statusLabel(status) {
  return (STATUSES[status] || { label: status }).label;
}

/**
 * The series' status in a sentence. A series the scheduler paused or ended itself carries its reason (endReason):
 * a paused one waits for a person to fix what its calls need and resume it, which is said first.
 */
export function statusText(series) {
  const described = STATUSES[series.status];
  if (series.status === 'PAUSED' && series.endReason) {
    return `Paused by the scheduler: ${series.endReason}. Fix that, then resume it; until then it makes no call.`;
  }
  if (series.status === 'ENDED' && series.endReason) return `Ended: ${series.endReason}.`;
  return `${statusLabel(series.status)}. ${described ? described.says : ''}`;
}

/** What a person may do to the series now; one already split is changed through its continuation, never itself. */
export function allowedActions(series) {
  const actions = (STATUSES[series.status] || { actions: [] }).actions;
  return series.continuedBy ? actions.filter((action) => action !== 'edit') : actions;
}

/** The status in the list: a series the scheduler paused itself says it needs attention. */
export function listStatusLabel(series) {
  return series.status === 'PAUSED' && series.endReason ? 'Paused: needs attention' : statusLabel(series.status);
}

/** The series' next call ({occurrence, at, utcOffset}), or null when it makes none (paused, ended, deleted). */
export function nextOccurrence(series) {
  if (series.status !== 'ACTIVE') return null;
  return (series.nextOccurrences || [])[0] || null;
}

const ORDER = { ACTIVE: 0, PAUSED: 1, ENDED: 2, DELETED: 3 };

/** What happens next first: active series by their next call, then paused, ended and deleted ones, newest first. */
export function byWhatHappensNext(items) {
  return [...items].sort((a, b) => {
    const na = nextOccurrence(a);
    const nb = nextOccurrence(b);
    if (na && nb) return Date.parse(na.at) - Date.parse(nb.at);
    if (na || nb) return na ? -1 : 1;
    const rank = (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9);
    return rank || String(b.createdAt).localeCompare(String(a.createdAt));
  });
}

export const initialState = {
  /** The series listed, what happens next first, and the token of the next page. */
  items: [],
  nextToken: null,
  listError: null,
  /** The series shown at #/series/<id> (null on the list), as last read, or the error reading it. */
  openId: null,
  series: null,
  seriesError: null,
  /** Its calls, newest first (GET /series/{id}/calls), and the token of their next page. */
  calls: [],
  callsNextToken: null,
  callsError: null,
  /** An action under way (pause, resume, edit, delete), so that its button cannot be pressed twice. */
  busy: null,
  actionError: null,
};

function withSeries(items, series) {
  return byWhatHappensNext([series, ...items.filter((s) => s.id !== series.id)]);
}

export function reduce(state, action) {
  switch (action.type) {
    case 'list-loaded': {
      const items = action.append ? [...state.items, ...action.items.filter((s) => !state.items.some((o) => o.id === s.id))] : action.items;
      return { ...state, items: byWhatHappensNext(items), nextToken: action.nextToken, listError: null };
    }
    case 'list-failed':
      return { ...state, listError: action.error };
    case 'opened':
      return action.id === state.openId ? state
        : { ...state, openId: action.id, series: null, seriesError: null, calls: [], callsNextToken: null, callsError: null, busy: null, actionError: null };
    case 'closed':
      return { ...state, openId: null, series: null, seriesError: null, calls: [], callsNextToken: null, busy: null, actionError: null };
    case 'series-loaded':
      if (action.series.id !== state.openId) return { ...state, items: withSeries(state.items, action.series) };
      return { ...state, series: action.series, seriesError: null, items: withSeries(state.items, action.series) };
    case 'series-failed':
      return action.id === state.openId ? { ...state, seriesError: action.error } : state;
    case 'calls-loaded': {
      if (action.id !== state.openId) return state;
      const calls = action.append ? [...state.calls, ...action.items.filter((c) => !state.calls.some((o) => o.id === c.id))] : action.items;
      return { ...state, calls, callsNextToken: action.nextToken, callsError: null };
    }
    case 'calls-failed':
      return action.id === state.openId ? { ...state, callsError: action.error } : state;
    case 'action-started':
      return { ...state, busy: action.action, actionError: null };
    case 'action-done': {
      const next = { ...state, busy: null, actionError: action.error || null };
      return action.series ? reduce(next, { type: 'series-loaded', series: action.series }) : next;
    }
    default:
      return state;
  }
}
