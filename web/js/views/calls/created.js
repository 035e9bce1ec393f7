// What follows a new call, from the form or from "Call again": its confirmation, and the call shown at once in
// the view where it belongs, before the API's list has it.

import { confirmAction } from '../../shell/notice.js';
import { go, routeTo } from '../../shell/router.js';
import { shortWhen } from '../../shared/time.js';
import { poll, store } from './live.js';

export function showCreated(call, now) {
  // As the API sorts it: a call due within a minute of being written is already part of what happens now.
  const dueSoon = Date.parse(call.scheduledAt) - Date.parse(call.updatedAt || call.createdAt) <= 60_000;
  const view = now || dueSoon ? 'now' : 'upcoming';
  const who = call.contactName || call.phoneNumber;
  const link = { href: routeTo(['calls', view], { call: call.id }), text: 'Open the call' };
  confirmAction(now ? `Calling ${who} now.` : `Scheduled for ${shortWhen(call.scheduledAt, call.timeZone)}: the call to ${who}.`, link);
  store.dispatch({ type: 'call-created', call, view });
  go(routeTo(['calls', view]));
  poll();
}
