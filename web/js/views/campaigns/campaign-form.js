// <campaign-form>: creates a campaign (POST /campaigns) as a DRAFT, then opens it so that contacts can be added.
// Each API refusal is shown next to the field it names, in messages.js's words.

import { api } from '../../shared/api.js';
import { announce, el, field, showErrors } from '../../shared/dom.js';
import { go, routeTo } from '../../shell/router.js';

export class CampaignForm extends HTMLElement {
  constructor(store) {
    super();
    this.store = store;
  }

  connectedCallback() {
    if (this.form) return;
    const input = (name, attributes) => el('input', { id: `campaign-${name}`, name, 'aria-describedby': `campaign-${name}-hint campaign-${name}-error`, ...attributes });
    const hint = (name, text) => el('p', { class: 'hint', id: `campaign-${name}-hint`, text });
    const error = (name) => el('p', { class: 'field-error', id: `campaign-${name}-error` });
    this.inputs = {
      name: input('name', { type: 'text', maxlength: '200', required: true, autocomplete: 'off' }),
      message: el('textarea', { id: 'campaign-message', name: 'message', rows: '3', maxlength: '1000',
        'aria-describedby': 'campaign-message-hint campaign-message-error' }),
      callingHours: input('callingHours', { type: 'text', inputmode: 'numeric', placeholder: '09:00-19:00', autocomplete: 'off' }),
      callingDays: input('callingDays', { type: 'text', placeholder: 'Mon-Fri', autocomplete: 'off' }),
      maxCallsPerSecond: input('maxCallsPerSecond', { type: 'number', min: '0.01', step: 'any', inputmode: 'decimal' }),
    };
    this.errors = Object.fromEntries(Object.keys(this.inputs).map((name) => [name, error(name)]));
    this.general = el('p', { class: 'field-error', role: 'alert' });
    this.submit = el('button', { type: 'submit', class: 'primary', text: 'Create campaign' });
    this.form = el('form', { class: 'campaign-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.create(); } },
      field('campaign-name', 'Campaign name', this.inputs.name, null, hint('name', 'For you only; callees never hear it.'), this.errors.name),
      field('campaign-message', 'Message spoken to each contact', this.inputs.message, null,
        hint('message', 'A word in double braces is filled from the contact\'s column of that name in the CSV: '
          + '"Hello {{contactName}}, see you {{appointment}}." says each contact\'s own name and appointment.'),
        this.errors.message),
      el('div', { class: 'row' },
        field('campaign-callingHours', 'Calling hours', this.inputs.callingHours, null,
          hint('callingHours', 'Like 09:00-19:00, in each contact\'s own time. Empty: the service\'s hours.'), this.errors.callingHours),
        field('campaign-callingDays', 'Calling days', this.inputs.callingDays, null,
          hint('callingDays', 'Like Mon-Fri or Mon,Wed,Sat. Empty: every day the service calls.'), this.errors.callingDays)),
      field('campaign-maxCallsPerSecond', 'Calls per second', this.inputs.maxCallsPerSecond, null,
        hint('maxCallsPerSecond', 'How fast to start calls, such as 1 or 0.5 (one every 2 s). Empty: the service\'s pace.'),
        this.errors.maxCallsPerSecond),
      this.general,
      el('div', { class: 'actions' }, this.submit));
    this.append(this.form);
  }

  /** The request's body: what was typed, trimmed; empty fields left out (the API takes the deployment's). */
  body() {
    const body = {};
    for (const [name, input] of Object.entries(this.inputs)) {
      const value = input.value.trim();
      if (value) body[name] = name === 'maxCallsPerSecond' ? Number(value) : value;
    }
    return body;
  }

  async create() {
    const byField = Object.fromEntries(Object.entries(this.inputs).map(([name, input]) => [name, { input, message: this.errors[name] }]));
    byField.general = { message: this.general };
    showErrors(this.form, byField, null);
    const body = this.body();
    if (!body.name) {
      showErrors(this.form, byField, { field: 'name', message: 'Campaign name is needed.' });
      return;
    }
    if (this.inputs.maxCallsPerSecond.value.trim() && !(body.maxCallsPerSecond > 0)) {
      showErrors(this.form, byField, { field: 'maxCallsPerSecond', message: 'Calls per second: a number above 0, such as 1 or 0.5.' });
      return;
    }
    this.submit.disabled = true;
    try {
      const campaign = await api.createCampaign(body);
      this.form.reset();
      this.store.dispatch({ type: 'created', campaign });
      announce(`Campaign ${campaign.name} created, as a draft. Add its contacts, then start it.`);
      go(routeTo(['campaigns', campaign.id]));
    } catch (e) {
      showErrors(this.form, byField, e);
    } finally {
      this.submit.disabled = false;
    }
  }
}
