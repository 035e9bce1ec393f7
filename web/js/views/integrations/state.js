// The Integrations view's state and a pure reducer over it, with the view's wording: an endpoint's events and its last
// delivery, a delivery's outcome and attempts, in plain words. No DOM, no requests: the elements render from this state.

import { plural } from '../../shared/numbers.js';
import { formatInZone } from '../../shared/time.js';

/** The event types an endpoint can subscribe to (the API's EventTypes), each with what it means. */
export const EVENT_TYPES = [
  ['call.scheduled', 'A call is scheduled or rescheduled'],
  ['call.dialing', 'A call starts ringing'],
  ['call.in_progress', 'A call is answered'],
  ['call.completed', 'A call ends completed'],
  ['call.busy', 'A call ends busy'],
  ['call.no_answer', 'A call ends unanswered'],
  ['call.failed', 'A call fails'],
  ['call.canceled', 'A call is canceled'],
  ['call.redial_scheduled', 'A call will be tried again'],
  ['call.suppressed', 'A call is withdrawn: its number is on the do-not-call list'],
  ['contact.opted_out', 'A callee opts out'],
  ['campaign.started', 'A campaign starts or resumes'],
  ['campaign.paused', 'A campaign is paused'],
  ['campaign.completed', 'A campaign is completed'],
  ['import.completed', 'A contacts upload is imported'],
];
export const EVERY = '*';

/** "All events", or "call.completed, call.failed". */
export function eventsText(events) {
  if (!events || events.includes(EVERY)) return 'All events';
  return events.join(', ');
}

/** A delivery's state in words (the delivery log's `state`), when no attempt says more. */
const DELIVERY_STATES = {
  pending: 'Waiting to be sent',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skipped: the endpoint was disabled or deleted',
};

export function deliveryStateText(state) {
  return DELIVERY_STATES[state] || state || '';
}

/** The newest attempt of a delivery, or null before the first. */
export function lastAttempt(delivery) {
  const attempts = (delivery && delivery.attempts) || [];
  return attempts.length ? attempts[attempts.length - 1] : null;
}

/** "200", or "No answer" when the attempt got none (a timeout, a refused connection). */
export function statusCodeText(attempt) {
  if (!attempt) return '';
  return attempt.status === null || attempt.status === undefined ? 'No answer' : String(attempt.status);
}

/** "850 ms", "2.3 s". */
export function latencyText(attempt) {
  if (!attempt || attempt.latencyMs === null || attempt.latencyMs === undefined) return '';
  return attempt.latencyMs < 1000 ? `${Math.round(attempt.latencyMs)} ms` : `${(attempt.latencyMs / 1000).toFixed(1)} s`;
}

/**
 * What the delivery decided after an attempt, in plain words, from the words the delivery function logs
 * (events/delivery/WebhookDelivery): "delivered", "retry at <instant>", "gone: endpoint disabled", "endpoint disabled:
 * failing for 5 days", "failed" (the last of the attempts). `zone`: where the retry's time is shown.
 */
export function attemptOutcomeText(attempt, zone) {
  if (!attempt || !attempt.outcome) return '';
  const { outcome } = attempt;
  if (outcome === 'delivered') return 'Delivered';
  if (outcome.startsWith('retry at ')) {
    const at = outcome.slice('retry at '.length);
    return Number.isNaN(Date.parse(at)) ? 'Will retry' : `Will retry at ${formatInZone(at, zone, true)}`;
  }
  if (outcome.startsWith('gone')) return 'Gave up: the endpoint answered 410 Gone, so it was disabled';
  if (outcome.startsWith('endpoint disabled')) {
    const days = /(\d+) days?/.exec(outcome);
    return `Gave up, and the endpoint was disabled: it failed for ${days ? `${days[1]} days` : 'days'} without a success`;
  }
  if (outcome === 'failed') return `Gave up after ${plural(attempt.attempt, 'attempt')}`;
  return outcome;
}

/** A delivery's outcome: its newest attempt's, or its state's before any attempt, or when skipped. */
export function outcomeText(delivery, zone) {
  const attempt = lastAttempt(delivery);
  if (delivery.state === 'skipped') return deliveryStateText('skipped');
  if (delivery.state === 'pending' && !attempt) return deliveryStateText('pending');
  // A replay's message: pending again, its newest attempt still the one that failed before it.
  if (delivery.state === 'pending' && !String(attempt.outcome).startsWith('retry at ')) return 'Being sent again';
  return attemptOutcomeText(attempt, zone) || deliveryStateText(delivery.state);
}

/**
 * One attempt in a line: "Attempt 1, Sun 6 Dec, 20:00:01 CET: 500, 42 ms. Will retry at ...", with "No answer (timeout
 * after 15 s)" for none. A replay counts its attempts from 1 again: one numbered no higher than the attempt before it
 * (`previous`) is said to be a replay's.
 */
export function attemptText(attempt, zone, previous = null) {
  const status = attempt.error ? `${statusCodeText(attempt)} (${attempt.error})` : statusCodeText(attempt);
  const latency = latencyText(attempt) ? `, ${latencyText(attempt)}` : '';
  const outcome = attemptOutcomeText(attempt, zone);
  const which = previous && attempt.attempt <= previous.attempt ? `Attempt ${attempt.attempt} of a replay` : `Attempt ${attempt.attempt}`;
  return `${which}, ${formatInZone(attempt.at, zone, true)}: ${status}${latency}${outcome ? `. ${outcome}` : ''}`;
}

/** The last delivery status of an endpoint in the list: from its delivery log's newest entry. */
export function lastDeliveryText(summary, zone) {
  if (!summary || summary.kind === 'loading') return '…';
  if (summary.kind === 'none') return 'Nothing sent yet';
  if (summary.kind === 'gone') return 'Deleted';
  if (summary.kind === 'error') return 'Could not be read';
  const attempt = lastAttempt(summary.delivery);
  const code = attempt ? ` (${statusCodeText(attempt)})` : '';
  return `${outcomeText(summary.delivery, zone)}${code}`;
}

/** Whether a delivery may be sent again from the page ("Replay"): failed ones. */
export function replayable(delivery) {
  return delivery.state === 'failed';
}

/** "Enabled", "Disabled". */
export function enabledText(endpoint) {
  return endpoint.disabled ? 'Disabled' : 'Enabled';
}

/** "3 attempts". */
export function attemptsText(delivery) {
  return plural(((delivery && delivery.attempts) || []).length, 'attempt');
}

/** A read of the delivery log that failed because the endpoint is gone (deleted meanwhile): not an outage. */
export function endpointGone(error) {
  return Boolean(error && error.status === 404);
}

export const initialState = {
  /** The endpoints listed, in creation order, and the token of the next page. */
  endpoints: [],
  nextToken: null,
  listError: null,
  /** By endpoint id: {kind: 'loading'|'delivery'|'none'|'gone'|'error', delivery}. */
  lastDeliveries: {},
  /** The endpoint shown at #/integrations/<id> (null on the list), as last read, or the error reading it. */
  openId: null,
  endpoint: null,
  endpointError: null,
  /** Its delivery log: the entries read, the next page's token, whether it is read yet (or the endpoint is gone), and a read's error. */
  deliveries: [],
  deliveriesNextToken: null,
  deliveryLog: 'loading', // loading | shown | gone (the endpoint was deleted)
  deliveriesError: null,
  /** A secret to show once: {endpointId, secret, why: 'created'|'rotated', previousSecretExpiresAt}, or null. */
  secret: null,
  /** An action under way (save, rotate, delete, test, a replay's message id), so that it cannot be pressed twice. */
  busy: null,
  actionError: null,
  actionDone: null,
};

export function reduce(state, action) {
  switch (action.type) {
    case 'list-loaded': {
      const items = action.append
        ? [...state.endpoints, ...action.items.filter((e) => !state.endpoints.some((o) => o.id === e.id))] : action.items;
      return { ...state, listError: null, nextToken: action.nextToken, endpoints: items };
    }
    case 'list-failed':
      return { ...state, listError: action.error };
    case 'last-delivery':
      return { ...state, lastDeliveries: { ...state.lastDeliveries, [action.id]: action.summary } };
    case 'opened':
      return action.id === state.openId ? state : {
        ...state, openId: action.id, endpoint: state.endpoints.find((e) => e.id === action.id) || null, endpointError: null,
        deliveries: [], deliveriesNextToken: null, deliveryLog: 'loading', deliveriesError: null,
        busy: null, actionError: null, actionDone: null,
        secret: state.secret && state.secret.endpointId === action.id ? state.secret : null,
      };
    case 'closed':
      return { ...state, openId: null, endpoint: null, endpointError: null, deliveries: [], busy: null, actionError: null, actionDone: null };
    case 'endpoint-loaded':
      if (action.endpoint.id !== state.openId) return state; // an answer for an endpoint no longer shown
      return { ...state, endpoint: action.endpoint, endpointError: null,
        endpoints: state.endpoints.map((e) => (e.id === action.endpoint.id ? action.endpoint : e)) };
    case 'endpoint-failed':
      return action.id === state.openId ? { ...state, endpointError: action.error } : state;
    case 'created':
      return { ...state, endpoints: [...state.endpoints.filter((e) => e.id !== action.endpoint.id), action.endpoint],
        secret: { endpointId: action.endpoint.id, secret: action.secret, why: 'created', previousSecretExpiresAt: null } };
    case 'rotated':
      return { ...state, busy: null, actionError: null,
        secret: { endpointId: action.id, secret: action.secret, why: 'rotated', previousSecretExpiresAt: action.previousSecretExpiresAt } };
    case 'secret-dismissed':
      return { ...state, secret: null };
    case 'deleted':
      return { ...state, busy: null, endpoints: state.endpoints.filter((e) => e.id !== action.id),
        secret: state.secret && state.secret.endpointId === action.id ? null : state.secret };
    case 'deliveries-loaded': {
      if (action.id !== state.openId) return state;
      const known = (items) => (d) => !items.some((o) => o.id === d.id);
      if (action.append) {
        return { ...state, deliveryLog: 'shown', deliveriesError: null, deliveriesNextToken: action.nextToken,
          deliveries: [...state.deliveries, ...action.items.filter(known(state.deliveries))] };
      }
      // The first page read again: its entries replace theirs, and pages shown with "Show more" stay below.
      const more = state.deliveries.length > action.items.length && state.deliveryLog === 'shown';
      return { ...state, deliveryLog: 'shown', deliveriesError: null,
        deliveriesNextToken: more ? state.deliveriesNextToken : action.nextToken,
        deliveries: more ? [...action.items, ...state.deliveries.filter(known(action.items))] : action.items };
    }
    case 'deliveries-failed':
      if (action.id !== state.openId) return state;
      return endpointGone(action.error) ? { ...state, deliveryLog: 'gone', deliveriesError: null }
        : { ...state, deliveriesError: action.error };
    case 'action-started':
      return { ...state, busy: action.action, actionError: null, actionDone: null };
    case 'action-done': {
      const next = { ...state, busy: null, actionError: action.error || null, actionDone: action.done || null };
      return action.endpoint ? reduce(next, { type: 'endpoint-loaded', endpoint: action.endpoint }) : next;
    }
    default:
      return state;
  }
}
