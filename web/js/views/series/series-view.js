// <series-view>: the Series section. #/series lists the series of calls, what happens next first (each with its next
// call in the series' own zone, its rule in words and its status); #/series/<id> shows one (series-detail.js). What is
// shown is read again every few seconds while the tab is visible and this view is shown, and not at all otherwise.

import { api } from '../../shared/api.js';
import { el } from '../../shared/dom.js';
import { PolledSection } from '../../shared/polled-section.js';
import { humanMessage } from '../../shared/messages.js';
import { plural } from '../../shared/numbers.js';
import { routeTo } from '../../shell/router.js';
import { createStore } from '../calls/state.js';
import { offsetText, ruleInWords } from './rule.js';
import { SeriesDetail } from './series-detail.js';
import { SeriesEdit } from './series-edit.js';
import { initialState, listStatusLabel, nextOccurrence, reduce } from './state.js';

const POLL_MS = 3000;
const PAGE_SIZE = 50;
const CALLS_PAGE_SIZE = 20;

export const store = createStore(reduce, initialState);

/** "Mon 14 Mar 09:30 (UTC−04:00)": a moment in a zone, with its offset. */
export function inZone(occurrence, zone) {
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(occurrence.at));
  return `${when} (${offsetText(occurrence.utcOffset)})`;
}

export class SeriesView extends PolledSection {
  /** Built when first shown, so that the other sections never carry this view's elements. */
  build() {
    if (this.built) return;
    this.built = true;
    this.rows = el('tbody');
    this.summary = el('p', { class: 'series-summary' });
    this.table = el('table', { class: 'series-list' },
      el('caption', { class: 'visually-hidden', text: 'Series of calls, the soonest next call first' }),
      el('thead', {}, el('tr', {}, ['Who', 'Repeats', 'Next call', 'Status'].map((h) => el('th', { scope: 'col', text: h })))),
      this.rows);
    this.more = el('button', { type: 'button', text: 'Show more', hidden: true, onclick: () => this.loadList(store.state.nextToken) });
    this.listError = el('p', { class: 'field-error', role: 'alert' });
    this.list = el('div', { class: 'series-all' },
      el('p', { class: 'hint', text: 'A series is made from the schedule form\'s "Repeat" choice (Calls).' }),
      this.summary, this.table, this.more, this.listError);
    this.edit = new SeriesEdit(store, () => this.poll());
    this.detail = new SeriesDetail(store, () => this.poll(), this.edit);
    this.append(this.list, this.detail, this.edit);
    store.subscribe((state, previous) => this.render(state, previous));
    this.pollWhileVisible();
  }

  get store() {
    return store;
  }

  async poll() {
    clearTimeout(this.timer);
    if (!this.active) return;
    const { openId } = store.state;
    if (openId) {
      await Promise.all([this.loadSeries(openId), store.state.calls.length <= CALLS_PAGE_SIZE ? this.loadCalls(openId, null) : null]);
    } else {
      await this.loadList(null);
    }
    if (this.active && !document.hidden) this.timer = setTimeout(() => this.poll(), POLL_MS);
  }

  async loadSeries(id) {
    try {
      store.dispatch({ type: 'series-loaded', series: await api.series(id) });
    } catch (e) {
      store.dispatch({ type: 'series-failed', id, error: e });
    }
  }

  /** A page of the open series' calls, newest first (`after`: the next page's token, added to those shown). */
  async loadCalls(id, after) {
    try {
      const page = await api.seriesCalls(id, after, CALLS_PAGE_SIZE);
      store.dispatch({ type: 'calls-loaded', id, items: page.items, nextToken: page.nextToken, append: Boolean(after) });
    } catch (e) {
      store.dispatch({ type: 'calls-failed', id, error: e });
    }
  }

  async loadList(after) {
    try {
      const page = await api.seriesList(after, PAGE_SIZE);
      store.dispatch({ type: 'list-loaded', items: page.items, nextToken: page.nextToken, append: Boolean(after) });
    } catch (e) {
      store.dispatch({ type: 'list-failed', error: e });
    }
  }

  render(state, previous) {
    if (state.items !== previous.items) {
      this.rows.replaceChildren(...state.items.map((series) => row(series)));
      const count = state.items.length;
      this.table.hidden = count === 0;
      this.summary.textContent = count === 0 ? 'No series yet.'
        : `${plural(count, 'series', 'series')}${state.nextToken ? ' or more' : ''}.`;
    }
    this.more.hidden = !state.nextToken;
    this.listError.textContent = state.listError ? `Could not load the series: ${humanMessage(state.listError)}` : '';
  }
}

function row(series) {
  const next = nextOccurrence(series);
  return el('tr', { 'data-id': series.id },
    el('td', {}, el('a', { href: routeTo(['series', series.id]), text: series.contactName ? `${series.contactName} (${series.phoneNumber})` : series.phoneNumber })),
    el('td', { text: ruleInWords(series.rrule, series.startAt) }),
    el('td', { class: 'series-next', text: next ? `${inZone(next, series.timeZone)} ${series.timeZone.replaceAll('_', ' ')}` : '—' }),
    el('td', {}, el('span', { class: 'series-status', 'data-status': series.status, text: listStatusLabel(series) })));
}

customElements.define('series-detail', SeriesDetail);
customElements.define('series-edit', SeriesEdit);
