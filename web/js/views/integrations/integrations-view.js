// <integrations-view>: the Integrations section, the webhook endpoints that receive the events. #/integrations lists
// them (URL, events, description, enabled or disabled, the last delivery's status) beside the form that adds one;
// #/integrations/<id> shows one (endpoint-detail.js) with its delivery log. A signing secret is shown once, above
// both (secret-notice.js). What is shown is read again every few seconds while the tab is visible and this view is
// shown, and not at all otherwise.

import { api } from '../../shared/api.js';
import { el } from '../../shared/dom.js';
import { PolledSection } from '../../shared/polled-section.js';
import { humanMessage } from '../../shared/messages.js';
import { viewerZone } from '../../shared/time.js';
import { routeTo } from '../../shell/router.js';
import { createStore } from '../calls/state.js';
import { DeliveryLog } from './delivery-log.js';
import { EndpointDetail } from './endpoint-detail.js';
import { EndpointForm } from './endpoint-form.js';
import { SecretNotice } from './secret-notice.js';
import {
  endpointGone, enabledText, eventsText, initialState, lastDeliveryText, reduce,
} from './state.js';

const POLL_MS = 5000;
const PAGE_SIZE = 50;

export const store = createStore(reduce, initialState);

export class IntegrationsView extends PolledSection {
  /** Built when first shown, so that the other sections never carry this view's fields. */
  build() {
    if (this.built) return;
    this.built = true;
    this.rows = el('tbody');
    this.summary = el('p', { class: 'endpoints-summary' });
    this.table = el('table', { class: 'endpoint-list' },
      el('caption', { class: 'visually-hidden', text: 'Webhook endpoints' }),
      el('thead', {}, el('tr', {}, ['Endpoint URL', 'Events', 'Description', 'State', 'Last delivery']
        .map((h) => el('th', { scope: 'col', text: h })))),
      this.rows);
    this.more = el('button', { type: 'button', text: 'Show more', hidden: true, onclick: () => this.loadList(store.state.nextToken) });
    this.listError = el('p', { class: 'field-error', role: 'alert' });
    this.list = el('div', { class: 'integrations-list' },
      el('div', { class: 'endpoints-all' }, el('h3', { text: 'Webhook endpoints' }),
        el('p', { text: 'Your own systems hear of calls, contacts and campaigns as they happen: each event an endpoint wants is sent to its URL, signed with its secret.' }),
        this.summary, el('div', { class: 'table-wrap' }, this.table), this.more, this.listError),
      el('section', { class: 'endpoint-new', 'aria-labelledby': 'endpoint-new-heading' },
        el('h3', { id: 'endpoint-new-heading', text: 'New endpoint' }), new EndpointForm(store)));
    this.detail = new EndpointDetail(store, (after) => this.poll(after));
    this.append(new SecretNotice(store), this.list, this.detail);
    store.subscribe((state, previous) => this.render(state, previous));
    this.pollWhileVisible();
  }

  get store() {
    return store;
  }

  /** Reads what is shown again (`afterDelivery`: the delivery log's next page, added below). */
  async poll(afterDelivery = null) {
    clearTimeout(this.timer);
    if (!this.active) return;
    const { openId } = store.state;
    if (openId) {
      await Promise.all([this.loadEndpoint(openId), this.loadDeliveries(openId, afterDelivery)]);
    } else {
      await this.loadList(null);
    }
    if (this.active && !document.hidden) this.timer = setTimeout(() => this.poll(), POLL_MS);
  }

  async loadEndpoint(id) {
    try {
      store.dispatch({ type: 'endpoint-loaded', endpoint: await api.webhookEndpoint(id) });
    } catch (e) {
      store.dispatch({ type: 'endpoint-failed', id, error: e });
    }
  }

  async loadDeliveries(id, after) {
    if (store.state.deliveryLog === 'gone') return; // deleted meanwhile: nothing more to read
    try {
      const page = await api.webhookDeliveries(id, after);
      store.dispatch({ type: 'deliveries-loaded', id, items: page.items, nextToken: page.nextToken, append: Boolean(after) });
    } catch (e) {
      store.dispatch({ type: 'deliveries-failed', id, error: e });
    }
  }

  async loadList(after) {
    try {
      const page = await api.webhookEndpoints(after, PAGE_SIZE);
      store.dispatch({ type: 'list-loaded', items: page.items, nextToken: page.nextToken, append: Boolean(after) });
      await Promise.all(page.items.map((endpoint) => this.loadLastDelivery(endpoint.id)));
    } catch (e) {
      store.dispatch({ type: 'list-failed', error: e });
    }
  }

  async loadLastDelivery(id) {
    if (!store.state.lastDeliveries[id]) store.dispatch({ type: 'last-delivery', id, summary: { kind: 'loading' } });
    let summary;
    try {
      const page = await api.webhookDeliveries(id, null, 1);
      summary = page.items.length ? { kind: 'delivery', delivery: page.items[0] } : { kind: 'none' };
    } catch (e) {
      summary = endpointGone(e) ? { kind: 'gone' } : { kind: 'error' };
    }
    store.dispatch({ type: 'last-delivery', id, summary });
  }

  render(state, previous) {
    // Rebuilt only when what it shows changed, so that a poll does not take the focus from a link.
    const shown = JSON.stringify(state.endpoints.map((e) => [e, lastDeliveryText(state.lastDeliveries[e.id], viewerZone)]));
    if (shown !== this.shown) {
      this.shown = shown;
      this.rows.replaceChildren(...state.endpoints.map((endpoint) => row(endpoint, state.lastDeliveries[endpoint.id])));
      const count = state.endpoints.length;
      this.table.hidden = count === 0;
      this.summary.textContent = count === 0 ? 'No endpoints yet: add one with the form.'
        : `${count}${state.nextToken ? ' or more' : ''} endpoint${count === 1 ? '' : 's'}.`;
    }
    this.more.hidden = !state.nextToken;
    this.listError.textContent = state.listError ? `Could not load the endpoints: ${humanMessage(state.listError)}` : '';
  }
}

function row(endpoint, lastDelivery) {
  return el('tr', { 'data-id': endpoint.id },
    el('td', {}, el('a', { href: routeTo(['integrations', endpoint.id]), text: endpoint.url })),
    el('td', { text: eventsText(endpoint.events) }),
    el('td', { text: endpoint.description || '' }),
    el('td', {}, el('span', { class: 'endpoint-enabled', 'data-disabled': String(endpoint.disabled), text: enabledText(endpoint) })),
    el('td', { class: 'endpoint-last-delivery', text: lastDeliveryText(lastDelivery, viewerZone) }));
}

customElements.define('endpoint-form', EndpointForm);
customElements.define('endpoint-detail', EndpointDetail);
customElements.define('delivery-log', DeliveryLog);
customElements.define('secret-notice', SecretNotice);
