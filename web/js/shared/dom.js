// Small DOM helpers and the pieces the form and the dialogs share. Text from the API only ever goes in
// through textContent (el's `text`, setText), never as markup.

import { ApiError } from './api.js';
import { humanMessage, supportDetail } from './messages.js';
import { allZones, currentZoneName, isoWithOffset, toInputs, toInstant, zoneCity } from './time.js';

export function announce(message) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  // A fresh text node makes screen readers read a repeated message again.
  requestAnimationFrame(() => { announcer.textContent = message; });
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  children.flat().forEach((child) => child && node.append(child));
  return node;
}

/** A label and its control, side by side in the DOM, so the label's text is the control's whole name. */
export function field(id, text, control, extraClass, ...after) {
  return el('div', { class: extraClass ? `field ${extraClass}` : 'field' }, el('label', { for: id, text }), control, ...after);
}

export function describeCall(call) {
  return call.contactName ? `${call.contactName} (${call.phoneNumber})` : call.phoneNumber;
}

export function statusLabel(status) {
  return status.replace('_', ' ').toLowerCase();
}

export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** "Time, in Paris time": the time field's label says which zone the time is typed in. */
function timeLabel(zone) {
  return zone === 'UTC' ? 'Time, in UTC' : `Time, in ${zoneCity(zone)} time`;
}

/** Date, time (to the minute: no seconds field) and zone inputs for "when", with the zone shown and changeable. */
export function whenFields(prefix, zone) {
  const zoneSelect = el('select', { id: `${prefix}-zone`, name: 'timeZone', 'aria-describedby': `${prefix}-zone-error` },
    allZones().map((z) => el('option', { value: z, text: z.replaceAll('_', ' '), selected: z === zone })));
  const date = el('input', { id: `${prefix}-date`, name: 'date', type: 'date', required: true, 'aria-describedby': `${prefix}-when-error` });
  const time = el('input', { id: `${prefix}-time`, name: 'time', type: 'time', step: '60', required: true, 'aria-describedby': `${prefix}-when-error` });
  const timeField = field(`${prefix}-time`, timeLabel(zone), time);
  const showZone = () => { timeField.querySelector('label').textContent = timeLabel(zoneSelect.value); };
  zoneSelect.addEventListener('change', showZone);
  const group = el('fieldset', { class: 'when' },
    el('legend', { text: 'When' }),
    el('div', { class: 'row' },
      field(`${prefix}-date`, 'Date', date),
      timeField,
      field(`${prefix}-zone`, 'Time zone', zoneSelect)),
    el('p', { class: 'field-error', id: `${prefix}-when-error` }),
    el('p', { class: 'field-error', id: `${prefix}-zone-error` }));
  return {
    group, date, time, zone: zoneSelect,
    /** Shows the zone (by its current name) and says so in the time's label; the date and time stay as typed. */
    setZone(newZone) {
      zoneSelect.value = currentZoneName(newZone);
      showZone();
    },
    setTo(epochMs) {
      const inputs = toInputs(epochMs, zoneSelect.value);
      date.value = inputs.date;
      time.value = inputs.time;
    },
    /** {scheduledAt, timeZone} for the API, or throws a field error the form shows. */
    value() {
      if (!date.value || !time.value) throw new ApiError('Choose a date and a time', { field: 'scheduledAt' });
      const instant = toInstant(date.value, time.value, zoneSelect.value);
      if (instant === null) {
        throw new ApiError(`${time.value} does not exist on ${date.value} in ${zoneSelect.value} (the clocks change)`,
          { field: 'scheduledAt' });
      }
      return { scheduledAt: isoWithOffset(instant, zoneSelect.value), timeZone: zoneSelect.value };
    },
  };
}

/** Shows an API or local error next to the field it names (or in the form's general error line). */
export function showErrors(form, errorsByField, error) {
  form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  form.querySelectorAll('details.support').forEach((details) => details.remove());
  if (!error) return;
  const target = errorsByField[error.field] || errorsByField.general;
  target.message.textContent = humanMessage(error);
  const detail = supportDetail(error);
  if (detail) target.message.after(supportDetails(detail));
  if (target.input) {
    const folded = target.input.closest('details');
    if (folded) folded.open = true; // the field at fault must be visible to be fixed
    target.input.setAttribute('aria-invalid', 'true');
    target.input.focus();
  }
}

/** The API's precise message, one click away for whoever helps the person. */
export function supportDetails(text) {
  return el('details', { class: 'support' }, el('summary', { text: 'Details for support' }), el('code', { text }));
}
