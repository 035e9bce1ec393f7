// The calling hours as the page tells them: the window for a number, and the refusal of a time outside it
// before anything is sent (the API checks them again, the same way, on create and reschedule).

import { ApiError } from '../../shared/api.js';
import { formatInZone } from '../../shared/time.js';

/** What the calling hours say of a time: "" when there are none, else the window, the zones and the verdict. */
export function callingHoursText(verdict, zone) {
  if (!verdict || verdict.anyTime) return '';
  const where = verdict.zones.map((z) => z.replaceAll('_', ' ')).join(', ');
  const rule = `Calls to this number dial ${verdict.window}, ${verdict.zones.length > 1 ? 'in each of' : 'in'} ${where}.`;
  if (verdict.allowed) return rule;
  // No next moment: the number's zones never share an open one (the API's reason says what to do).
  return verdict.nextAllowedAt
    ? `${rule} This time is outside them; the next allowed moment is ${formatInZone(verdict.nextAllowedAt, zone, true)}.`
    : `${rule} ${verdict.reason}.`;
}

/** The error shown next to the time when it is outside the calling hours, or null when it is not. */
export function outsideHoursError(verdict, zone) {
  if (!verdict || verdict.allowed) return null;
  if (!verdict.nextAllowedAt) {
    return new ApiError(verdict.reason, { field: 'calleeTimeZone', code: 'OUTSIDE_CALLING_HOURS' });
  }
  return new ApiError(`Outside the calling hours (${verdict.window} in ${verdict.zones.join(', ')}): `
    + `the next allowed moment is ${formatInZone(verdict.nextAllowedAt, zone, true)}`, { field: 'scheduledAt', code: 'OUTSIDE_CALLING_HOURS' });
}
