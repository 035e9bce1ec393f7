// <series-detail>: one series (#/series/<id>): its rule in words and its status, its next calls in its zone with
// their UTC offsets, its calls so far (newest first, each a link to the call), and Pause / Resume / Edit / Delete.
// Delete asks first, saying that the calls made so far stay in the history.

import { api } from '../../shared/api.js';
import { announce, describeCall, el, statusLabel as callStatusLabel } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { formatInZone, viewerZone } from '../../shared/time.js';
import { routeTo } from '../../shell/router.js';
import { occurrenceList } from './repeat-fields.js';
import { seriesInWords } from './rule.js';
import { allowedActions, seriesErrorText, statusText } from './state.js';

const ACTIONS = {
  pause: { label: 'Pause', done: 'paused' },
  resume: { label: 'Resume', done: 'resumed' },
  edit: { label: 'Edit' },
  delete: { label: 'Delete' },
};

export class SeriesDetail extends HTMLElement {
  constructor(store, refresh, editor) {
    super();
    this.store = store;
    this.refresh = refresh;
    this.editor = editor;
  }

  connectedCallback() {
    if (this.heading) return;
    this.heading = el('h3', { class: 'series-name', tabindex: '-1' });
    this.rule = el('p', { class: 'series-rule' });
    this.statusLine = el('p', { class: 'series-status-line', role: 'status' });
    this.lineage = el('p', { class: 'series-lineage' });
    this.loadError = el('p', { class: 'field-error', role: 'alert' });
    this.buttons = Object.fromEntries(Object.entries(ACTIONS).map(([action, { label }]) => [action,
      el('button', { type: 'button', class: action === 'delete' ? 'danger' : 'primary', text: label, hidden: true,
        onclick: () => this.press(action) })]));
    this.actionError = el('p', { class: 'field-error', role: 'alert' });
    this.nextState = el('p', { class: 'hint' });
    this.next = el('ol', { class: 'occurrences series-occurrences' });
    this.callRows = el('tbody');
    this.callsTable = el('table', { class: 'series-calls' },
      el('caption', { class: 'visually-hidden', text: 'The series\' calls, newest first' }),
      el('thead', {}, el('tr', {}, ['Occurrence', 'Status', 'Call'].map((h) => el('th', { scope: 'col', text: h })))),
      this.callRows);
    this.callsState = el('p', { class: 'hint series-calls-state' });
    this.moreCalls = el('button', { type: 'button', text: 'Show older calls', hidden: true,
      onclick: () => this.closest('series-view').loadCalls(this.store.state.openId, this.store.state.callsNextToken) });

    this.deleteDialog = el('dialog', { id: 'series-delete-dialog', 'aria-labelledby': 'series-delete-title', 'aria-describedby': 'series-delete-text' },
      el('h2', { id: 'series-delete-title', text: 'Delete this series?' }),
      el('p', { id: 'series-delete-text', text: 'It makes no more calls: its next call is canceled. The calls it made so far stay in the history.' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', text: 'Keep it', onclick: () => this.deleteDialog.close() }),
        el('button', { type: 'button', class: 'danger', text: 'Delete the series', onclick: () => { this.deleteDialog.close(); this.deleteSeries(); } })));
    this.deleteDialog.addEventListener('close', () => { if (!this.buttons.delete.hidden) this.buttons.delete.focus(); });

    this.append(
      el('p', {}, el('a', { href: '#/series', text: 'All series' })),
      this.heading, this.rule, this.statusLine, this.lineage, this.loadError,
      el('div', { class: 'actions series-actions' }, Object.values(this.buttons)),
      this.actionError,
      el('h4', { text: 'Next calls' }), this.nextState, this.next,
      el('h4', { text: 'Its calls so far' }), this.callsState, this.callsTable, this.moreCalls,
      this.deleteDialog);
    this.store.subscribe((state, previous) => this.render(state, previous));
  }

  render(state, previous) {
    this.loadError.textContent = state.seriesError ? `Could not load the series: ${seriesErrorText(state.seriesError)}` : '';
    this.actionError.textContent = state.actionError ? seriesErrorText(state.actionError) : '';
    Object.values(this.buttons).forEach((button) => { button.disabled = Boolean(state.busy); });
    if (state.calls !== previous.calls || state.callsError !== previous.callsError || state.callsNextToken !== previous.callsNextToken) {
      this.renderCalls(state);
    }
    if (state.series === previous.series && state.openId === previous.openId) return;
    const series = state.series;
    if (!series) {
      this.heading.textContent = state.openId ? 'Loading the series…' : '';
      [this.rule, this.statusLine, this.lineage, this.nextState].forEach((p) => { p.textContent = ''; });
      this.next.replaceChildren();
      Object.values(this.buttons).forEach((button) => { button.hidden = true; });
      return;
    }
    this.heading.textContent = `Calls to ${describeCall(series)}`;
    this.rule.textContent = `${seriesInWords(series)}, in ${series.timeZone.replaceAll('_', ' ')} time.`;
    const text = statusText(series);
    if (this.statusLine.textContent !== text) this.statusLine.textContent = text;
    this.statusLine.dataset.status = series.status;
    this.renderLineage(series);
    const occurrences = series.status === 'ACTIVE' || series.status === 'PAUSED' ? series.nextOccurrences || [] : [];
    this.next.replaceChildren(...occurrenceList(occurrences, series.timeZone).map((item) => this.withFromButton(item, series)));
    this.nextState.textContent = !occurrences.length ? 'No more calls.'
      : series.status === 'PAUSED' ? 'While it is paused none of these is called; those that pass meanwhile are skipped.'
        : `In ${series.timeZone.replaceAll('_', ' ')} time, with its offset from UTC:`;
    const allowed = allowedActions(series);
    Object.entries(this.buttons).forEach(([action, button]) => { button.hidden = !allowed.includes(action); });
  }

  /** "Edit from here" on each next call: that call and those after it become a new series. */
  withFromButton(item, series) {
    if (!allowedActions(series).includes('edit')) return item;
    const occurrence = item.dataset.occurrence;
    item.append(' ', el('button', { type: 'button', class: 'quiet', text: 'Edit from here',
      'aria-label': `Edit from here: the call of ${item.querySelector('.occurrence-when').textContent} and those after it`,
      onclick: (e) => this.editor.open(series, occurrence, e.currentTarget) }));
    return item;
  }

  /** Where this series came from, or went on as ("this and following" edits split a series). */
  renderLineage(series) {
    const parts = [];
    if (series.continues) parts.push('It continues ', el('a', { href: routeTo(['series', series.continues]), text: 'an earlier series' }), '. ');
    if (series.continuedBy) parts.push('It goes on as ', el('a', { href: routeTo(['series', series.continuedBy]), text: 'a changed series' }), '.');
    this.lineage.replaceChildren(...parts);
    this.lineage.hidden = !parts.length;
  }

  renderCalls(state) {
    this.callRows.replaceChildren(...state.calls.map((call) => el('tr', { 'data-id': call.id },
      el('td', { text: call.occurrence ? call.occurrence.replace('T', ' ').slice(0, 16) : '—' }),
      el('td', {}, el('span', { class: 'badge', 'data-status': call.status, text: callStatusLabel(call.status) })),
      el('td', {}, el('a', { href: routeTo(['calls', 'now'], { call: call.id }),
        text: `${formatInZone(call.scheduledAt, viewerZone)} your time` })))));
    this.callsTable.hidden = !state.calls.length;
    this.callsState.textContent = state.callsError ? `Could not load its calls: ${humanMessage(state.callsError)}`
      : state.calls.length ? '' : 'None yet: each call is made ready shortly before its time.';
    this.moreCalls.hidden = !state.callsNextToken;
  }

  press(action) {
    if (action === 'delete') this.deleteDialog.showModal();
    else if (action === 'edit') this.editor.open(this.store.state.series, null, this.buttons.edit);
    else this.act(action);
  }

  async act(action) {
    const { series } = this.store.state;
    this.store.dispatch({ type: 'action-started', action });
    try {
      const changed = await api.seriesAction(series.id, action);
      this.store.dispatch({ type: 'action-done', series: changed && changed.id ? changed : null });
      announce(`Series ${ACTIONS[action].done}.`);
      if (!(changed && changed.id)) this.refresh();
    } catch (e) {
      this.store.dispatch({ type: 'action-done', error: e });
      this.refresh(); // show the state it is really in
    }
  }

  async deleteSeries() {
    const { series } = this.store.state;
    this.store.dispatch({ type: 'action-started', action: 'delete' });
    try {
      const deleted = await api.deleteSeries(series.id);
      this.store.dispatch({ type: 'action-done', series: deleted && deleted.id ? deleted : null });
      announce('Series deleted; its calls so far stay in the history.');
      if (!(deleted && deleted.id)) this.refresh();
    } catch (e) {
      this.store.dispatch({ type: 'action-done', error: e });
      this.refresh();
    }
  }
}
