// "Call again": a new call, for now, with an ended call's details (number, name, notes, what it says and, when
// the API knows it, the callee's zone).

import { api, ApiError, newIdempotencyKey } from '../../shared/api.js';
import { humanMessage } from '../../shared/messages.js';
import { confirmAction } from '../../shell/notice.js';
import { showCreated } from './created.js';

const SAME_DETAILS = ['phoneNumber', 'contactName', 'notes', 'message', 'voice', 'language', 'callerId', 'twimlUrl', 'timeZone'];

/**
 * One idempotency key per ended call until the API answers definitely: a click after a lost answer (a timeout, the
 * network) sends the same key again, so the API returns the call it made instead of making a second one.
 */
const unconfirmedKeys = new Map();
/** Calls whose "Call again" is being sent: every button for them (row and dialog) waits. */
const sending = new Set();

/** The create request for a call like `call`, placed now. */
export function againRequest(call) {
  const request = Object.fromEntries(SAME_DETAILS.filter((key) => call[key] != null && call[key] !== '').map((key) => [key, call[key]]));
  if ((call.callingTimeZones || []).length === 1) [request.calleeTimeZone] = call.callingTimeZones;
  return request;
}

/** Creates the new call once, however often and from wherever it is asked for meanwhile. */
export async function callAgain(call, button) {
  if (sending.has(call.id)) return null;
  sending.add(call.id);
  if (button) button.disabled = true;
  if (!unconfirmedKeys.has(call.id)) unconfirmedKeys.set(call.id, newIdempotencyKey());
  try {
    const created = await api.create(againRequest(call), unconfirmedKeys.get(call.id));
    unconfirmedKeys.delete(call.id);
    showCreated(created, true);
    return created;
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError(String(e));
    if (error.status >= 400 && error.status < 500) unconfirmedKeys.delete(call.id); // refused: nothing was made
    const who = call.contactName || call.phoneNumber;
    confirmAction(error.timedOut || error.offline
      ? `The call to ${who} may already be placed: "Call again" sends the same request, which will not call twice.`
      : `Could not call ${who} again: ${humanMessage(error)}`);
    return null;
  } finally {
    sending.delete(call.id);
    if (button) button.disabled = false;
  }
}
