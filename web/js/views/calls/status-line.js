// One plain-language line per call ("Busy, calling again at 04:15 (2 of 3)"), from the API's fields and "now"
// only: it never states a reason that the call's fields do not give. Pure, so that rows, cards and the
// details dialog say the same. "Attempt" means a redial round here, never a provider request.

import { calleeZone } from '../../shared/time.js';

const REDIALED_OUTCOMES = { busy: 'Busy', 'no answer': 'No answer', failed: 'Failed' };
const ENDED_WORDS = { BUSY: 'Busy', NO_ANSWER: 'No answer', FAILED: 'Failed' };

/** "04:09" in a zone (24-hour clock, as the rest of the page). */
function clock(iso, zone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));
}

/** "Mon 09:00 London": the day is given as the time may be tomorrow or later. */
function dayAndClock(iso, zone) {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short' }).format(new Date(iso));
  return `${day} ${clock(iso, zone)}`;
}

function city(zone) {
  return zone.split('/').pop().replaceAll('_', ' ');
}

/** "2 min", "3 min 12 s", "45 s". */
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  return s % 60 ? `${min} min ${s % 60} s` : `${min} min`;
}

/** "(2 of 3)" when the call has a redial policy. */
function round(call) {
  return call.redial ? ` (${call.dialRound} of ${call.redial.maxAttempts})` : '';
}

/**
 * @param call a call as the API lists it
 * @param nowMs the moment the line is for
 * @param viewer the viewer's time zone, for the times of the next attempt
 */
export function statusLine(call, nowMs = Date.now(), viewer = Intl.DateTimeFormat().resolvedOptions().timeZone) {
  switch (call.status) {
    case 'SCHEDULED': return waitingLine(call, nowMs, viewer);
    case 'DIALING': return call.providerStatus === 'ringing' ? 'Ringing' : 'Calling now';
    case 'IN_PROGRESS': {
      // From when it was answered (updatedAt moves with every callback); an API without answeredAt gives no count.
      const since = call.answeredAt ? new Date(call.answeredAt).getTime() : NaN;
      const minutes = Math.floor((nowMs - since) / 60000);
      return Number.isFinite(minutes) && minutes >= 1 ? `On the phone (${minutes} min)` : 'On the phone';
    }
    case 'COMPLETED': return call.durationSeconds != null ? `Completed (${duration(call.durationSeconds)})` : 'Completed';
    case 'CANCELED': return 'Canceled';
    case 'FAILED': {
      // The dispatch's own refusal names the number's daily cap (MaxCallsPerNumberPerDay). Not "today": History
      // shows it on later days too.
      const cap = /has had its (\d+) dial attempts/.exec(call.lastError || '');
      if (cap) {
        const limit = `${cap[1]} call${cap[1] === '1' ? '' : 's'}`;
        return `Not ${call.dialRound > 1 ? 'redialed' : 'dialed'}: this number reached its daily limit of ${limit}`;
      }
      return `Failed, not retried${call.dialRound > 1 ? round(call) : ''}`;
    }
    case 'BUSY':
    case 'NO_ANSWER':
      // Its last redial used: it was retried, as often as its policy allowed.
      if (call.redial && call.redial.maxAttempts > 1 && call.dialRound >= call.redial.maxAttempts) {
        return `${ENDED_WORDS[call.status]}, all ${call.redial.maxAttempts} attempts used`;
      }
      return `${ENDED_WORDS[call.status]}, not retried${call.dialRound > 1 ? round(call) : ''}`;
    default:
      return call.status.toLowerCase();
  }
}

function waitingLine(call, nowMs, viewer) {
  const at = call.nextAttemptAt;
  switch (call.waitingFor) {
    case 'LINE': return 'Waiting for a free line';
    case 'RETRY':
      // A request whose answer was lost is looked up before anything is sent again; a retry whose time has come
      // (or a dial the status sync took over) is under way now.
      if (call.requestUnconfirmed) return 'Checking whether the provider placed the call';
      if (at && Date.parse(at) <= nowMs) return 'Trying again now';
      return `Provider unavailable, trying again at ${clock(at, viewer)}`;
    case 'DIAL_SLOT': return `Paced, dials at ${clock(at, viewer)}`;
    case 'CALLING_HOURS': {
      const zone = calleeZone(call);
      return `Outside calling hours, dials ${dayAndClock(at, zone)} ${city(zone)} time`;
    }
    case 'REDIAL': {
      // The API's last error for a redial is "<outcome> on attempt <n>".
      const outcome = /^(busy|no answer|failed) on attempt/.exec(call.lastError || '');
      const what = outcome ? REDIALED_OUTCOMES[outcome[1]] : 'Not reached';
      return `${what}, calling again at ${clock(at, viewer)}${round(call)}`;
    }
    default:
      return new Date(call.scheduledAt).getTime() <= nowMs ? 'Due now' : 'Scheduled';
  }
}

/** Ended calls that may be made again with the same details ("Call again"). */
export function canCallAgain(call) {
  return ['COMPLETED', 'BUSY', 'NO_ANSWER', 'FAILED'].includes(call.status);
}

/** The redial round, "2 of 3"; a call without redial has one attempt, so it shows nothing to count. */
export function attemptText(call) {
  return call.redial ? `${call.dialRound} of ${call.redial.maxAttempts}` : '—';
}
