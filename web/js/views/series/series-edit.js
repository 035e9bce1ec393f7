// <series-edit>: changes a series (PATCH /series/{id}), either for all its future calls or from one of its next calls
// on ("this and following": the API splits the series there and answers the new one, which is then shown). Only what
// was changed is sent; a refusal is shown next to the field it names.

import { api, ApiError } from '../../shared/api.js';
import { announce, el, field, showErrors, whenFields } from '../../shared/dom.js';
import { go, routeTo } from '../../shell/router.js';
import { RepeatFields } from './repeat-fields.js';
import { choiceOf, occurrenceRows } from './rule.js';
import { seriesErrorText } from './state.js';

/** The call fields of a series, as POST /series/preview reads them with a rule. */
const CALL_FIELDS = ['phoneNumber', 'contactName', 'notes', 'message', 'voice', 'language', 'callerId', 'twimlUrl', 'redial', 'calleeTimeZone'];
const TEXT_FIELDS = ['contactName', 'notes', 'message'];
const RULE_FIELDS = ['rrule', 'startAt', 'timeZone', 'until', 'count'];

function callFieldsOf(series) {
  return Object.fromEntries(CALL_FIELDS.filter((name) => series[name] !== undefined && series[name] !== null).map((name) => [name, series[name]]));
}

/** A local date-time to the minute when its seconds are 0: "2027-03-14T09:30:00" and "2027-03-14T09:30" are the same. */
function localTime(text) {
  if (text === undefined || text === null) return null;
  const t = String(text);
  return t.length === 19 && t.endsWith(':00') ? t.slice(0, 16) : t;
}

export class SeriesEdit extends HTMLElement {
  constructor(store, refresh) {
    super();
    this.store = store;
    this.refresh = refresh;
  }

  connectedCallback() {
    if (this.dialog) return;
    this.from = el('select', { id: 'series-edit-from', name: 'from' });
    this.when = whenFields('series-edit', 'UTC');
    this.when.group.querySelector('legend').textContent = 'First call with the change';
    this.repeat = new RepeatFields(this.when, () => callFieldsOf(this.series), { prefix: 'series-edit', allowNone: false });
    this.texts = Object.fromEntries(TEXT_FIELDS.map((name) => [name, name === 'contactName'
      ? el('input', { id: `series-edit-${name}`, name, maxlength: '100', 'aria-describedby': `series-edit-${name}-error` })
      : el('textarea', { id: `series-edit-${name}`, name, rows: '2', maxlength: '1000', 'aria-describedby': `series-edit-${name}-error` })]));
    const errorLine = (name) => el('p', { class: 'field-error', id: `series-edit-${name}-error` });
    const general = el('p', { class: 'field-error', role: 'alert' });
    this.heading = el('h2', { id: 'series-edit-title', text: 'Change the series' });
    this.form = el('form', { method: 'dialog', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.save(); } },
      this.heading,
      field('series-edit-from', 'Applies to', this.from, null,
        el('p', { class: 'hint', text: 'From a chosen call on, the calls become a new series; the earlier ones stay as they are.' })),
      this.when.group, this.repeat.group,
      field('series-edit-contactName', 'Contact name', this.texts.contactName, null, errorLine('contactName')),
      field('series-edit-notes', 'Notes', this.texts.notes, null, errorLine('notes')),
      field('series-edit-message', 'Message spoken to the callee', this.texts.message, null, errorLine('message')),
      general,
      el('div', { class: 'actions' },
        el('button', { type: 'button', text: 'Close', onclick: () => this.dialog.close() }),
        el('button', { type: 'submit', class: 'primary', text: 'Save changes' })));
    this.dialog = el('dialog', { id: 'series-edit-dialog', 'aria-labelledby': 'series-edit-title' }, this.form);
    this.dialog.addEventListener('close', () => { if (this.opener && this.opener.isConnected) this.opener.focus(); });
    this.from.addEventListener('change', () => this.fromChanged());
    this.errors = {
      ...this.repeat.errors,
      startAt: { input: this.when.date, message: this.form.querySelector('#series-edit-when-error') },
      timeZone: { input: this.when.zone, message: this.form.querySelector('#series-edit-zone-error') },
      from: { input: this.from, message: general },
      ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, { input: this.texts[name], message: this.form.querySelector(`#series-edit-${name}-error`) }])),
      general: { input: null, message: general },
    };
    this.append(this.dialog);
  }

  /** Opens the form on a series, for all its future calls or (`occurrence`) from that call on. */
  open(series, occurrence, opener) {
    this.series = series;
    this.opener = opener;
    const rows = occurrenceRows(series.nextOccurrences || [], series.timeZone);
    this.from.replaceChildren(el('option', { value: '', text: 'All its future calls' }),
      ...rows.map((row) => el('option', { value: row.occurrence, text: `This and the following calls, from ${row.when}` })));
    this.from.value = occurrence || '';
    this.when.setZone(series.timeZone);
    this.repeat.set(choiceOf(series));
    TEXT_FIELDS.forEach((name) => { this.texts[name].value = series[name] || ''; });
    this.fromChanged();
    showErrors(this.form, this.errors, null);
    this.dialog.showModal();
  }

  /** The first call with the change: the series' start, or the chosen call. */
  fromChanged() {
    const choice = choiceOf(this.series);
    const [date, time] = (this.from.value || `${choice.date}T${choice.time}`).split('T');
    this.when.date.value = date;
    this.when.time.value = time.slice(0, 5);
    this.heading.textContent = this.from.value ? 'Change this and the following calls' : 'Change the series';
    this.repeat.schedulePreview();
  }

  /** What the form changes, as PATCH /series/{id} takes it; null when nothing changed. Throws a RuleError to show. */
  change() {
    const series = this.series;
    const rule = this.repeat.fields();
    const change = {};
    // From a chosen call on, the new series starts at that call unless the form moves it.
    const was = { ...series, startAt: this.from.value || series.startAt };
    for (const name of RULE_FIELDS) {
      const value = rule[name] ?? null;
      const current = was[name] ?? null;
      if (name === 'startAt' || name === 'until' ? localTime(value) !== localTime(current) : value !== current) change[name] = value;
    }
    for (const name of TEXT_FIELDS) {
      const value = this.texts[name].value.trim();
      if (value !== (series[name] || '')) change[name] = value || null;
    }
    if (this.from.value) change.from = this.from.value;
    return Object.keys(change).some((name) => name !== 'from') ? change : null;
  }

  async save() {
    showErrors(this.form, this.errors, null);
    let change;
    try {
      change = this.change();
    } catch (e) {
      showErrors(this.form, this.errors, e);
      return;
    }
    if (!change) {
      this.dialog.close();
      return;
    }
    this.store.dispatch({ type: 'action-started', action: 'edit' });
    try {
      const changed = await api.editSeries(this.series.id, change);
      this.store.dispatch({ type: 'action-done', series: changed && changed.id === this.series.id ? changed : null });
      this.dialog.close();
      if (changed && changed.id && changed.id !== this.series.id) {
        announce('The calls from the one chosen on are now a new series, shown here.');
        go(routeTo(['series', changed.id]));
      } else {
        announce('Series changed; its future calls follow the change.');
        this.refresh();
      }
    } catch (e) {
      this.store.dispatch({ type: 'action-done' });
      const error = e instanceof ApiError ? e : new ApiError(String(e));
      // A series that changed state meanwhile, or went: said in the series' words, not a call's.
      showErrors(this.form, this.errors, error.status === 404 || error.status === 409
        ? new ApiError(seriesErrorText(error)) : error);
    }
  }
}
