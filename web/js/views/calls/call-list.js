// <call-list>: the calls' views (Now and recent, Upcoming, History; one URL each), the view's filters with their
// counts, search, the table (rows updated in place) and "load more".

import { FILTERS, VIEWS, filterById, tabCount, viewById } from './state.js';
import { describeCall, el, field, setText } from '../../shared/dom.js';
import { loadFirstPage, loadMore, store } from './live.js';
import { callActions, dialogs, showDetails } from './dialogs.js';
import { attemptText, statusLine } from './status-line.js';
import { formatInZone, fromNow, viewerZone } from '../../shared/time.js';
import { routeTo } from '../../shell/router.js';

const COLUMNS = ['Status', 'Scheduled', 'Contact', 'Number', 'Provider', 'Attempt', 'Last error', 'Actions'];

export class CallList extends HTMLElement {
  connectedCallback() {
    this.viewLinks = new Map();
    const views = el('nav', { class: 'views', 'aria-label': 'Calls' }, el('ul', {}, VIEWS.map((view) => {
      const count = el('span', { class: 'count' });
      const link = el('a', { href: routeTo(['calls', view.id]), 'data-view': view.id }, view.label, ' ', count);
      this.viewLinks.set(view.id, { link, count });
      return el('li', {}, link);
    })));
    this.tabs = new Map();
    this.tablist = el('div', { class: 'filters', role: 'group', 'aria-label': 'Filter by status' },
      FILTERS.map((filter) => {
        const count = el('span', { class: 'count' });
        const button = el('button', {
          type: 'button', 'data-filter': filter.id, 'aria-pressed': String(filter.id === store.state.filter),
          onclick: () => this.choose(filter.id),
        }, filter.label, ' ', count);
        this.tabs.set(filter.id, { button, count });
        return button;
      }));
    const tablist = this.tablist;
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
    this.caption = el('caption', { class: 'order' });
    this.append(
      views,
      el('div', { class: 'toolbar' }, tablist, field('search', 'Search', search, 'search')),
      el('div', { class: 'table-wrap' },
        el('table', {},
          this.caption,
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
    const view = viewById(state.view);
    for (const [id, { link, count }] of this.viewLinks) {
      if (id === view.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
      const n = tabCount(state, filterById('all'), viewById(id));
      count.textContent = n === null ? '' : n;
    }
    this.tablist.hidden = !view.filters.length;
    for (const [id, { button, count }] of this.tabs) {
      button.hidden = !view.filters.includes(id);
      button.setAttribute('aria-pressed', String(id === state.filter));
      const n = tabCount(state, filterById(id));
      count.textContent = n === null ? '' : n;
    }
    this.caption.textContent = view.caption;
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
      : state.calls.length ? '' : (state.search ? `No calls match “${state.search}” here.` : view.empty);
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
    this.badge.dataset.status = call.status;
    this.when.textContent = formatInZone(call.scheduledAt, viewerZone);
    this.when.title = call.timeZone !== viewerZone ? `${formatInZone(call.scheduledAt, call.timeZone, true)} (${call.timeZone})` : '';
    this.tick();
    setText(this.cells.Contact, call.contactName || '—');
    setText(this.cells.Number, call.phoneNumber);
    setText(this.cells.Provider, call.providerStatus || '—');
    setText(this.cells.Attempt, attemptText(call));
    setText(this.cells['Last error'], call.lastError || '');
    if (!previous || previous.status !== call.status || previous.dialRound !== call.dialRound) this.renderActions();
  }

  /** What moves on with the clock: the status line ("On the phone (2 min)") and the relative time. */
  tick() {
    setText(this.badge, statusLine(this.call, Date.now(), viewerZone));
    setText(this.relative, fromNow(this.call.scheduledAt));
  }

  renderActions() {
    const call = this.call;
    const who = describeCall(call);
    // Only what the call's status still allows is offered (the details dialog offers the same).
    const buttons = [el('button', { type: 'button', text: 'Details', 'aria-label': `Details of the call to ${who}`, onclick: () => showDetails(call.id) }),
      ...callActions(call, () => this.call)];
    const focused = this.actions.contains(document.activeElement) ? document.activeElement.textContent : null;
    this.actions.replaceChildren(...buttons);
    if (focused) {
      const again = buttons.find((b) => b.textContent === focused) || buttons[0];
      again.focus();
    }
  }
}
