// A call's timeline in the page's words: "Dialing", "Ringing", "Answered by a machine", each at its time to the
// second in the viewer's zone, the API's raw detail (provider ids, precise times) one click away.

import { el } from '../../shared/dom.js';
import { formatInZone } from '../../shared/time.js';

const ENDED = { COMPLETED: 'Completed', BUSY: 'Busy', NO_ANSWER: 'No answer', FAILED: 'Failed', CANCELED: 'Canceled' };

/**
 * The main line of one history entry; `first`: the call's first entry (its creation); `answeredBy`: the call's
 * (the provider's machine detection, such as "machine_start" or "human").
 */
export function timelineWords(change, first, answeredBy = null) {
  const detail = (change.detail || '').toLowerCase();
  switch (change.status) {
    case 'SCHEDULED':
      if (first) return 'Scheduled';
      if (detail.includes('calling hours')) return 'Waiting for calling hours';
      if (detail.includes('line')) return 'Waiting for a free line';
      if (/ on attempt |redial/.test(detail)) return 'Redial planned';
      if (detail.includes('slot') || detail.includes('pac')) return 'Waiting for its dial slot';
      if (detail.includes('moved') || detail.includes('reschedul')) return 'Rescheduled';
      return 'Waiting to try again';
    case 'DIALING':
      return /\bringing\b/.test(detail) ? 'Ringing' : 'Dialing';
    case 'IN_PROGRESS':
      return /machine|fax/.test(`${detail} ${answeredBy || ''}`) ? 'Answered by a machine' : 'Answered';
    default:
      return ENDED[change.status] || change.status.toLowerCase();
  }
}

export function timelineItems(call, zone) {
  return (call.history || []).map((change, i) => el('li', {},
    el('span', { class: 'badge', 'data-status': change.status, text: timelineWords(change, i === 0, call.answeredBy) }), ' ',
    el('time', { datetime: change.at, text: formatInZone(change.at, zone) }),
    change.detail ? el('details', { class: 'raw' }, el('summary', { text: 'Details' }), el('code', { text: change.detail })) : null));
}
