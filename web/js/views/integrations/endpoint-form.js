// <endpoint-form>: registers a webhook endpoint (its URL, the events it wants, a description). The API answers its
// signing secret once: the view shows it (secret-notice.js) and nothing shows it again.

import { api } from '../../shared/api.js';
import { announce, el, field, showErrors } from '../../shared/dom.js';
import { eventsChoice } from './events-choice.js';

export class EndpointForm extends HTMLElement {
  constructor(store) {
    super();
    this.store = store;
  }

  connectedCallback() {
    if (this.form) return;
    this.url = el('input', { id: 'endpoint-url', name: 'url', type: 'url', required: true, autocomplete: 'off',
      placeholder: 'https://example.com/webhooks', 'aria-describedby': 'endpoint-url-hint endpoint-url-error' });
    this.urlError = el('p', { class: 'field-error', id: 'endpoint-url-error' });
    this.events = eventsChoice('endpoint');
    this.description = el('input', { id: 'endpoint-description', name: 'description', type: 'text', maxlength: '500',
      'aria-describedby': 'endpoint-description-error' });
    this.descriptionError = el('p', { class: 'field-error', id: 'endpoint-description-error' });
    this.generalError = el('p', { class: 'field-error', role: 'alert' });
    this.submit = el('button', { type: 'submit', class: 'primary', text: 'Add the endpoint' });
    this.form = el('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); this.create(); } },
      field('endpoint-url', 'Endpoint URL', this.url, null,
        el('p', { class: 'hint', id: 'endpoint-url-hint', text: 'The address of your system that receives the events; https, at a public address.' }),
        this.urlError),
      this.events.group,
      field('endpoint-description', 'Description (optional)', this.description, null, this.descriptionError),
      this.generalError,
      el('div', { class: 'actions' }, this.submit));
    this.append(this.form);
  }

  async create() {
    const errors = {
      url: { input: this.url, message: this.urlError },
      events: { input: null, message: this.events.errorLine },
      description: { input: this.description, message: this.descriptionError },
      general: { message: this.generalError },
    };
    showErrors(this.form, errors, null);
    const url = this.url.value.trim();
    const events = this.events.value();
    if (!url) {
      showErrors(this.form, errors, { field: 'url', message: 'Endpoint URL is needed: the address that receives the events.' });
      return;
    }
    if (!events.length) {
      showErrors(this.form, errors, { field: 'events', message: 'Events: choose at least one, or all.' });
      this.events.focus();
      return;
    }
    const description = this.description.value.trim();
    this.submit.disabled = true;
    try {
      const created = await api.createWebhookEndpoint({ url, events, ...(description ? { description } : {}) });
      const { secret, ...endpoint } = created;
      this.store.dispatch({ type: 'created', endpoint, secret });
      this.form.reset();
      this.events.set(null);
      announce(`Endpoint ${endpoint.url} added. Copy its signing secret now: it will not be shown again.`);
    } catch (e) {
      showErrors(this.form, errors, e);
      if (e.field === 'events') this.events.focus();
    } finally {
      this.submit.disabled = false;
    }
  }
}
