// "Call again": a new call, for now, with an ended call's details (number, name, notes and what it says).

import { api, ApiError, newIdempotencyKey } from '../../shared/api.js';
import { humanMessage } from '../../shared/messages.js';
import { confirmAction } from '../../shell/notice.js';
import { showCreated } from './created.js';

const SAME_DETAILS = ['phoneNumber', 'contactName', 'notes', 'message', 'voice', 'language', 'callerId', 'twimlUrl', 'timeZone'];

/** The create request for a call like `call`, placed now. */
export function againRequest(call) {
  return Object.fromEntries(SAME_DETAILS.filter((key) => call[key] != null && call[key] !== '').map((key) => [key, call[key]]));
}

/**
 * Creates the new call; `button` stays disabled meanwhile, so a double click makes one call (and one key per
 * click, sent again on a resend, would make one too).
 */
export async function callAgain(call, button) {
  if (button) button.disabled = true;
  try {
    const created = await api.create(againRequest(call), newIdempotencyKey());
    showCreated(created, true);
    return created;
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError(String(e));
    confirmAction(`Could not call ${call.contactName || call.phoneNumber} again: ${humanMessage(error)}`);
    return null;
  } finally {
    if (button) button.disabled = false;
  }
}
