// <call-form>: schedule a call or call now. One Idempotency-Key per call the user means to create, and the
// buttons stay disabled while a create is on its way, so a double click or a resend makes one call.

import { api, ApiError, newIdempotencyKey } from '../../shared/api.js';
import { el, field, showErrors, whenFields } from '../../shared/dom.js';
import { wentOffline } from './live.js';
import { showCreated } from './created.js';
import { callingHoursText, outsideHoursError } from './calling-hours.js';
import { allZones, calleeAndViewerTimes, currentZoneName, viewerZone } from '../../shared/time.js';
import { RepeatFields } from '../series/repeat-fields.js';
import { createSeries } from '../series/series-create.js';

const E164 = /^\+[1-9][0-9]{6,14}$/;

/** "+44 7700 900123", "+1 (415) 555-0123", "+33.1.23.45.67.89" → digits and the "+": what people type, as the API takes it. */
export function cleanPhoneNumber(typed) {
  return typed.replace(/[\s.()\-\u00a0]/g, '');
}
// The API's lists (CallScripts.VOICES and LANGUAGES); a value it does not know is refused with a 400 naming it.
const VOICES = ['man', 'woman', 'alice', 'Polly.Joanna', 'Polly.Matthew', 'Polly.Amy', 'Polly.Brian', 'Polly.Celine',
  'Polly.Mathieu', 'Polly.Marlene', 'Polly.Hans', 'Polly.Conchita', 'Polly.Enrique', 'Polly.Carla', 'Polly.Giorgio',
  'Polly.Camila', 'Polly.Ricardo'];
const LANGUAGES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'fr-FR', 'fr-CA', 'de-DE', 'es-ES', 'es-MX', 'it-IT', 'pt-BR',
  'pt-PT', 'nl-NL', 'ja-JP'];

function choice(id, values) {
  return el('select', { id, name: id, 'aria-describedby': `${id}-error` },
    el('option', { value: '', text: 'Provider default' }), ...values.map((v) => el('option', { value: v, text: v })));
}

function errorLine(id) {
  return el('p', { class: 'field-error', id: `${id}-error` });
}

export class CallForm extends HTMLElement {
  connectedCallback() {
    const phone = el('input', {
      id: 'phoneNumber', name: 'phoneNumber', type: 'tel', autocomplete: 'tel', required: true,
      placeholder: '+14155550123', 'aria-describedby': 'phoneNumber-hint phoneNumber-error',
    });
    const hint = el('p', { class: 'hint', id: 'phoneNumber-hint', text: 'International format: +, country code, number (spaces and dashes are fine).' });
    const phoneError = el('p', { class: 'field-error', id: 'phoneNumber-error' });
    const name = el('input', { id: 'contactName', name: 'contactName', maxlength: '100', autocomplete: 'name', 'aria-describedby': 'contactName-error' });
    const notes = el('textarea', { id: 'notes', name: 'notes', maxlength: '1000', rows: '2', 'aria-describedby': 'notes-error' });
    const message = el('textarea', { id: 'message', name: 'message', maxlength: '1000', rows: '2', 'aria-describedby': 'message-error' });
    const callerId = el('input', { id: 'callerId', name: 'callerId', type: 'tel', placeholder: 'the deployment\'s number', 'aria-describedby': 'callerId-error' });
    const voice = choice('voice', VOICES);
    const language = choice('language', LANGUAGES);
    const twimlUrl = el('input', { id: 'twimlUrl', name: 'twimlUrl', type: 'url', placeholder: 'https://…', 'aria-describedby': 'twimlUrl-error' });
    this.when = whenFields('new', viewerZone);
    this.when.setTo(Date.now() + 5 * 60000);
    const calleeZone = el('input', {
      id: 'calleeTimeZone', name: 'calleeTimeZone', list: 'calleeTimeZone-zones', autocomplete: 'off',
      placeholder: 'from the number', 'aria-describedby': 'calleeTimeZone-error',
    });
    const zoneList = el('datalist', { id: 'calleeTimeZone-zones' }, ...allZones().map((z) => el('option', { value: z })));
    this.hoursHint = el('p', { class: 'hint', id: 'calling-hours', 'aria-live': 'polite' });
    this.calleeTime = el('p', { class: 'hint', id: 'callee-time', 'aria-live': 'polite' });
    this.useNextAllowed = el('button', { type: 'button', hidden: true, text: 'Use the next allowed time', onclick: () => this.takeNextAllowed() });
    const general = el('p', { class: 'field-error', id: 'form-error', role: 'alert' });
    this.repeat = new RepeatFields(this.when, () => this.callFields());
    this.scheduleButton = el('button', { type: 'submit', class: 'primary', text: 'Schedule call' });
    this.callNow = el('button', { type: 'button', text: 'Call now', onclick: () => this.submit(true) });
    this.form = el('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); this.submit(false); } },
      el('div', { class: 'row' },
        field('phoneNumber', 'Phone number', phone, null, hint, phoneError),
        field('contactName', 'Contact name (optional)', name, null, el('p', { class: 'field-error', id: 'contactName-error' }))),
      this.when.group,
      field('calleeTimeZone', 'Callee\'s zone (optional)', calleeZone, null, zoneList, errorLine('calleeTimeZone')),
      this.hoursHint, this.calleeTime, this.useNextAllowed,
      this.repeat.group,
      field('notes', 'Notes (optional)', notes, null, el('p', { class: 'field-error', id: 'notes-error' })),
      el('details', { class: 'script' }, el('summary', { text: 'What the call says, and from which number' }),
        field('message', 'Message spoken to the callee (optional)', message, null, errorLine('message')),
        el('div', { class: 'row' },
          field('voice', 'Voice', voice, null, errorLine('voice')),
          field('language', 'Language', language, null, errorLine('language')),
          field('callerId', 'Caller ID (optional)', callerId, null, errorLine('callerId'))),
        field('twimlUrl', 'Or a TwiML URL instead of a message (https)', twimlUrl, null, errorLine('twimlUrl'))),
      general,
      el('div', { class: 'actions' },
        this.scheduleButton, this.callNow));
    this.append(this.form);
    this.fields = { phone, name, notes, message, callerId, voice, language, twimlUrl, calleeZone };
    this.errors = {
      phoneNumber: { input: phone, message: phoneError },
      contactName: { input: name, message: this.form.querySelector('#contactName-error') },
      notes: { input: notes, message: this.form.querySelector('#notes-error') },
      ...Object.fromEntries(['message', 'callerId', 'voice', 'language', 'twimlUrl'].map((id) =>
        [id, { input: this.fields[id], message: this.form.querySelector(`#${id}-error`) }])),
      scheduledAt: { input: this.when.date, message: this.form.querySelector('#new-when-error') },
      timeZone: { input: this.when.zone, message: this.form.querySelector('#new-zone-error') },
      calleeTimeZone: { input: calleeZone, message: this.form.querySelector('#calleeTimeZone-error') },
      ...this.repeat.errors,
      startAt: { input: this.when.date, message: this.form.querySelector('#new-when-error') },
      general: { input: null, message: general },
    };
    // A repeating call is a series: saved with "Schedule series", and never "now".
    this.form.addEventListener('repeat-changed', () => {
      this.scheduleButton.textContent = this.repeat.repeats() ? 'Schedule series' : 'Schedule call';
      this.callNow.hidden = this.repeat.repeats();
    });
    // Checked as the user types, once there is something to check.
    phone.addEventListener('input', () => {
      const value = cleanPhoneNumber(phone.value);
      const ok = value === '' || E164.test(value);
      if (ok) phone.removeAttribute('aria-invalid');
      else phone.setAttribute('aria-invalid', 'true');
      phoneError.textContent = ok ? '' : 'Not yet a valid number: start with + and the country code, digits only (e.g. +14155550123).';
    });
    // The calling hours for the number and time, shown as they change (a moment after the last keystroke).
    for (const input of [phone, calleeZone, this.when.date, this.when.time, this.when.zone]) {
      input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => {
        clearTimeout(this.hoursTimer);
        this.hoursTimer = setTimeout(() => this.showCallingHours(), 300);
      });
    }
    // The preview reads a whole series: the number and the callee's zone matter to it too.
    for (const input of [phone, calleeZone]) {
      input.addEventListener('input', () => this.repeat.schedulePreview());
    }
  }

  /** The calling-hours query for what the form holds now, or null when the number is not yet one. */
  hoursQuery(now) {
    const phoneNumber = cleanPhoneNumber(this.fields.phone.value);
    if (!E164.test(phoneNumber)) return null;
    const query = { phoneNumber };
    const calleeTimeZone = this.fields.calleeZone.value.trim();
    if (calleeTimeZone) query.calleeTimeZone = calleeTimeZone;
    if (now) return query;
    try {
      return { ...query, ...this.when.value() };
    } catch (e) {
      return null; // no complete time yet
    }
  }

  /** Asks the API about the calling hours; null when it cannot tell (the create then checks them itself). */
  async callingHours(query) {
    if (!query) return null;
    // "Now" moves on: only a verdict for a set time is reused.
    const key = query.scheduledAt ? JSON.stringify(query) : null;
    if (key && this.lastHours && this.lastHours.key === key) return this.lastHours.verdict;
    try {
      const verdict = await api.callingHours(query);
      this.lastHours = { key, verdict };
      return verdict;
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.field) throw e; // a field to fix
      return null;
    }
  }

  async showCallingHours() {
    try {
      this.showVerdict(await this.callingHours(this.hoursQuery(false)));
    } catch (e) {
      this.showVerdict(null); // the field's own error shows when the user sends the form
    }
  }

  /** The calling hours' verdict on the typed time, what time that is for the callee, and a way to the next opening. */
  showVerdict(verdict) {
    const zone = this.when.zone.value;
    this.hoursHint.textContent = callingHoursText(verdict, zone);
    this.calleeTime.textContent = '';
    this.nextAllowedAt = verdict && !verdict.allowed ? verdict.nextAllowedAt : null;
    this.useNextAllowed.hidden = !this.nextAllowedAt;
    if (verdict && verdict.zones && verdict.zones.length && verdict.scheduledAt) {
      const { callee, viewer } = calleeAndViewerTimes(verdict.scheduledAt, currentZoneName(verdict.zones[0]), zone);
      if (viewer) this.calleeTime.textContent = `For the callee that is ${callee}.`;
    }
  }

  /** Moves the time to the calling hours' next opening (to the minute, never before it), in the form's zone. */
  takeNextAllowed() {
    if (!this.nextAllowedAt) return;
    this.when.setTo(Math.ceil(new Date(this.nextAllowedAt).getTime() / 60000) * 60000);
    showErrors(this.form, this.errors, null);
    this.when.time.focus();
    this.showCallingHours();
  }

  /** The call's own fields as typed (no time), as POST /calls and POST /series take them. */
  callFields() {
    const body = { phoneNumber: cleanPhoneNumber(this.fields.phone.value) };
    if (this.fields.name.value.trim()) body.contactName = this.fields.name.value.trim();
    if (this.fields.notes.value.trim()) body.notes = this.fields.notes.value.trim();
    if (this.fields.calleeZone.value.trim()) body.calleeTimeZone = this.fields.calleeZone.value.trim();
    for (const key of ['message', 'callerId', 'voice', 'language', 'twimlUrl']) {
      const value = this.fields[key].value.trim();
      if (value) body[key] = value;
    }
    return body;
  }

  async submit(now) {
    if (this.sending) return; // a second click while the first is on its way does nothing
    const body = this.callFields();
    if (!now && this.repeat.repeats()) {
      // Each occurrence waits for the calling hours itself (the API says so on its call): nothing to refuse here.
      this.setSending(true);
      if (await createSeries(this, body)) this.clear();
      this.setSending(false);
      return;
    }
    try {
      if (!now) Object.assign(body, this.when.value());
      else body.timeZone = this.when.zone.value;
    } catch (e) {
      showErrors(this.form, this.errors, e instanceof ApiError ? e : new ApiError(String(e)));
      return;
    }
    // A time outside the calling hours is refused here, before anything is sent. The form counts as sending
    // meanwhile, so that a second click while the check is on its way does nothing either.
    this.setSending(true);
    let refusal = null;
    try {
      const verdict = await this.callingHours(this.hoursQuery(now));
      this.showVerdict(verdict);
      refusal = outsideHoursError(verdict, this.when.zone.value);
    } catch (e) {
      refusal = e;
    }
    if (refusal) {
      showErrors(this.form, this.errors, refusal);
      this.setSending(false);
      return;
    }
    // One key per call the user means to create: a resend of the same form after an unanswered attempt
    // reuses it, so the API answers with the call already created instead of creating another.
    const fingerprint = JSON.stringify(body);
    if (!this.unconfirmed || this.unconfirmed.fingerprint !== fingerprint) {
      this.unconfirmed = { fingerprint, key: newIdempotencyKey() };
    }
    const slow = setTimeout(() => {
      this.errors.general.message.textContent = 'Still sending: the API is slow to answer. Please wait.';
    }, 3000);
    try {
      const call = await api.create(body, this.unconfirmed.key);
      this.unconfirmed = null;
      this.clear();
      this.created(call, now);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(String(e));
      if (error.status >= 400 && error.status < 500) this.unconfirmed = null; // refused: nothing was created
      showErrors(this.form, this.errors, error.timedOut
        ? new ApiError(`${error.message}. The call may already be saved: sending it again is safe, it will not be created twice.`)
        : error);
      if (error.offline && !error.timedOut) wentOffline(error);
    } finally {
      clearTimeout(slow);
      this.setSending(false);
    }
  }

  /** Empties the form for the next call (the time and the script's choices stay). */
  clear() {
    showErrors(this.form, this.errors, null);
    this.fields.phone.value = '';
    this.fields.name.value = '';
    this.fields.notes.value = '';
    this.fields.message.value = '';
    this.fields.calleeZone.value = '';
    this.showVerdict(null);
    this.resetZone();
    this.repeat.reset();
    this.form.dispatchEvent(new CustomEvent('repeat-changed'));
  }

  /** Confirms the call and shows it at once in the view where it belongs, before the API's list has it. */
  created(call, now) {
    showCreated(call, now);
    this.dispatchEvent(new CustomEvent('call-created', { bubbles: true }));
  }

  /** Each new call starts in the viewer's zone (not the last one chosen), the time typed kept as the same moment. */
  resetZone() {
    let instant = null;
    try {
      instant = new Date(this.when.value().scheduledAt).getTime();
    } catch (e) {
      // no complete time: the fields stay as they are
    }
    this.when.setZone(viewerZone);
    if (instant !== null) this.when.setTo(instant);
  }

  setSending(sending) {
    this.sending = sending;
    this.form.setAttribute('aria-busy', String(sending));
    this.form.querySelectorAll('.actions button').forEach((button) => { button.disabled = sending; });
  }
}
