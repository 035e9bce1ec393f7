// The Integrations view's state and a pure reducer over it, with the view's wording: an endpoint's events and its last
// delivery, a delivery's outcome and attempts, in plain words. No DOM, no requests: the elements render from this state.

import { plural } from '../../shared/numbers.js';

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

/** A delivery's state in words (the delivery log's `state`). */
const DELIVERY_STATES = {
  pending: 'Waiting to be sent or retried',
  delivered: 'Delivered',
  failed: 'Failed: no more retries',
  skipped: 'Not sent (the endpoint was disabled or gone)',
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

/** "Delivered", "Failed: no more retries (last: 500)", with the attempts. */
export function outcomeText(delivery) {
  const attempt = lastAttempt(delivery);
  const detail = attempt && attempt.outcome ? ` (${attempt.outcome})` : '';
  return `${deliveryStateText(delivery.state)}${delivery.state === 'delivered' ? '' : detail}`;
}

/** The last delivery status of an endpoint in the list: from its delivery log's newest entry. */
export function lastDeliveryText(summary) {
  if (!summary || summary.kind === 'loading') return '…';
  if (summary.kind === 'none') return 'Nothing sent yet';
  if (summary.kind === 'unavailable') return 'No delivery log yet';
  if (summary.kind === 'error') return 'Could not be read';
  const attempt = lastAttempt(summary.delivery);
  const code = attempt ? `, ${statusCodeText(attempt)}` : '';
  return `${deliveryStateText(summary.delivery.state)}${code}`;
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

/**
 * A GET deliveries failure that means "this API keeps no delivery log (yet)" rather than a fault: the route is not
 * there. API Gateway answers an unknown route 403 (or 404); the browser may also see it as a failed request with no
 * status at all (measured on the local cloud, where that answer fails the page's CORS check), which the endpoints'
 * own read, just answered, shows is no outage. A timeout is not taken for it.
 */
export function noDeliveryLog(error) {
  if (!error) return false;
  if (error.status === 404 || (error.status === 403 && error.code !== 'API_KEY_REQUIRED')) return true;
  return Boolean(error.offline && !error.timedOut && !error.status);
}

export const initialState = {
  /** The endpoints listed, in creation order, and the token of the next page. */
  endpoints: [],
  nextToken: null,
  listError: null,
  /** By endpoint id: {kind: 'loading'|'delivery'|'none'|'unavailable'|'error', delivery}. */
  lastDeliveries: {},
  /** The endpoint shown at #/integrations/<id> (null on the list), as last read, or the error reading it. */
  openId: null,
  endpoint: null,
  endpointError: null,
  /** Its delivery log: the entries read, the next page's token, whether the API keeps one, and a read's error. */
  deliveries: [],
  deliveriesNextToken: null,
  deliveryLog: 'loading', // loading | shown | unavailable
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
      return noDeliveryLog(action.error) ? { ...state, deliveryLog: 'unavailable', deliveriesError: null }
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
