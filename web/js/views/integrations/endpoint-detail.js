// <endpoint-detail>: one webhook endpoint (#/integrations/<id>): its URL, events and state; disable or enable it,
// change its events, rotate its signing secret (the new one shown once), delete it after a confirmation, send it a
// test event, and its delivery log (delivery-log.js).

import { api } from '../../shared/api.js';
import { announce, el } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { go } from '../../shell/router.js';
import { DeliveryLog } from './delivery-log.js';
import { eventsChoice } from './events-choice.js';
import { enabledText, eventsText } from './state.js';

export class EndpointDetail extends HTMLElement {
  /** `refresh(after)` reads the endpoint and its delivery log again (the log's next page after `after`). */
  constructor(store, refresh) {
    super();
    this.store = store;
    this.refresh = refresh;
  }

  connectedCallback() {
    if (this.heading) return;
    this.heading = el('h3', { class: 'endpoint-url', tabindex: '-1' });
    this.stateLine = el('p', { class: 'endpoint-state' });
    this.description = el('p', { class: 'endpoint-description' });
    this.eventsLine = el('p', { class: 'endpoint-events' });
    this.loadError = el('p', { class: 'field-error', role: 'alert' });
    this.toggle = el('button', { type: 'button', onclick: () => this.setDisabled(!this.store.state.endpoint.disabled) });
    this.test = el('button', { type: 'button', class: 'primary', text: 'Send a test event', onclick: () => this.sendTest() });
    this.rotate = el('button', { type: 'button', text: 'Rotate the signing secret', onclick: () => this.rotateSecret() });
    this.remove = el('button', { type: 'button', class: 'danger', text: 'Delete the endpoint', onclick: () => this.askDelete() });
    this.actionStatus = el('p', { class: 'hint endpoint-action-status', role: 'status' });
    this.actionError = el('p', { class: 'field-error', role: 'alert' });

    this.events = eventsChoice('endpoint-edit');
    this.eventsForm = el('form', { class: 'endpoint-events-edit', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.saveEvents(); } },
      this.events.group, el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Save the events' })));
    this.eventsEdit = el('details', { class: 'endpoint-events-details' }, el('summary', { text: 'Change the events' }), this.eventsForm);

    this.deleteText = el('p', { id: 'endpoint-delete-text' });
    this.deleteError = el('p', { class: 'field-error', role: 'alert' });
    this.deleteDialog = el('dialog', { id: 'endpoint-delete-dialog', 'aria-labelledby': 'endpoint-delete-title', 'aria-describedby': 'endpoint-delete-text' },
      el('h2', { id: 'endpoint-delete-title', text: 'Delete this endpoint?' }), this.deleteText, this.deleteError,
      el('div', { class: 'actions' },
        el('button', { type: 'button', text: 'Keep it', onclick: () => this.deleteDialog.close() }),
        el('button', { type: 'button', class: 'danger', text: 'Delete', onclick: () => this.confirmDelete() })));
    this.deleteDialog.addEventListener('close', () => { if (this.remove.isConnected && !this.deleted) this.remove.focus(); });

    this.log = new DeliveryLog(this.store, (after) => this.refresh(after));
    this.append(
      el('p', {}, el('a', { href: '#/integrations', text: 'All endpoints' })),
      this.heading, this.stateLine, this.description, this.eventsLine, this.loadError,
      el('div', { class: 'actions endpoint-actions' }, this.test, this.toggle, this.rotate, this.remove),
      this.actionStatus, this.actionError, this.eventsEdit,
      el('section', { class: 'endpoint-deliveries', 'aria-labelledby': 'endpoint-deliveries-heading' },
        el('h4', { id: 'endpoint-deliveries-heading', text: 'Deliveries' }), this.log),
      this.deleteDialog);
    this.store.subscribe((state, previous) => this.render(state, previous));
  }

  render(state, previous) {
    const { endpoint } = state;
    this.loadError.textContent = state.endpointError ? `Could not load the endpoint: ${humanMessage(state.endpointError)}` : '';
    this.actionError.textContent = state.actionError ? humanMessage(state.actionError) : '';
    this.actionStatus.textContent = state.actionDone || '';
    [this.test, this.toggle, this.rotate, this.remove].forEach((button) => { button.disabled = Boolean(state.busy) || !endpoint; });
    if (endpoint === previous.endpoint && state.openId === previous.openId) return;
    if (!endpoint) {
      this.heading.textContent = state.openId ? 'Loading the endpoint…' : '';
      [this.stateLine, this.description, this.eventsLine].forEach((p) => { p.textContent = ''; });
      this.toggle.textContent = 'Disable';
      return;
    }
    this.heading.textContent = endpoint.url;
    this.stateLine.textContent = endpoint.disabled
      ? 'Disabled: nothing is sent to it until it is enabled again.' : 'Enabled: the events it wants are sent to it.';
    this.stateLine.dataset.state = enabledText(endpoint).toLowerCase();
    this.description.textContent = endpoint.description || '';
    this.eventsLine.textContent = `Events: ${eventsText(endpoint.events)}.`;
    this.toggle.textContent = endpoint.disabled ? 'Enable' : 'Disable';
    if (!previous.endpoint || previous.endpoint.id !== endpoint.id
        || String(previous.endpoint.events) !== String(endpoint.events)) this.events.set(endpoint.events);
  }

  /** Runs an action on the endpoint shown, one at a time, saying what it did or why not. */
  async act(name, work) {
    this.store.dispatch({ type: 'action-started', action: name });
    try {
      await work(this.store.state.endpoint);
    } catch (e) {
      this.store.dispatch({ type: 'action-done', error: e });
    }
  }

  setDisabled(disabled) {
    return this.act('toggle', async (endpoint) => {
      const changed = await api.editWebhookEndpoint(endpoint.id, { disabled });
      const done = disabled ? 'Disabled: nothing is sent to it now.' : 'Enabled: events are sent to it again.';
      this.store.dispatch({ type: 'action-done', endpoint: changed, done });
      announce(done);
    });
  }

  saveEvents() {
    const events = this.events.value();
    this.events.errorLine.textContent = '';
    if (!events.length) {
      this.events.errorLine.textContent = 'Events: choose at least one, or all.';
      this.events.focus();
      return undefined;
    }
    return this.act('events', async (endpoint) => {
      const changed = await api.editWebhookEndpoint(endpoint.id, { events });
      this.store.dispatch({ type: 'action-done', endpoint: changed, done: `Events saved: ${eventsText(changed.events)}.` });
      this.eventsEdit.open = false;
      announce('Events saved.');
    });
  }

  rotateSecret() {
    return this.act('rotate', async (endpoint) => {
      const rotated = await api.rotateWebhookSecret(endpoint.id);
      this.store.dispatch({ type: 'rotated', id: endpoint.id, secret: rotated.secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt });
      announce('A new signing secret: copy it now, it will not be shown again.');
    });
  }

  sendTest() {
    return this.act('test', async (endpoint) => {
      await api.sendTestEvent(endpoint.id);
      this.store.dispatch({ type: 'action-done', done: 'A test event is on its way; it shows below once sent.' });
      announce('A test event is on its way.');
      this.refresh();
    });
  }

  async confirmDelete() {
    const { endpoint } = this.store.state;
    this.deleteError.textContent = '';
    try {
      await api.deleteWebhookEndpoint(endpoint.id);
    } catch (e) {
      if (e.status !== 404) {
        this.deleteError.textContent = humanMessage(e);
        return;
      }
    }
    this.deleted = true;
    this.deleteDialog.close();
    this.deleted = false;
    this.store.dispatch({ type: 'deleted', id: endpoint.id });
    announce(`The endpoint ${endpoint.url} was deleted: nothing is sent to it any more.`);
    go('#/integrations');
  }

  askDelete() {
    const { endpoint } = this.store.state;
    this.deleteText.textContent = `${endpoint.url} will receive no more events, and its signing secret is deleted. This cannot be undone.`;
    this.deleteError.textContent = '';
    this.deleteDialog.showModal();
  }
}
