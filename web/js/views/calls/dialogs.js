// The cancel, reschedule and details dialogs.

import { api, ApiError } from '../../shared/api.js';
import { describeCall, el, setText, showErrors, whenFields } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { callAgain } from './call-again.js';
import { attemptText, canCallAgain, duration, statusLine } from './status-line.js';
import { timelineItems } from './timeline.js';
import { outsideHoursError } from './calling-hours.js';
import { poll, store } from './live.js';
import { calleeAndViewerTimes, calleeZone, displayZone, formatInZone, viewerZone } from '../../shared/time.js';
import { confirmAction } from '../../shell/notice.js';
import { dropParams, routeTo } from '../../shell/router.js';
import { focusRowAt } from './row-focus.js';
import { ruleInWords } from '../series/rule.js';

let cancelDialog;
let rescheduleDialog;
let detailsDialog;

export function dialogs() {
  const cancelText = el('p', { id: 'cancel-text' });
  const cancelError = el('p', { class: 'field-error', role: 'alert' });
  cancelDialog = el('dialog', { id: 'cancel-dialog', 'aria-labelledby': 'cancel-title', 'aria-describedby': 'cancel-text' },
    el('h2', { id: 'cancel-title', text: 'Cancel this call?' }), cancelText, cancelError,
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Keep it', onclick: () => cancelDialog.close() }),
      el('button', { type: 'button', class: 'danger', text: 'Cancel call', onclick: confirmCancel })));
  cancelDialog.text = cancelText;
  cancelDialog.error = cancelError;

  const when = whenFields('move', viewerZone);
  const moveError = el('p', { class: 'field-error', role: 'alert' });
  const moveForm = el('form', { method: 'dialog', novalidate: true, onsubmit: (e) => { e.preventDefault(); confirmReschedule(); } },
    el('h2', { id: 'reschedule-title', text: 'Reschedule' }), el('p', { id: 'reschedule-text' }),
    when.group, moveError,
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Close', onclick: () => rescheduleDialog.close() }),
      el('button', { type: 'submit', class: 'primary', text: 'Save new time' })));
  rescheduleDialog = el('dialog', { id: 'reschedule-dialog', 'aria-labelledby': 'reschedule-title' }, moveForm);
  rescheduleDialog.when = when;
  rescheduleDialog.form = moveForm;
  rescheduleDialog.errors = {
    scheduledAt: { input: when.date, message: moveForm.querySelector('#move-when-error') },
    timeZone: { input: when.zone, message: moveForm.querySelector('#move-zone-error') },
    general: { input: null, message: moveError },
  };

  detailsDialog = el('dialog', { id: 'details-dialog', 'aria-labelledby': 'details-title' },
    el('h2', { id: 'details-title', text: 'Call' }),
    el('p', { class: 'read-state', role: 'status' }),
    el('dl', { class: 'facts' }),
    el('h3', { text: 'Timeline' }),
    el('ol', { class: 'timeline' }),
    el('div', { class: 'actions' }, el('span', { class: 'call-actions' }),
      // Focus starts on Close, never on an action: a held or repeated Enter must not make a call ("Call again").
      el('button', { type: 'button', text: 'Close', autofocus: true, onclick: () => detailsDialog.close() })));
  // Opened from a link to the call (#/calls/now?call=<id>): closing it leaves the view's own address.
  detailsDialog.addEventListener('close', () => { detailsDialog.callId = null; seriesWords.clear(); dropParams(); });
  [cancelDialog, rescheduleDialog, detailsDialog].forEach((dialog) => dialog.addEventListener('close', () => returnFocus(dialog)));
  // It follows the page's polls: the call is read again after each one while the dialog is open.
  store.subscribe(() => refreshDetails(false));
  return [cancelDialog, rescheduleDialog, detailsDialog];
}

/** Notes which call a dialog is about and where its row stands, for {@link returnFocus}. */
function about(dialog, callId) {
  const row = document.querySelector(`call-list tbody tr[data-id="${CSS.escape(callId)}"]`);
  dialog.focusCallId = callId;
  dialog.focusRowIndex = row ? row.sectionRowIndex : -1;
}

/**
 * When a dialog about a call closes, focus goes back to that call's row, or to the row that took its place when the
 * call left the view; never to the top of the page (the row's old buttons may have been replaced meanwhile).
 */
function returnFocus(dialog) {
  if (!dialog.focusCallId) return;
  requestAnimationFrame(() => {
    const body = document.querySelector('call-list tbody');
    if (!body || (document.activeElement && document.activeElement !== document.body && body.contains(document.activeElement))) return;
    const row = body.querySelector(`tr[data-id="${CSS.escape(dialog.focusCallId)}"]`);
    focusRowAt(body, row ? row.sectionRowIndex : Math.max(0, dialog.focusRowIndex));
  });
}

export function openCancel(call) {
  about(cancelDialog, call.id);
  cancelDialog.call = call;
  cancelDialog.text.textContent = `The call to ${describeCall(call)} at ${formatInZone(call.scheduledAt, viewerZone, true)} will not be made.`;
  cancelDialog.error.textContent = '';
  cancelDialog.showModal();
}

async function confirmCancel() {
  const call = cancelDialog.call;
  try {
    const canceled = await api.cancel(call.id);
    store.dispatch({ type: 'call-changed', call: canceled });
    cancelDialog.close();
    confirmAction(`Canceled the call to ${describeCall(call)}.`);
    poll();
  } catch (e) {
    cancelDialog.error.textContent = humanMessage(e);
  }
}

export function openReschedule(call) {
  about(rescheduleDialog, call.id);
  rescheduleDialog.call = call;
  rescheduleDialog.when.setZone(call.timeZone);
  rescheduleDialog.when.setTo(new Date(call.scheduledAt).getTime());
  rescheduleDialog.querySelector('#reschedule-text').textContent = `The call to ${describeCall(call)}.`;
  showErrors(rescheduleDialog.form, rescheduleDialog.errors, null);
  rescheduleDialog.showModal();
}

async function confirmReschedule() {
  const call = rescheduleDialog.call;
  try {
    const change = rescheduleDialog.when.value();
    // Refused here when outside the calling hours, in the zones the call is checked in (as the API will).
    const query = { phoneNumber: call.phoneNumber, ...change };
    if ((call.callingTimeZones || []).length === 1) [query.calleeTimeZone] = call.callingTimeZones;
    const outside = outsideHoursError(await api.callingHours(query).catch(() => null), change.timeZone);
    if (outside) throw outside;
    const moved = await api.reschedule(call.id, change);
    store.dispatch({ type: 'call-changed', call: moved });
    rescheduleDialog.close();
    confirmAction(`Moved the call to ${describeCall(call)} to ${scheduledText(moved)}.`);
    poll();
  } catch (e) {
    showErrors(rescheduleDialog.form, rescheduleDialog.errors, e instanceof ApiError ? e : new ApiError(String(e)));
  }
}

/**
 * The buttons for what a call's status still allows, in its row and in its details dialog alike: cancel and
 * reschedule while it is scheduled, "Call again" once it ended without being retried. `current` answers the
 * call's latest version when clicked.
 */
export function callActions(call, current = () => call) {
  const who = describeCall(call);
  const fromDetails = (open) => () => {
    if (detailsDialog.open) detailsDialog.close(); // one dialog at a time
    open(current());
  };
  const buttons = [];
  if (call.status === 'SCHEDULED') {
    buttons.push(
      el('button', { type: 'button', text: 'Reschedule', 'aria-label': `Reschedule the call to ${who}`, onclick: fromDetails(openReschedule) }),
      el('button', { type: 'button', class: 'danger', text: 'Cancel', 'aria-label': `Cancel the call to ${who}`, onclick: fromDetails(openCancel) }));
  }
  if (canCallAgain(call)) {
    buttons.push(el('button', {
      type: 'button', text: 'Call again', 'aria-label': `Call again: ${who}`,
      onclick: (e) => {
        const button = e.currentTarget;
        if (detailsDialog.open) detailsDialog.close();
        callAgain(current(), button);
      },
    }));
  }
  return buttons;
}

/**
 * Opens a call's details: at once from the list's copy when the page has one (its actions usable straight away),
 * then from the call read by id, with its timeline.
 */
export async function showDetails(id) {
  about(detailsDialog, id);
  detailsDialog.callId = id;
  detailsDialog.shown = null;
  detailsDialog.readAt = 0;
  detailsDialog.querySelector('.timeline').replaceChildren();
  detailsDialog.querySelector('.call-actions').replaceChildren();
  setText(detailsDialog.querySelector('.read-state'), '');
  const listed = listedCall(id);
  if (listed) {
    renderDetails(listed);
  } else {
    detailsDialog.querySelector('#details-title').textContent = 'Call';
    detailsDialog.querySelector('.facts').replaceChildren(el('dt', { text: 'Loading…' }));
  }
  if (!detailsDialog.open) detailsDialog.showModal();
  await refreshDetails(true);
}

/** The call as the page's list (or a pin) holds it, without its history; null when the page has none. */
function listedCall(id) {
  const { calls, pinned } = store.state;
  return calls.find((c) => c.id === id) || (pinned.find((p) => p.call.id === id) || {}).call || null;
}

/**
 * Reads the open dialog's call again (at most once per poll) and shows it when it changed. A read still under way
 * for another call does not hold this one up; one that fails says so and is tried again with the next poll.
 */
async function refreshDetails(first) {
  const id = detailsDialog.callId;
  if (!id || !detailsDialog.open || detailsDialog.reading === id) return;
  if (!first && Date.now() - (detailsDialog.readAt || 0) < 2000) return;
  detailsDialog.reading = id;
  detailsDialog.readAt = Date.now();
  try {
    const call = await api.get(id);
    if (detailsDialog.callId !== id) return; // closed, or another call opened meanwhile
    setText(detailsDialog.querySelector('.read-state'), '');
    const shown = detailsDialog.shown;
    if (!shown || !shown.history || shown.updatedAt !== call.updatedAt || shown.status !== call.status) renderDetails(call);
  } catch (e) {
    if (detailsDialog.callId !== id) return;
    if (e instanceof ApiError && e.status === 404) {
      setText(detailsDialog.querySelector('.read-state'), humanMessage(e));
    } else if (detailsDialog.shown) {
      setText(detailsDialog.querySelector('.read-state'), 'Could not load the latest details; retrying. What you see may be out of date.');
    } else {
      setText(detailsDialog.querySelector('.read-state'), 'Could not load this call; retrying.');
      detailsDialog.querySelector('.facts').replaceChildren();
    }
  } finally {
    if (detailsDialog.reading === id) detailsDialog.reading = null;
  }
}

function renderDetails(call) {
  const previous = detailsDialog.shown;
  detailsDialog.shown = call;
  detailsDialog.querySelector('#details-title').textContent = `Call to ${describeCall(call)}`;
  const rows = [
    ['Status', statusLine(call, Date.now(), displayZone())],
    ['Scheduled', scheduledText(call)],
    ['Number', call.phoneNumber],
    ['Contact', call.contactName || '—'],
    ['Notes', call.notes || '—'],
    ['Caller ID', call.callerId || 'the provider\'s default'],
    ['Says', call.twimlUrl ? `TwiML from ${call.twimlUrl}` : (call.message || 'the default greeting')],
    ...(call.voice || call.language ? [['Voice', [call.voice, call.language].filter(Boolean).join(', ')]] : []),
    ...(call.durationSeconds != null ? [['Duration', duration(call.durationSeconds)]] : []),
    ...(call.answeredBy ? [['Answered by', call.answeredBy.startsWith('machine') ? 'a machine' : call.answeredBy]] : []),
    ...(call.redial ? [['Attempt', attemptText(call)]] : []),
    ...(call.nextAttemptAt ? [['Next attempt', nextAttemptText(call)]] : []),
    ...(call.lastError ? [['Last error', call.lastError]] : []),
    ...(call.seriesId ? [['Repeats', seriesLink(call)]] : []),
  ];
  detailsDialog.querySelector('.facts').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }),
    typeof v === 'string' ? el('dd', { text: v }) : el('dd', {}, v)]));
  detailsDialog.querySelector('.timeline').replaceChildren(...timelineItems(call, displayZone()));
  if (!previous || previous.status !== call.status || previous.dialRound !== call.dialRound) {
    detailsDialog.querySelector('.call-actions').replaceChildren(...callActions(call, () => detailsDialog.shown || call));
  }
}

/** The open call's series' rule in words ("every weekday at 09:30, in New York time"), read once while it is open. */
const seriesWords = new Map();

/**
 * A call of a series links to it (where its rule, next calls and other calls are), closing this dialog; the link says
 * the rule in words once the series is read.
 */
function seriesLink(call) {
  const occurrence = call.occurrence ? ` (its call of ${call.occurrence.replace('T', ' ').slice(0, 16)})` : '';
  const link = el('a', { href: routeTo(['series', call.seriesId]), class: 'series-link', text: `Part of a series${occurrence}: see the series`,
    onclick: () => detailsDialog.close() });
  if (!seriesWords.has(call.seriesId)) {
    seriesWords.set(call.seriesId, api.series(call.seriesId)
      .then((s) => `${ruleInWords(s.rrule, s.startAt)}, in ${s.timeZone.replaceAll('_', ' ')} time`)
      .catch(() => { seriesWords.delete(call.seriesId); return null; }));
  }
  seriesWords.get(call.seriesId).then((words) => {
    if (words) link.textContent = `Repeats ${words}${occurrence}: see the series`;
  });
  return link;
}

/** "Tue 09:30 London (04:30 your time)": the call's time for the callee, and for the viewer when their clock differs. */
function scheduledText(call) {
  const { callee, viewer } = calleeAndViewerTimes(call.scheduledAt, calleeZone(call));
  return viewer ? `${callee} (${viewer})` : callee;
}

/** "Mon 7 Dec 08:00:00 GMT-5 (your time: ...)": the next attempt in the callee's zone, and in the viewer's when different. */
function nextAttemptText(call) {
  const zone = calleeZone(call);
  const there = `${formatInZone(call.nextAttemptAt, zone, true)} in ${zone.replaceAll('_', ' ')}`;
  const mine = displayZone();
  return zone === mine ? there : `${there}; ${formatInZone(call.nextAttemptAt, mine)} your time`;
}
