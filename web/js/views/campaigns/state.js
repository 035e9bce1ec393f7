// The Campaigns view's state and a pure reducer over it, with the view's wording: a campaign's counts in plain words,
// its state, and a rejected contact row's reason. No DOM, no requests: the elements render from this state.

import { formatCount, plural } from '../../shared/numbers.js';

/** The counts of GET /campaigns/{id}'s progress that are ended outcomes, in the order the summary names them. */
const ENDED = [
  ['completed', 'answered'],
  ['busy', 'busy'],
  ['noAnswer', 'not answered'],
  ['failed', 'failed'],
  ['canceled', 'canceled'],
  ['suppressed', 'on the do-not-call list'],
];
/** Those still under way or to come. */
const OPEN = [
  ['dialing', 'ringing'],
  ['inProgress', 'on the phone'],
  ['pending', 'still to call'],
];

/** Each state in words, and the actions it offers (the API's POST /campaigns/{id}/<action>). */
export const STATES = {
  DRAFT: { label: 'Draft', says: 'Not started: add contacts, then start it.', actions: ['start'] },
  RUNNING: { label: 'Running', says: 'Calling its contacts within its calling hours.', actions: ['pause', 'stop'] },
  PAUSED: { label: 'Paused', says: 'No new call starts until it is resumed; calls already ringing finish.', actions: ['resume', 'stop'] },
  STOPPED: { label: 'Stopped', says: 'Stopped: the contacts it had not called were not called.', actions: [] },
  COMPLETED: { label: 'Completed', says: 'Every contact has been called.', actions: [] },
};

export function stateLabel(state) {
  return (STATES[state] || { label: state }).label;
}

/** {done, total, percent}: contacts with an ended outcome, of all the campaign's contacts. */
export function progressOf(campaign) {
  const counts = (campaign.progress && campaign.progress.counts) || {};
  const total = (campaign.progress && campaign.progress.total) || 0;
  const done = ENDED.reduce((sum, [key]) => sum + (counts[key] || 0), 0);
  return { done, total, percent: total ? Math.floor((100 * done) / total) : 0 };
}

/**
 * "120 of 3,000 called: 80 answered, 20 busy, 20 not answered; 2 ringing, 2,878 still to call." (counts of 0 are left
 * out; "No contacts yet." for an empty campaign).
 */
export function countsSentence(campaign) {
  const counts = (campaign.progress && campaign.progress.counts) || {};
  const { done, total } = progressOf(campaign);
  if (!total) return 'No contacts yet.';
  const list = (pairs) => pairs.filter(([key]) => counts[key]).map(([key, words]) => `${formatCount(counts[key])} ${words}`);
  const ended = list(ENDED);
  const open = list(OPEN);
  return `${formatCount(done)} of ${formatCount(total)} called${ended.length ? `: ${ended.join(', ')}` : ''}`
    + `${open.length ? `${ended.length ? ';' : ':'} ${open.join(', ')}` : ''}.`;
}

/** "40 of 120 (33%)": the progress bar's text equivalent. */
export function progressText(campaign) {
  const { done, total, percent } = progressOf(campaign);
  return `${formatCount(done)} of ${formatCount(total)} (${percent}%)`;
}

/** "About 12 dials a minute over the last 5 minutes (3 so far this minute)."; "" where the API says nothing of it. */
export function dialRateSentence(campaign) {
  const dials = campaign.progress && campaign.progress.dialsPerMinute;
  if (!dials || campaign.state === 'DRAFT') return '';
  const rate = dials.perMinute >= 10 ? Math.round(dials.perMinute) : Math.round(dials.perMinute * 10) / 10;
  const minutes = dials.minutes || 5;
  const sofar = dials.thisMinute ? ` (${formatCount(dials.thisMinute)} so far this minute)` : '';
  if (!rate) return `No dials in the last ${minutes} minutes${sofar}.`;
  return `About ${plural(rate, 'dial')} a minute over the last ${minutes} minutes${sofar}.`;
}

/** "14:30 (Tue 8 Dec)": a moment in the viewer's zone, to the minute, with its day. */
export function aroundText(iso, zone) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type) => (parts.find((p) => p.type === type) || {}).value;
  return `${get('hour')}:${get('minute')} (${get('weekday')} ${get('day')} ${get('month')})`;
}

/**
 * {text, basis}: "Finishes around 14:30 (Tue 8 Dec)." in the viewer's zone with what the estimate assumes, or why there
 * is none, in plain words; text "" when the state line says it all (stopped, completed) or the API gives no ETA.
 */
export function etaSentence(campaign, zone) {
  const eta = campaign.progress && campaign.progress.eta;
  if (!eta || campaign.state === 'STOPPED' || campaign.state === 'COMPLETED') return { text: '', basis: '' };
  if (eta.finishesAt) return { text: `Finishes around ${aroundText(eta.finishesAt, zone)}.`, basis: eta.basis ? `Estimated at ${eta.basis}.` : '' };
  if (campaign.state === 'DRAFT') return { text: 'No finish time yet: it starts when you start it.', basis: '' };
  if (campaign.state === 'PAUSED') return { text: 'No finish time while it is paused: it goes on when you resume it.', basis: '' };
  if (eta.leftAtEnd !== null && eta.leftAtEnd !== undefined && campaign.endAt) {
    const n = eta.leftAtEnd;
    return { text: `It will not finish before its end, ${aroundText(campaign.endAt, zone)}: about ${plural(n, 'contact')} would be left then.`,
      basis: eta.basis ? `Estimated at ${eta.basis}.` : '' };
  }
  return { text: eta.whyNone ? `No finish time: ${eta.whyNone}.` : '', basis: '' };
}

/** What happens on Stop, in numbers: said before the person confirms. */
export function stopConsequence(campaign) {
  const counts = (campaign.progress && campaign.progress.counts) || {};
  const remaining = counts.pending || 0;
  const ringing = (counts.dialing || 0) + (counts.inProgress || 0);
  return `${remaining ? `The ${plural(remaining, 'contact')} not called yet will not be called: `
    + 'they end as canceled.' : 'No contact is left to call.'}${ringing ? ` The ${plural(ringing, 'call')} already under way finish.` : ''}`
    + ' A stopped campaign cannot be started again.';
}

/** A rejected contact row's reason in plain words (ImportReport's codes); the API's own message for any other. */
const REJECT_REASONS = {
  INVALID_NUMBER: 'Not a phone number that can be read (write it with + and the country code, or choose the country above).',
  COUNTRY_NOT_ALLOWED: 'Numbers in this country are not called by this service.',
  NUMBER_NOT_ALLOWED: 'Not a kind of number this service calls.',
  SUPPRESSED: 'On the do-not-call list.',
  DUPLICATE_IN_FILE: 'The same number as an earlier row.',
  DUPLICATE_IN_CAMPAIGN: 'Already one of this campaign\'s contacts.',
  BAD_TIME_ZONE: 'Not a time zone (write it like America/Chicago).',
  NO_CALLING_HOURS: 'The calling hours are never open where this number may ring: give the contact\'s time zone.',
  TOO_LONG: 'Too long.',
};

export function rejectReason(reject) {
  const reason = REJECT_REASONS[reject.code];
  if (!reason) return reject.message || reject.code;
  // "the same number as row 3": the API's message names the earlier row.
  const earlier = reject.code === 'DUPLICATE_IN_FILE' && /\brow (\d+)/.exec(reject.message || '');
  return earlier ? `The same number as row ${earlier[1]}.` : reason;
}

export const initialState = {
  /** The campaigns listed, newest first, and the token of the next page. */
  campaigns: [],
  nextToken: null,
  listError: null,
  /** The campaign shown at #/campaigns/<id> (null on the list), as last read, or the error reading it. */
  openId: null,
  campaign: null,
  campaignError: null,
  /** An action under way (start, pause...), so that its button cannot be pressed twice. */
  busy: null,
  actionError: null,
  /**
   * The contacts upload: idle, checking (the dry run), checked (its report shown), importing, imported, or refused
   * (the file, whole: `error`).
   */
  upload: { phase: 'idle', fileName: null, report: null, error: null },
};

function newestFirst(campaigns) {
  return [...campaigns].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
}

export function reduce(state, action) {
  switch (action.type) {
    case 'list-loaded':
      return { ...state, listError: null, nextToken: action.nextToken,
        campaigns: newestFirst(action.append ? [...state.campaigns, ...action.items.filter((c) => !state.campaigns.some((o) => o.id === c.id))]
          : action.items) };
    case 'list-failed':
      return { ...state, listError: action.error };
    case 'opened':
      return action.id === state.openId ? state
        : { ...state, openId: action.id, campaign: null, campaignError: null, actionError: null, busy: null, upload: initialState.upload };
    case 'closed':
      return { ...state, openId: null, campaign: null, campaignError: null, actionError: null, busy: null, upload: initialState.upload };
    case 'campaign-loaded':
      if (action.campaign.id !== state.openId) return state; // an answer for a campaign no longer shown
      return { ...state, campaign: action.campaign, campaignError: null,
        campaigns: state.campaigns.map((c) => (c.id === action.campaign.id ? action.campaign : c)) };
    case 'campaign-failed':
      return action.id === state.openId ? { ...state, campaignError: action.error } : state;
    case 'created':
      return { ...state, campaigns: newestFirst([action.campaign, ...state.campaigns.filter((c) => c.id !== action.campaign.id)]) };
    case 'action-started':
      return { ...state, busy: action.action, actionError: null };
    case 'action-done': {
      const next = { ...state, busy: null, actionError: action.error || null };
      return action.campaign ? reduce(next, { type: 'campaign-loaded', campaign: action.campaign }) : next;
    }
    case 'upload-checking':
      return { ...state, upload: { phase: 'checking', fileName: action.fileName, report: null, error: null } };
    case 'upload-checked':
      return { ...state, upload: { ...state.upload, phase: 'checked', report: action.report } };
    case 'upload-importing':
      return { ...state, upload: { ...state.upload, phase: 'importing' } };
    case 'upload-imported':
      return { ...state, upload: { ...state.upload, phase: 'imported', report: action.report } };
    case 'upload-refused':
      return { ...state, upload: { ...state.upload, phase: 'refused', error: action.error } };
    case 'upload-cleared':
      return { ...state, upload: initialState.upload };
    default:
      return state;
  }
}
