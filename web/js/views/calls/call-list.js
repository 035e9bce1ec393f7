// <call-list>: the calls' views (Now and recent, Upcoming, History; one URL each), the view's filters with their
// counts, search, the table (rows updated in place) and "load more".

import { FILTERS, VIEWS, filterById, matchesElsewhere, showingText, tabCount, viewById, viewCount } from './state.js';
import { describeCall, el, field, setText } from '../../shared/dom.js';
import { loadFirstPage, loadMore, store } from './live.js';
import { callActions, dialogs, showDetails } from './dialogs.js';
import { focusRowAt } from './row-focus.js';
import { attemptText, statusLine } from './status-line.js';
import { calleeAndViewerTimes, calleeZone, displayZone, fromNow } from '../../shared/time.js';
import { routeTo } from '../../shell/router.js';
import { requestKey } from '../../shell/api-key.js';

// The status line says what the provider's status and the last error mean; their raw text is in the details.
const COLUMNS = ['Status', 'Scheduled', 'Contact', 'Number', 'Attempt', 'Actions'];

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
      id: 'search', type: 'search', placeholder: 'Name or number', autocomplete: 'off', maxlength: 100,
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
    this.showing = el('p', { class: 'showing', 'aria-live': 'polite' });
    this.more = el('button', { type: 'button', class: 'more', text: 'Load more', onclick: loadMore });
    this.rows = new Map();
    this.caption = el('caption', { class: 'order' });
    // Instead of the list while the API refuses the page for want of a key ("Not now", or forgotten).
    this.keyNeeded = el('div', { class: 'key-needed', hidden: true },
      el('p', { text: 'The API needs its key.' }),
      el('button', { type: 'button', class: 'primary', text: 'Enter the key', onclick: requestKey }));
    // Shown while the list is one campaign's calls (#/calls/now?campaign=<id>, the campaign's "See its calls").
    this.campaignNote = el('p', { class: 'campaign-filter', role: 'status', hidden: true });
    this.tableWrap = el('div', { class: 'table-wrap' },
      el('table', {},
        this.caption,
        el('thead', {}, el('tr', {}, COLUMNS.map((c) => el('th', { scope: 'col', text: c })))),
        this.body));
    this.append(
      views, this.campaignNote,
      el('div', { class: 'toolbar' }, tablist, field('search', 'Search', search, 'search')),
      this.tableWrap, this.keyNeeded, this.empty, this.showing, this.more, ...dialogs());
    store.subscribe((state) => this.render(state));
    this.render(store.state);
    // Relative times ("in 5 min") move on between polls too.
    setInterval(() => this.rows.forEach((row) => row.tick()), 1000);
    window.addEventListener('display-zone-changed', () => this.rows.forEach((row) => row.showTime()));
  }

  choose(filterId) {
    if (filterId === store.state.filter) return;
    store.dispatch({ type: 'filter-changed', filter: filterId });
    loadFirstPage();
  }

  render(state) {
    const view = viewById(state.view);
    for (const [id, { link, count }] of this.viewLinks) {
      if (id === view.id && !state.campaignId) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
      const n = state.campaignId ? null : tabCount(state, filterById('all'), viewById(id));
      count.textContent = n === null ? '' : n;
    }
    this.showCampaignNote(state.campaignId, view);
    this.tablist.hidden = !view.filters.length;
    for (const [id, { button, count }] of this.tabs) {
      button.hidden = !view.filters.includes(id);
      button.setAttribute('aria-pressed', String(id === state.filter));
      const n = state.campaignId ? null : tabCount(state, filterById(id)); // counts are of every call
      count.textContent = n === null ? '' : n;
    }
    this.caption.textContent = state.campaignId ? 'The campaign\'s calls, latest first' : view.caption;
    const wanted = new Set(state.calls.map((c) => c.id));
    // A row that leaves the view while focused (a call canceled from Upcoming) hands focus to the row that takes
    // its place, not to the top of the page.
    let focusAt = -1;
    for (const [id, row] of this.rows) {
      if (!wanted.has(id)) {
        if (row.element.contains(document.activeElement)) focusAt = row.element.sectionRowIndex;
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
    if (focusAt >= 0) focusRowAt(this.body, focusAt);
    this.keyNeeded.hidden = !state.keyNeeded;
    this.tableWrap.hidden = state.keyNeeded;
    if (state.keyNeeded) {
      this.empty.replaceChildren();
      this.emptyKey = null;
      setText(this.showing, '');
    } else {
      this.showEmpty(state, view);
      setText(this.showing, showingText(state));
    }
    this.more.hidden = !state.nextToken;
    this.more.disabled = state.loading;
  }

  /** "Only the calls of one campaign." with links back to it and to every call; rebuilt only when the campaign changes. */
  showCampaignNote(campaignId, view) {
    this.campaignNote.hidden = !campaignId;
    if (campaignId === this.noteFor) return;
    this.noteFor = campaignId;
    this.campaignNote.replaceChildren(...(campaignId ? ['Only the calls of one campaign, latest first. ',
      el('a', { href: routeTo(['campaigns', campaignId]), text: 'Back to the campaign' }), ' · ',
      el('a', { href: routeTo(['calls', view.id]), text: 'Show every call' })] : []));
  }

  /**
   * What an empty list says: "Loading…", the view's own "nothing here", or, when a search or filter hides matches,
   * where they are ("No calls in Upcoming match “ada”; 3 in History", with a link). Rebuilt only when its words
   * change, so that a focused link survives the polls.
   */
  showEmpty(state, view) {
    const parts = emptyParts(state, view);
    const key = JSON.stringify(parts.map((p) => (typeof p === 'string' ? p : [p.text, p.href || p.filter])));
    if (key === this.emptyKey) return;
    this.emptyKey = key;
    this.empty.replaceChildren(...parts.map((p) => {
      if (typeof p === 'string') return p;
      if (p.href) return el('a', { href: p.href, text: p.text });
      return el('button', { type: 'button', class: 'link', text: p.text, onclick: () => this.choose(p.filter) });
    }));
  }
}

function emptyParts(state, view) {
  if (state.calls.length) return [];
  if (state.loading) return ['Loading…'];
  // Not "nothing here": the list could not be read (the header says why and when it tries again).
  if (!state.online) return ['The calls cannot be loaded right now.'];
  if (state.campaignId) {
    return [state.filter !== 'all' || state.search.trim() ? 'None of the campaign\'s calls match.'
      : 'The campaign has no calls yet: its contacts become calls as it runs.'];
  }
  const search = state.search.trim();
  const filter = filterById(state.filter);
  // The API stopped at its read budget (it reads at most 1,000 calls per request) with more to read: "none" would
  // be a guess. Says what it looked for, that it is not done, and how to go on.
  if (state.nextToken) return unfinishedParts(state, view, filter, search);
  if (filter.id !== 'all') {
    const all = viewCount(state, filterById('all'));
    const what = `No ${filter.label.toLowerCase()} calls in ${view.label}${search ? ` match “${search}”` : ''}`;
    if (all && all.n > 0) return [`${what}; `, { text: `${all.n}${all.atLeast ? '+' : ''} in All`, filter: 'all' }, '.'];
    if (!search) return [`${what}.`];
  }
  if (!search) return [view.empty];
  const elsewhere = matchesElsewhere(state);
  const parts = [`No calls in ${view.label} match “${search}”`];
  elsewhere.forEach(({ view: other, n, atLeast }, i) => {
    parts.push(i === 0 ? '; ' : ', ', { text: `${n}${atLeast ? '+' : ''} in ${other.label}`, href: routeTo(['calls', other.id]) });
  });
  parts.push('.');
  return parts;
}

function unfinishedParts(state, view, filter, search) {
  const what = filter.id === 'all' ? `calls in ${view.label}` : `${filter.label.toLowerCase()} calls in ${view.label}`;
  const parts = [`No ${what}${search ? ` match “${search}”` : ''} among the calls read so far; more are still to be read.`];
  const elsewhere = search ? matchesElsewhere(state) : [];
  elsewhere.forEach(({ view: other, n, atLeast }, i) => {
    parts.push(i === 0 ? ' Matches elsewhere: ' : ', ', { text: `${n}${atLeast ? '+' : ''} in ${other.label}`, href: routeTo(['calls', other.id]) });
  });
  if (elsewhere.length) parts.push('.');
  parts.push(` Use “Load more” to read on${search ? ', or narrow the search' : ''}.`);
  return parts;
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
    this.viewerTime = el('span', { class: 'viewer-time' });
    this.relative = el('span', { class: 'relative' });
    this.cells.Scheduled.append(this.when, ' ', this.viewerTime, el('br'), this.relative);
    this.actions = el('div', { class: 'row-actions' });
    this.cells.Actions.append(this.actions);
    this.call = null;
    this.update(call);
  }

  update(call) {
    const previous = this.call;
    this.call = call;
    this.badge.dataset.status = call.status;
    this.showTime();
    this.tick();
    setText(this.cells.Contact, call.contactName || '—');
    setText(this.cells.Number, call.phoneNumber);
    setText(this.cells.Attempt, attemptText(call));
    if (!previous || previous.status !== call.status || previous.dialRound !== call.dialRound) this.renderActions();
  }

  /** What moves on with the clock: the status line ("On the phone (2 min)") and the relative time. */
  tick() {
    setText(this.badge, statusLine(this.call, Date.now(), displayZone()));
    setText(this.relative, fromNow(this.call.scheduledAt));
  }

  /** "Tue 09:30 London" as the callee reads it, then "(04:30 your time)" when the viewer's clock differs: no hover needed. */
  showTime() {
    const { callee, viewer } = calleeAndViewerTimes(this.call.scheduledAt, calleeZone(this.call));
    setText(this.when, callee);
    setText(this.viewerTime, viewer ? `(${viewer})` : '');
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
