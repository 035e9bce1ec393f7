// <delivery-log>: an endpoint's deliveries, newest first: when, the event type, the status code, the latency, the
// outcome and the attempts, each attempt's answer (its first 1 KB) one click away, and "Replay" on a failed one.

import { api } from '../../shared/api.js';
import { announce, el } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { formatInZone, viewerZone } from '../../shared/time.js';
import {
  attemptText, attemptsText, lastAttempt, latencyText, outcomeText, replayable, statusCodeText,
} from './state.js';

export class DeliveryLog extends HTMLElement {
  constructor(store, refresh) {
    super();
    this.store = store;
    this.refresh = refresh;
  }

  connectedCallback() {
    if (this.rows) return;
    this.summary = el('p', { class: 'deliveries-summary', role: 'status' });
    this.rows = el('tbody');
    this.table = el('table', { class: 'delivery-log' },
      el('caption', { class: 'visually-hidden', text: 'Deliveries to this endpoint, newest first' }),
      el('thead', {}, el('tr', {}, ['Time', 'Event', 'Status code', 'Latency', 'Outcome', 'Attempts', 'Actions']
        .map((h) => el('th', { scope: 'col', text: h })))),
      this.rows);
    this.more = el('button', { type: 'button', text: 'Show more', hidden: true, onclick: () => this.refresh(this.store.state.deliveriesNextToken) });
    this.error = el('p', { class: 'field-error', role: 'alert' });
    this.append(el('div', { class: 'table-wrap' }, this.table), this.more, this.summary, this.error);
    this.store.subscribe((state, previous) => this.render(state, previous));
    this.render(this.store.state, {});
  }

  render(state, previous) {
    this.error.textContent = state.deliveriesError ? `Could not load the deliveries: ${humanMessage(state.deliveriesError)}` : '';
    // Rebuilt only when what it shows changed, so that a poll neither moves the focus nor folds an answer being read.
    const shown = JSON.stringify([state.deliveries, state.deliveryLog, Boolean(state.busy)]);
    if (shown !== this.shown) {
      this.shown = shown;
      const open = new Set([...this.rows.querySelectorAll('details[open]')].map((d) => d.closest('tr').dataset.messageId));
      const active = this.rows.contains(document.activeElement) ? document.activeElement : null;
      const focused = active && { id: active.closest('tr').dataset.messageId, tag: active.tagName.toLowerCase() };
      this.rows.replaceChildren(...state.deliveries.map((delivery) => this.row(delivery, state.busy)));
      this.rows.querySelectorAll('tr').forEach((tr) => {
        const details = tr.querySelector('details');
        if (details && open.has(tr.dataset.messageId)) details.open = true;
        const again = focused && tr.dataset.messageId === focused.id && tr.querySelector(focused.tag);
        if (again) again.focus();
      });
      this.table.hidden = state.deliveries.length === 0;
      this.summary.textContent = state.deliveryLog === 'gone' ? 'This endpoint no longer exists: it was deleted, and its delivery log with it.'
        : state.deliveryLog === 'loading' ? 'Loading the deliveries…'
          : state.deliveries.length === 0 ? 'Nothing has been sent to this endpoint yet.' : '';
    }
    this.more.hidden = !state.deliveriesNextToken;
  }

  row(delivery, busy) {
    const attempt = lastAttempt(delivery);
    const when = delivery.lastAttemptAt || delivery.createdAt;
    const replay = replayable(delivery) ? el('button', { type: 'button', text: 'Replay', disabled: Boolean(busy),
      'aria-label': `Replay the ${delivery.eventType} event ${delivery.id}`, onclick: () => this.replay(delivery) }) : null;
    return el('tr', { 'data-message-id': delivery.id, 'data-state': delivery.state },
      el('td', { text: when ? formatInZone(when, viewerZone, true) : '' }),
      el('td', {}, el('code', { text: delivery.eventType })),
      el('td', { text: statusCodeText(attempt) }),
      el('td', { text: latencyText(attempt) }),
      el('td', { class: 'delivery-outcome', text: outcomeText(delivery, viewerZone) }),
      el('td', {}, attempts(delivery)),
      el('td', {}, replay));
  }

  async replay(delivery) {
    const { openId } = this.store.state;
    this.store.dispatch({ type: 'action-started', action: `replay:${delivery.id}` });
    try {
      await api.replayDelivery(openId, delivery.id);
      this.store.dispatch({ type: 'action-done', done: `The ${delivery.eventType} event is being sent again.` });
      announce(`The ${delivery.eventType} event is being sent again.`);
    } catch (e) {
      this.store.dispatch({ type: 'action-done', error: e });
    }
    this.refresh();
  }
}

/** "2 attempts", unfolding to each attempt: its time, status code (or why none), latency, outcome and the answer's first 1 KB. */
function attempts(delivery) {
  const list = delivery.attempts || [];
  if (!list.length) return document.createTextNode(attemptsText(delivery));
  return el('details', { class: 'attempts' },
    el('summary', { text: attemptsText(delivery) }),
    el('ol', {}, list.map((attempt, i) => el('li', {},
      el('p', { text: attemptText(attempt, viewerZone, list[i - 1]) }),
      attempt.response ? el('pre', { class: 'attempt-response', text: attempt.response })
        : el('p', { class: 'hint', text: 'No answer body.' })))));
}
