// <reports-view>: the Reports section (#/reports): how the calls that ended in a range went, from
// GET /reports/outcomes. A range (the last 30 days by default), a campaign and the zone hours and days are read in
// (each callee's own, or the zone times are shown in) choose the question; the answer is the key figures, the answer
// rate by hour of day and the outcomes per day, each a chart with its numbers as a table and its CSV. The question is
// kept in the address (#/reports?from=&to=&campaign=&zone=), so that reload and a shared link show the same report.

import { api } from '../../shared/api.js';
import { el, field } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { formatCount } from '../../shared/numbers.js';
import { displayZone, zoneCity } from '../../shared/time.js';
import { routeTo } from '../../shell/router.js';
import { createStore } from '../calls/state.js';
import { ReportFigure } from './report-figure.js';
import {
  OUTCOMES, asOfText, csvFileName, dayRows, daySummary, defaultRange, hourRows, hourSummary, initialState, keyFigures,
  percentText, rangeProblem, reduce, reportQuery, zoneWords,
} from './state.js';
import { legend, rateBars, stackedBars } from './svg-charts.js';

export const store = createStore(reduce, initialState);

/** The outcomes' fills: each differs from its neighbours in lightness, and three carry a pattern as well. */
const OUTCOME_FILLS = {
  answered: { colour: '#1f6f3a' },
  busy: { colour: '#f2b134' },
  noAnswer: { colour: '#7fb2dc', pattern: 'stripes', ink: '#1d4f80' },
  failed: { colour: '#9e1c1c', pattern: 'cross', ink: '#f6d2d2' },
  canceled: { colour: '#e3e5e8', pattern: 'dots', ink: '#4a515c' },
};
const SERIES = OUTCOMES.map((o) => ({ ...o, ...OUTCOME_FILLS[o.id] }));
const CAMPAIGNS_LISTED = 200;

export class ReportsView extends HTMLElement {
  /** Built when first shown, so that the other sections never carry this view's fields. */
  build() {
    if (this.built) return;
    this.built = true;
    const change = () => this.filtersChanged();
    this.from = el('input', { id: 'report-from', type: 'date', required: true, onchange: change, 'aria-describedby': 'report-range-error' });
    this.to = el('input', { id: 'report-to', type: 'date', required: true, onchange: change, 'aria-describedby': 'report-range-error' });
    this.campaign = el('select', { id: 'report-campaign', onchange: change });
    this.zone = el('select', { id: 'report-zone', onchange: change, 'aria-describedby': 'report-zone-hint' },
      el('option', { value: 'callee', text: 'Each callee\'s local time' }),
      el('option', { value: 'display' }));
    this.rangeError = el('p', { class: 'field-error', id: 'report-range-error', role: 'alert' });
    const filters = el('form', { class: 'report-filters', onsubmit: (e) => e.preventDefault() },
      el('div', { class: 'row' },
        field('report-from', 'First day', this.from),
        field('report-to', 'Last day', this.to),
        field('report-campaign', 'Campaign', this.campaign),
        field('report-zone', 'Hours and days in', this.zone)),
      el('p', { class: 'hint', id: 'report-zone-hint', text: 'The range\'s days are read in the zone times are shown in (top of the page); '
        + 'each call counts in the hour and day it ended.' }),
      this.rangeError);
    this.asOf = el('p', { class: 'report-as-of' });
    this.status = el('p', { class: 'report-status', role: 'status' });
    this.figures = el('dl', { class: 'facts report-key-figures' });
    this.hourly = new ReportFigure({
      id: 'report-hourly', caption: 'Answer rate by hour of day',
      columns: ['Hour', 'Calls', 'Answered', 'Not canceled', 'Answer rate'],
      csv: () => this.csvOf('hourOfDay'),
    });
    this.daily = new ReportFigure({
      id: 'report-daily', caption: 'Outcomes per day',
      columns: ['Day', 'Calls', ...OUTCOMES.map((o) => o.label)],
      csv: () => this.csvOf('day'),
    });
    this.results = el('div', { class: 'report-results', hidden: true },
      el('section', { 'aria-labelledby': 'report-figures-heading', class: 'report-key' },
        el('h3', { id: 'report-figures-heading', text: 'Key figures' }), this.figures),
      this.hourly.element, this.daily.element);
    this.error = el('p', { class: 'field-error', role: 'alert' });
    this.append(filters, this.asOf, this.status, this.error, this.results);
    store.subscribe((state) => this.render(state));
    window.addEventListener('display-zone-changed', () => {
      this.nameDisplayZone();
      if (this.active) this.load();
    });
    window.addEventListener('api-key-entered', () => this.active && this.load());
  }

  /** Shows the view with the question in the address's parameters, the rest defaulted; reads the campaigns and the report. */
  show(params) {
    this.build();
    this.active = true;
    this.nameDisplayZone();
    const defaults = defaultRange(Date.now(), displayZone());
    const date = (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value || '') ? value : null);
    const filters = {
      from: date(params.get('from')) || defaults.from,
      to: date(params.get('to')) || defaults.to,
      campaignId: params.get('campaign') || null,
      zone: params.get('zone') === 'display' ? 'display' : 'callee',
    };
    store.dispatch({ type: 'filters-changed', filters });
    this.from.value = filters.from;
    this.to.value = filters.to;
    this.zone.value = filters.zone;
    this.loadCampaigns();
    this.load();
  }

  leave() {
    this.active = false;
  }

  nameDisplayZone() {
    this.zone.options[1].textContent = `${zoneCity(displayZone())} time (as times are shown)`;
  }

  filtersChanged() {
    store.dispatch({ type: 'filters-changed', filters: {
      from: this.from.value || null, to: this.to.value || null, campaignId: this.campaign.value || null, zone: this.zone.value,
    } });
    const { filters } = store.state;
    const params = { from: filters.from || '', to: filters.to || '' };
    if (filters.campaignId) params.campaign = filters.campaignId;
    if (filters.zone === 'display') params.zone = 'display';
    window.history.replaceState(null, '', routeTo(['reports'], params)); // no hashchange: the view stays as it is
    this.load();
  }

  async loadCampaigns() {
    try {
      const page = await api.campaigns(null, CAMPAIGNS_LISTED);
      store.dispatch({ type: 'campaigns-loaded', campaigns: page.items });
    } catch (e) {
      store.dispatch({ type: 'campaigns-failed', error: e });
    }
  }

  /** Asks both reports of the current question; an answer to an older question is dropped (the reducer's seq). */
  async load() {
    const { filters } = store.state;
    this.rangeError.textContent = rangeProblem(filters) || '';
    if (rangeProblem(filters)) return;
    this.seq = (this.seq || 0) + 1;
    const seq = this.seq;
    store.dispatch({ type: 'report-requested', seq });
    const query = reportQuery(filters, displayZone());
    try {
      const [hourly, daily] = await Promise.all([
        api.outcomeReport({ ...query, groupBy: 'hourOfDay' }), api.outcomeReport({ ...query, groupBy: 'day' })]);
      store.dispatch({ type: 'report-loaded', seq, hourly, daily });
    } catch (e) {
      store.dispatch({ type: 'report-failed', seq, error: e });
    }
  }

  csvOf(groupBy) {
    const { filters } = store.state;
    return { query: { ...reportQuery(filters, displayZone()), groupBy }, fileName: csvFileName(groupBy, filters) };
  }

  render(state) {
    this.renderCampaigns(state);
    this.error.textContent = state.error ? `Could not load the report: ${humanMessage(state.error)}` : '';
    const { hourly, daily, filters } = state;
    if (!hourly || !daily) {
      this.status.textContent = state.loading ? 'Loading the report…' : '';
      this.asOf.textContent = '';
      this.results.hidden = true;
      return;
    }
    this.asOf.textContent = asOfText(daily.asOf, displayZone(), Date.now());
    const { totals } = daily;
    const zoneText = zoneWords(filters, displayZone());
    if (totals.calls === 0) {
      this.status.textContent = `No calls ended between ${this.rangeWords(filters)}${this.campaignWords(state)}.`;
      this.results.hidden = true;
      return;
    }
    this.status.textContent = state.loading ? 'Loading the report…'
      : `${formatCount(totals.calls)} ${totals.calls === 1 ? 'call' : 'calls'} ended between ${this.rangeWords(filters)}`
        + `${this.campaignWords(state)}; hours and days in ${zoneText}.`;
    this.results.hidden = false;
    this.figures.replaceChildren(...keyFigures(totals).flatMap((f) => [
      el('dt', { text: f.term }), el('dd', { text: f.value, 'data-figure': f.id })]));
    this.renderHourly(hourly, zoneText);
    this.renderDaily(daily, filters);
  }

  renderHourly(report, zoneText) {
    const rows = hourRows(report);
    const describe = (row) => (row.answerRate === null ? `${row.label}: no calls to rate`
      : `${row.label}: ${percentText(row.answerRate)} answered (${row.answered} of ${row.notCanceled})`);
    this.hourly.render({
      chart: rateBars({
        summary: hourSummary(rows, zoneText), keyName: 'hour', labelEvery: 3,
        bars: rows.map((row) => ({ key: row.hour, axisLabel: row.label, value: row.answerRate, title: describe(row) })),
      }),
      note: `(in ${zoneText}; a dash: no calls that hour)`,
      rows: rows.map((row) => [row.label, formatCount(row.calls), formatCount(row.answered), formatCount(row.notCanceled),
        row.answerRate === null ? '–' : percentText(row.answerRate)]),
    });
  }

  renderDaily(report, filters) {
    const rows = dayRows(report, filters);
    const describe = (row) => `${row.label}: ${formatCount(row.calls)} calls; `
      + OUTCOMES.map((o) => `${formatCount(row[o.id])} ${o.label.toLowerCase()}`).join(', ');
    this.daily.render({
      chart: stackedBars({
        id: 'report-daily-chart', series: SERIES, summary: daySummary(rows, report.totals), keyName: 'day',
        labelEvery: Math.max(1, Math.ceil(rows.length / 10)),
        bars: rows.map((row) => ({ key: row.day, axisLabel: row.label.replace(/^\w+ /, ''), counts: row, title: describe(row) })),
      }),
      legend: legend('report-daily-legend', SERIES),
      note: '(days with calls are listed in the numbers)',
      rows: rows.filter((row) => row.calls > 0).map((row) => [row.label, formatCount(row.calls),
        ...OUTCOMES.map((o) => formatCount(row[o.id]))]),
    });
  }

  renderCampaigns(state) {
    const shown = JSON.stringify([state.campaigns, state.filters.campaignId]);
    if (shown === this.campaignsShown) return;
    this.campaignsShown = shown;
    const chosen = state.filters.campaignId;
    const known = state.campaigns.some((c) => c.id === chosen);
    this.campaign.replaceChildren(
      el('option', { value: '', text: 'All calls', selected: !chosen }),
      ...state.campaigns.map((c) => el('option', { value: c.id, text: c.name, selected: c.id === chosen })),
      ...(chosen && !known ? [el('option', { value: chosen, text: `Campaign ${chosen}`, selected: true })] : []));
  }

  rangeWords(filters) {
    const day = (d) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })
      .format(new Date(`${d}T00:00:00Z`));
    return `${day(filters.from)} and ${day(filters.to)}`;
  }

  campaignWords(state) {
    const chosen = state.campaigns.find((c) => c.id === state.filters.campaignId);
    return state.filters.campaignId ? ` in ${chosen ? chosen.name : 'this campaign'}` : '';
  }
}
