// The page: custom elements over one store. Data from the API is only ever written with textContent, so a
// name such as <img src=x onerror=alert(1)> is shown as those characters and never runs.

import { api, ApiError, newIdempotencyKey, configured } from './api.js';
import { FILTERS, createStore, filterById, initialState, reduce, statusChanges, tabCount } from './state.js';
import { allZones, formatInZone, fromNow, isoWithOffset, toInputs, toInstant, viewerZone } from './time.js';

const PAGE_SIZE = 25;
/** Poll every 3 s while the tab is visible, every 30 s while hidden; back off to a minute while offline. */
const POLL_VISIBLE_MS = 3000;
const POLL_HIDDEN_MS = 30000;
const MAX_BACKOFF_MS = 60000;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const PENDING = 'SCHEDULED';

const store = createStore(reduce, initialState);

function announce(message) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  // A fresh text node makes screen readers read a repeated message again.
  requestAnimationFrame(() => { announcer.textContent = message; });
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  children.flat().forEach((child) => child && node.append(child));
  return node;
}

/** A label and its control, side by side in the DOM, so the label's text is the control's whole name. */
function field(id, text, control, extraClass, ...after) {
  return el('div', { class: extraClass ? `field ${extraClass}` : 'field' }, el('label', { for: id, text }), control, ...after);
}

function describeCall(call) {
  return call.contactName ? `${call.contactName} (${call.phoneNumber})` : call.phoneNumber;
}

function statusLabel(status) {
  return status.replace('_', ' ').toLowerCase();
}

// ---- loading and polling ----

let pollTimer = null;
let failures = 0;

function currentFilter() {
  const state = store.state;
  return { statuses: filterById(state.filter).statuses, search: state.search.trim() };
}

async function loadFirstPage() {
  const query = store.state.query;
  try {
    const page = await api.list(currentFilter(), PAGE_SIZE, null);
    store.dispatch({ type: 'page-loaded', items: page.items, nextToken: page.nextToken, append: false, query });
    refreshCounts();
  } catch (e) {
    wentOffline(e);
  }
}

async function loadMore() {
  const { query, nextToken } = store.state;
  if (!nextToken) return;
  store.dispatch({ type: 'loading' });
  try {
    const page = await api.list(currentFilter(), PAGE_SIZE, nextToken);
    store.dispatch({ type: 'page-loaded', items: page.items, nextToken: page.nextToken, append: true, query });
  } catch (e) {
    wentOffline(e);
  }
}

async function refreshCounts() {
  try {
    const { counts, cap } = await api.counts();
    store.dispatch({ type: 'counts-loaded', counts, cap });
  } catch (e) {
    // the list's own refresh reports the connection
  }
}

/** Re-reads what is on screen (up to 200 calls) and the counts; updates rows in place. */
async function poll() {
  const { query } = store.state;
  const requested = Math.min(200, Math.max(PAGE_SIZE, store.state.calls.length));
  const before = store.state.calls;
  try {
    const page = await api.list(currentFilter(), requested, null);
    failures = 0;
    store.dispatch({ type: 'refreshed', items: page.items, nextToken: page.nextToken, requested, query });
    statusChanges(before, store.state.calls).forEach((call) =>
      announce(`Call to ${describeCall(call)} is now ${statusLabel(call.status)}`));
    await refreshCounts();
  } catch (e) {
    wentOffline(e);
  }
  schedulePoll();
}

/** After consecutive failures, polls are spaced 3 s, 6 s, 12 s ... up to a minute. */
function backoffMs() {
  return failures === 0 ? 0 : Math.min(MAX_BACKOFF_MS, POLL_VISIBLE_MS * 2 ** (failures - 1));
}

function wentOffline(error) {
  if (!(error instanceof ApiError) || !error.offline) {
    console.warn(error);
    return;
  }
  failures += 1;
  store.dispatch({ type: 'offline', retryInSeconds: Math.round(backoffMs() / 1000) });
}

function schedulePoll() {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(poll, Math.max(document.hidden ? POLL_HIDDEN_MS : POLL_VISIBLE_MS, backoffMs()));
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) poll(); // catch up at once when the tab comes back
  else schedulePoll();
});

// ---- shared form pieces ----

/** Date, time and zone inputs for "when", with the zone shown and changeable. */
function whenFields(prefix, zone) {
  const zoneSelect = el('select', { id: `${prefix}-zone`, name: 'timeZone', 'aria-describedby': `${prefix}-zone-error` },
    allZones().map((z) => el('option', { value: z, text: z.replaceAll('_', ' '), selected: z === zone })));
  const date = el('input', { id: `${prefix}-date`, name: 'date', type: 'date', required: true, 'aria-describedby': `${prefix}-when-error` });
  const time = el('input', { id: `${prefix}-time`, name: 'time', type: 'time', step: '1', required: true, 'aria-describedby': `${prefix}-when-error` });
  const group = el('fieldset', { class: 'when' },
    el('legend', { text: 'When' }),
    el('div', { class: 'row' },
      field(`${prefix}-date`, 'Date', date),
      field(`${prefix}-time`, 'Time', time),
      field(`${prefix}-zone`, 'Time zone', zoneSelect)),
    el('p', { class: 'field-error', id: `${prefix}-when-error` }),
    el('p', { class: 'field-error', id: `${prefix}-zone-error` }));
  return {
    group, date, time, zone: zoneSelect,
    setTo(epochMs) {
      const inputs = toInputs(epochMs, zoneSelect.value);
      date.value = inputs.date;
      time.value = inputs.time;
    },
    /** {scheduledAt, timeZone} for the API, or throws a field error the form shows. */
    value() {
      if (!date.value || !time.value) throw new ApiError('Choose a date and a time', { field: 'scheduledAt' });
      const instant = toInstant(date.value, time.value, zoneSelect.value);
      if (instant === null) {
        throw new ApiError(`${time.value} does not exist on ${date.value} in ${zoneSelect.value} (the clocks change)`,
          { field: 'scheduledAt' });
      }
      return { scheduledAt: isoWithOffset(instant, zoneSelect.value), timeZone: zoneSelect.value };
    },
  };
}

/** Shows an API or local error next to the field it names (or in the form's general error line). */
function showErrors(form, errorsByField, error) {
  form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  if (!error) return;
  const target = errorsByField[error.field] || errorsByField.general;
  target.message.textContent = error.message;
  if (target.input) {
    target.input.setAttribute('aria-invalid', 'true');
    target.input.focus();
  }
}

// ---- <connection-status> ----

class ConnectionStatus extends HTMLElement {
  connectedCallback() {
    this.setAttribute('role', 'status');
    this.render(store.state);
    store.subscribe((state) => this.render(state));
  }

  render(state) {
    this.hidden = state.online;
    this.textContent = state.online ? ''
      : `The API cannot be reached; retrying${state.retryInSeconds ? ` every ${state.retryInSeconds} s` : ''}. What you see may be out of date.`;
  }
}

// ---- <call-form> ----

class CallForm extends HTMLElement {
  connectedCallback() {
    const phone = el('input', {
      id: 'phoneNumber', name: 'phoneNumber', type: 'tel', autocomplete: 'tel', required: true,
      placeholder: '+14155550123', 'aria-describedby': 'phoneNumber-hint phoneNumber-error',
    });
    const hint = el('p', { class: 'hint', id: 'phoneNumber-hint', text: 'International format: +, country code, number.' });
    const phoneError = el('p', { class: 'field-error', id: 'phoneNumber-error' });
    const name = el('input', { id: 'contactName', name: 'contactName', maxlength: '100', autocomplete: 'name', 'aria-describedby': 'contactName-error' });
    const notes = el('textarea', { id: 'notes', name: 'notes', maxlength: '1000', rows: '2', 'aria-describedby': 'notes-error' });
    this.when = whenFields('new', viewerZone);
    this.when.setTo(Date.now() + 5 * 60000);
    const general = el('p', { class: 'field-error', id: 'form-error', role: 'alert' });
    this.form = el('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); this.submit(false); } },
      el('div', { class: 'row' },
        field('phoneNumber', 'Phone number', phone, null, hint, phoneError),
        field('contactName', 'Contact name (optional)', name, null, el('p', { class: 'field-error', id: 'contactName-error' }))),
      this.when.group,
      field('notes', 'Notes (optional)', notes, null, el('p', { class: 'field-error', id: 'notes-error' })),
      general,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary', text: 'Schedule call' }),
        el('button', { type: 'button', text: 'Call now', onclick: () => this.submit(true) })));
    this.append(this.form);
    this.fields = { phone, name, notes };
    this.errors = {
      phoneNumber: { input: phone, message: phoneError },
      contactName: { input: name, message: this.form.querySelector('#contactName-error') },
      notes: { input: notes, message: this.form.querySelector('#notes-error') },
      scheduledAt: { input: this.when.date, message: this.form.querySelector('#new-when-error') },
      timeZone: { input: this.when.zone, message: this.form.querySelector('#new-zone-error') },
      general: { input: null, message: general },
    };
    // Checked as the user types, once there is something to check.
    phone.addEventListener('input', () => {
      const value = phone.value.trim();
      const ok = value === '' || E164.test(value);
      if (ok) phone.removeAttribute('aria-invalid');
      else phone.setAttribute('aria-invalid', 'true');
      phoneError.textContent = ok ? '' : 'Not yet a valid number: start with + and the country code, digits only (e.g. +14155550123).';
    });
  }

  async submit(now) {
    if (this.sending) return; // a second click while the first is on its way does nothing
    const body = { phoneNumber: this.fields.phone.value.trim() };
    if (this.fields.name.value.trim()) body.contactName = this.fields.name.value.trim();
    if (this.fields.notes.value.trim()) body.notes = this.fields.notes.value.trim();
    try {
      if (!now) Object.assign(body, this.when.value());
      else body.timeZone = this.when.zone.value;
    } catch (e) {
      showErrors(this.form, this.errors, e instanceof ApiError ? e : new ApiError(String(e)));
      return;
    }
    // One key per call the user means to create: a resend of the same form after an unanswered attempt
    // reuses it, so the API answers with the call already created instead of creating another.
    const fingerprint = JSON.stringify(body);
    if (!this.unconfirmed || this.unconfirmed.fingerprint !== fingerprint) {
      this.unconfirmed = { fingerprint, key: newIdempotencyKey() };
    }
    this.setSending(true);
    const slow = setTimeout(() => {
      this.errors.general.message.textContent = 'Still sending: the API is slow to answer. Please wait.';
    }, 3000);
    try {
      const call = await api.create(body, this.unconfirmed.key);
      this.unconfirmed = null;
      showErrors(this.form, this.errors, null);
      this.fields.phone.value = '';
      this.fields.name.value = '';
      this.fields.notes.value = '';
      announce(now ? `Calling ${describeCall(call)} now` : `Call to ${describeCall(call)} scheduled for ${formatInZone(call.scheduledAt, viewerZone, true)}`);
      poll();
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(String(e));
      if (error.status >= 400 && error.status < 500) this.unconfirmed = null; // refused: nothing was created
      showErrors(this.form, this.errors, error.timedOut
        ? new ApiError(`${error.message}. The call may already be saved: sending it again is safe, it will not be created twice.`)
        : error);
      if (error.offline && !error.timedOut) wentOffline(error);
    } finally {
      clearTimeout(slow);
      this.setSending(false);
    }
  }

  setSending(sending) {
    this.sending = sending;
    this.form.setAttribute('aria-busy', String(sending));
    this.form.querySelectorAll('.actions button').forEach((button) => { button.disabled = sending; });
  }
}

// ---- <call-list> ----

const COLUMNS = ['Status', 'Scheduled', 'Contact', 'Number', 'Provider', 'Attempts', 'Last error', 'Actions'];

class CallList extends HTMLElement {
  connectedCallback() {
    this.tabs = new Map();
    const tablist = el('div', { class: 'filters', role: 'group', 'aria-label': 'Filter by status' },
      FILTERS.map((filter) => {
        const count = el('span', { class: 'count' });
        const button = el('button', {
          type: 'button', 'data-filter': filter.id, 'aria-pressed': String(filter.id === store.state.filter),
          onclick: () => this.choose(filter.id),
        }, filter.label, ' ', count);
        this.tabs.set(filter.id, { button, count });
        return button;
      }));
    let searchTimer;
    const search = el('input', {
      id: 'search', type: 'search', placeholder: 'Name or number', autocomplete: 'off',
      oninput: (e) => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => {
          store.dispatch({ type: 'search-changed', search: e.target.value });
          loadFirstPage();
        }, 300);
      },
    });
    this.body = el('tbody');
    this.empty = el('p', { class: 'empty' });
    this.more = el('button', { type: 'button', class: 'more', text: 'Load more', onclick: loadMore });
    this.rows = new Map();
    this.append(
      el('div', { class: 'toolbar' }, tablist, field('search', 'Search', search, 'search')),
      el('div', { class: 'table-wrap' },
        el('table', {},
          el('caption', { class: 'visually-hidden', text: 'Calls, newest first (pending calls: soonest first)' }),
          el('thead', {}, el('tr', {}, COLUMNS.map((c) => el('th', { scope: 'col', text: c })))),
          this.body)),
      this.empty, this.more, ...dialogs());
    store.subscribe((state) => this.render(state));
    this.render(store.state);
    // Relative times ("in 5 min") move on between polls too.
    setInterval(() => this.rows.forEach((row) => row.tick()), 1000);
  }

  choose(filterId) {
    if (filterId === store.state.filter) return;
    store.dispatch({ type: 'filter-changed', filter: filterId });
    loadFirstPage();
  }

  render(state) {
    for (const [id, { button, count }] of this.tabs) {
      button.setAttribute('aria-pressed', String(id === state.filter));
      const n = tabCount(state, filterById(id));
      count.textContent = n === null ? '' : n;
    }
    const wanted = new Set(state.calls.map((c) => c.id));
    for (const [id, row] of this.rows) {
      if (!wanted.has(id)) {
        row.element.remove();
        this.rows.delete(id);
      }
    }
    // Rows are updated in place and only moved when out of order: no flicker, the scroll position stays.
    let previous = null;
    for (const call of state.calls) {
      let row = this.rows.get(call.id);
      if (!row) {
        row = new CallRow(call);
        this.rows.set(call.id, row);
      } else {
        row.update(call);
      }
      const expectedNext = previous ? previous.nextSibling : this.body.firstChild;
      if (expectedNext !== row.element) this.body.insertBefore(row.element, expectedNext);
      previous = row.element;
    }
    this.empty.textContent = state.loading && !state.calls.length ? 'Loading…'
      : state.calls.length ? '' : (state.search ? `No calls match “${state.search}”.` : 'No calls here yet.');
    this.more.hidden = !state.nextToken;
    this.more.disabled = state.loading;
  }
}

/** One table row; its cells keep their elements and only their text changes. */
class CallRow {
  constructor(call) {
    this.cells = {};
    this.element = el('tr', { 'data-id': call.id });
    for (const column of COLUMNS) {
      const cell = el('td', { 'data-label': column });
      this.cells[column] = cell;
      this.element.append(cell);
    }
    this.badge = el('span', { class: 'badge' });
    this.cells.Status.append(this.badge);
    this.when = el('span', { class: 'when' });
    this.relative = el('span', { class: 'relative' });
    this.cells.Scheduled.append(this.when, el('br'), this.relative);
    this.actions = el('div', { class: 'row-actions' });
    this.cells.Actions.append(this.actions);
    this.call = null;
    this.update(call);
  }

  update(call) {
    const previous = this.call;
    this.call = call;
    this.badge.textContent = statusLabel(call.status);
    this.badge.dataset.status = call.status;
    this.when.textContent = formatInZone(call.scheduledAt, viewerZone);
    this.when.title = call.timeZone !== viewerZone ? `${formatInZone(call.scheduledAt, call.timeZone, true)} (${call.timeZone})` : '';
    this.tick();
    setText(this.cells.Contact, call.contactName || '—');
    setText(this.cells.Number, call.phoneNumber);
    setText(this.cells.Provider, call.providerStatus || '—');
    setText(this.cells.Attempts, String(call.attempts));
    setText(this.cells['Last error'], call.lastError || '');
    if (!previous || previous.status !== call.status) this.renderActions();
  }

  tick() {
    this.relative.textContent = fromNow(this.call.scheduledAt);
  }

  renderActions() {
    const call = this.call;
    const who = describeCall(call);
    // Only what the call's status still allows is offered.
    const buttons = [el('button', { type: 'button', text: 'Details', 'aria-label': `Details of the call to ${who}`, onclick: () => showDetails(call.id) })];
    if (call.status === PENDING) {
      buttons.push(
        el('button', { type: 'button', text: 'Reschedule', 'aria-label': `Reschedule the call to ${who}`, onclick: () => openReschedule(this.call) }),
        el('button', { type: 'button', class: 'danger', text: 'Cancel', 'aria-label': `Cancel the call to ${who}`, onclick: () => openCancel(this.call) }));
    }
    const focused = this.actions.contains(document.activeElement) ? document.activeElement.textContent : null;
    this.actions.replaceChildren(...buttons);
    if (focused) {
      const again = buttons.find((b) => b.textContent === focused) || buttons[0];
      again.focus();
    }
  }
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// ---- dialogs: cancel, reschedule, details ----

let cancelDialog;
let rescheduleDialog;
let detailsDialog;

function dialogs() {
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
    el('dl', { class: 'facts' }),
    el('h3', { text: 'Timeline' }),
    el('ol', { class: 'timeline' }),
    el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Close', onclick: () => detailsDialog.close() })));
  return [cancelDialog, rescheduleDialog, detailsDialog];
}

function openCancel(call) {
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
    announce(`Call to ${describeCall(call)} canceled`);
    poll();
  } catch (e) {
    cancelDialog.error.textContent = e.message;
  }
}

function openReschedule(call) {
  rescheduleDialog.call = call;
  rescheduleDialog.when.zone.value = call.timeZone;
  rescheduleDialog.when.setTo(new Date(call.scheduledAt).getTime());
  rescheduleDialog.querySelector('#reschedule-text').textContent = `The call to ${describeCall(call)}.`;
  showErrors(rescheduleDialog.form, rescheduleDialog.errors, null);
  rescheduleDialog.showModal();
}

async function confirmReschedule() {
  const call = rescheduleDialog.call;
  try {
    const moved = await api.reschedule(call.id, rescheduleDialog.when.value());
    store.dispatch({ type: 'call-changed', call: moved });
    rescheduleDialog.close();
    announce(`Call to ${describeCall(call)} moved to ${formatInZone(moved.scheduledAt, viewerZone, true)}`);
    poll();
  } catch (e) {
    showErrors(rescheduleDialog.form, rescheduleDialog.errors, e instanceof ApiError ? e : new ApiError(String(e)));
  }
}

async function showDetails(id) {
  const facts = detailsDialog.querySelector('.facts');
  const timeline = detailsDialog.querySelector('.timeline');
  facts.replaceChildren(el('dt', { text: 'Loading…' }));
  timeline.replaceChildren();
  detailsDialog.showModal();
  try {
    const call = await api.get(id);
    detailsDialog.querySelector('#details-title').textContent = `Call to ${describeCall(call)}`;
    const rows = [
      ['Status', statusLabel(call.status)],
      ['Scheduled', `${formatInZone(call.scheduledAt, call.timeZone, true)} (${call.timeZone})`],
      ['Number', call.phoneNumber],
      ['Contact', call.contactName || '—'],
      ['Notes', call.notes || '—'],
      ['Attempts', String(call.attempts)],
      ['Provider call', call.externalCallId ? `${call.externalCallId} (${call.providerStatus})` : '—'],
      ['Last error', call.lastError || '—'],
    ];
    facts.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
    timeline.replaceChildren(...(call.history || []).map((change) => el('li', {},
      el('span', { class: 'badge', 'data-status': change.status, text: statusLabel(change.status) }), ' ',
      el('time', { datetime: change.at, text: formatInZone(change.at, viewerZone) }),
      change.detail ? el('span', { class: 'detail', text: ` — ${change.detail}` }) : null)));
  } catch (e) {
    facts.replaceChildren(el('dt', { text: e.message }));
  }
}

customElements.define('connection-status', ConnectionStatus);
customElements.define('call-form', CallForm);
customElements.define('call-list', CallList);

if (!configured()) {
  store.dispatch({ type: 'offline', retryInSeconds: 0 });
}
store.dispatch({ type: 'filter-changed', filter: 'all' });
loadFirstPage().then(schedulePoll);
