// The schedule form's "Repeat" part: the choice (rule.js builds it into an RRULE), its days, its custom rule and its
// end, and the next calls the API says the series would make (POST /series/preview, a moment after the last change),
// listed in the series' zone with each UTC offset, so that a daylight-saving change on the way shows before saving.

import { api, ApiError } from '../../shared/api.js';
import { el, field } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { DAYS, REPEATS, RuleError, occurrenceRows, seriesFields, weekdayOf } from './rule.js';

const PREVIEW_DELAY_MS = 400;
/** The fields whose refusal the preview shows as it happens; any other waits for the form to be sent. */
const RULE_FIELDS = ['rrule', 'repeatDays', 'until', 'count', 'startAt', 'timeZone', 'exdates'];

/** The list of next calls: one item per occurrence, with its offset, and a note where the clocks change. */
export function occurrenceList(occurrences, zone) {
  return occurrenceRows(occurrences, zone).map((row) => el('li', { 'data-occurrence': row.occurrence || '' },
    el('span', { class: 'occurrence-when', text: row.when }), ' ',
    el('span', { class: 'occurrence-offset', text: `(${row.offset})` }),
    row.offsetChanged ? el('span', { class: 'occurrence-note', text: ' the clocks change before this call' }) : null,
    row.moved ? el('span', { class: 'occurrence-note', text: ` ${row.occurrence.slice(11, 16)} does not exist that day: it calls at the same time after the change` }) : null));
}

export class RepeatFields {
  /**
   * @param when the form's date, time and zone (dom.js whenFields)
   * @param callFields () => the call's fields as the form holds them (sent with the preview, which reads a whole series)
   * @param prefix of the ids (none in the schedule form; another form on the page needs its own)
   * @param allowNone whether "Does not repeat" is offered (not when editing a series)
   */
  constructor(when, callFields, { prefix = '', allowNone = true } = {}) {
    this.when = when;
    this.callFields = callFields;
    const id = (name) => (prefix ? `${prefix}-${name}` : name);
    this.choice = el('select', { id: id('repeat'), name: 'repeat', 'aria-describedby': id('repeat-hint') },
      REPEATS.filter((r) => allowNone || r.id !== 'none').map((r) => el('option', { value: r.id, text: r.label })));
    this.dayBoxes = DAYS.map(([code, name]) => el('input', { type: 'checkbox', id: id(`day-${code}`), value: code }));
    this.days = el('fieldset', { class: 'repeat-days', hidden: true, 'aria-describedby': id('repeatDays-error') },
      el('legend', { text: 'On these days' }),
      el('div', { class: 'row' }, this.dayBoxes.map((box, i) => el('label', { for: box.id, class: 'day' }, box, ` ${DAYS[i][1]}`))),
      el('p', { class: 'field-error', id: id('repeatDays-error') }));
    this.custom = el('input', { id: id('rrule'), name: 'rrule', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=30', 'aria-describedby': `${id('rrule-hint')} ${id('rrule-error')}` });
    this.customField = field(id('rrule'), 'Custom rule', this.custom, 'repeat-custom',
      el('p', { class: 'hint', id: id('rrule-hint'), text: 'An RFC 5545 RRULE, in the time zone above; at most one call an hour.' }),
      el('p', { class: 'field-error', id: id('rrule-error') }));
    this.end = el('select', { id: id('repeat-end'), name: 'end' },
      el('option', { value: 'never', text: 'Never' }), el('option', { value: 'until', text: 'On a date' }),
      el('option', { value: 'count', text: 'After a number of calls' }));
    this.until = el('input', { id: id('until'), name: 'until', type: 'date', 'aria-describedby': id('until-error') });
    this.count = el('input', { id: id('count'), name: 'count', type: 'number', min: '1', max: '10000', step: '1', inputmode: 'numeric', 'aria-describedby': id('count-error') });
    this.untilField = field(id('until'), 'Last day of calls', this.until, null, el('p', { class: 'field-error', id: id('until-error') }));
    this.countField = field(id('count'), 'Number of calls', this.count, null, el('p', { class: 'field-error', id: id('count-error') }));
    this.previewList = el('ol', { class: 'occurrences', id: id('repeat-preview-list') });
    this.previewState = el('p', { class: 'hint', id: id('repeat-preview-state'), role: 'status' });
    this.preview = el('section', { class: 'repeat-preview', 'aria-labelledby': id('repeat-preview-heading'), hidden: true },
      el('h3', { id: id('repeat-preview-heading'), text: 'Next calls' }), this.previewState, this.previewList);
    this.options = el('div', { class: 'repeat-options', hidden: true },
      this.days, this.customField,
      el('div', { class: 'row' }, field(id('repeat-end'), 'Ends', this.end), this.untilField, this.countField),
      this.preview);
    this.group = el('div', { class: 'repeat' },
      field(id('repeat'), 'Repeat', this.choice, null,
        el('p', { class: 'hint', id: id('repeat-hint'), text: 'A repeating call keeps its time of day in the time zone above, across daylight-saving changes.' })),
      this.options);
    this.errors = {
      rrule: { input: this.custom, message: this.customField.querySelector('.field-error') },
      repeatDays: { input: this.dayBoxes[0], message: this.days.querySelector('.field-error') },
      until: { input: this.until, message: this.untilField.querySelector('.field-error') },
      count: { input: this.count, message: this.countField.querySelector('.field-error') },
    };
    this.choice.addEventListener('change', () => this.choiceChanged());
    this.end.addEventListener('change', () => { this.showParts(); this.schedulePreview(); });
    for (const input of [...this.dayBoxes, this.custom, this.until, this.count, when.date, when.time, when.zone]) {
      input.addEventListener(input.tagName === 'SELECT' || input.type === 'checkbox' ? 'change' : 'input', () => this.schedulePreview());
    }
    this.showParts();
  }

  /** Whether the form makes a series (a repeat other than "Does not repeat" chosen). */
  repeats() {
    return this.choice.value !== 'none';
  }

  choiceChanged() {
    // "Weekly on chosen days" starts from the first call's own day.
    if (this.choice.value === 'weekly' && !this.dayBoxes.some((b) => b.checked) && this.when.date.value) {
      const day = weekdayOf(this.when.date.value);
      this.dayBoxes.forEach((box) => { box.checked = box.value === day; });
    }
    this.showParts();
    this.schedulePreview();
    this.group.dispatchEvent(new CustomEvent('repeat-changed', { bubbles: true }));
  }

  showParts() {
    const repeat = this.choice.value;
    this.options.hidden = repeat === 'none';
    this.days.hidden = repeat !== 'weekly';
    this.customField.hidden = repeat !== 'custom';
    this.untilField.hidden = this.end.value !== 'until';
    this.countField.hidden = this.end.value !== 'count';
    this.preview.hidden = repeat === 'none';
  }

  /** The series' own fields (rrule, startAt, until or count, timeZone), or null; throws a RuleError to show. */
  fields() {
    const rule = seriesFields({
      repeat: this.choice.value, date: this.when.date.value, time: this.when.time.value,
      days: this.dayBoxes.filter((b) => b.checked).map((b) => b.value), custom: this.custom.value,
      end: this.end.value, untilDate: this.until.value, count: this.count.value,
    });
    return rule && { ...rule, timeZone: this.when.zone.value };
  }

  schedulePreview() {
    clearTimeout(this.previewTimer);
    if (!this.repeats()) return;
    this.previewTimer = setTimeout(() => this.showPreview(), PREVIEW_DELAY_MS);
  }

  /** Asks the API for the next calls of what the form holds; only the latest answer is shown. */
  async showPreview() {
    const asked = (this.asked || 0) + 1;
    this.asked = asked; // an answer still on its way is now out of date
    this.clearRuleErrors();
    if (!this.repeats()) return; // back to "Does not repeat" meanwhile
    let body;
    try {
      body = { ...this.callFields(), ...this.fields() };
    } catch (e) {
      this.showPreviewError(e);
      return;
    }
    this.previewState.textContent = 'Working out the next calls…';
    try {
      const answer = await api.previewSeries(body);
      if (asked !== this.asked) return;
      const occurrences = answer.nextOccurrences || [];
      this.previewList.replaceChildren(...occurrenceList(occurrences, body.timeZone));
      this.previewState.textContent = occurrences.length
        ? `The next ${occurrences.length === 1 ? 'call' : `${occurrences.length} calls`}, in ${body.timeZone.replaceAll('_', ' ')} time:`
        : 'This series makes no more calls.';
    } catch (e) {
      if (asked === this.asked) this.showPreviewError(e);
    }
  }

  /** A refusal of the rule next to its field (without taking the focus from what is being typed); others, in words. */
  showPreviewError(error) {
    this.previewList.replaceChildren();
    const target = this.errors[error.field] || null;
    if (error instanceof RuleError || (error instanceof ApiError && error.status === 400 && RULE_FIELDS.includes(error.field))) {
      if (target) {
        target.message.textContent = humanMessage(error);
        target.input.setAttribute('aria-invalid', 'true');
        this.previewState.textContent = 'Fix the rule to see the next calls.';
      } else {
        this.previewState.textContent = `The next calls cannot be shown: ${humanMessage(error)}`;
      }
    } else if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
      this.previewState.textContent = 'The next calls show once the rest of the form is complete (such as the phone number).';
    } else {
      this.previewState.textContent = `The next calls cannot be shown now: ${humanMessage(error)}`;
    }
  }

  clearRuleErrors() {
    for (const { input, message } of Object.values(this.errors)) {
      message.textContent = '';
      input.removeAttribute('aria-invalid');
    }
  }

  /** Back to "Does not repeat", for the next call. */
  /** Shows a choice (rule.js choiceOf), to edit it. */
  set(choice) {
    this.choice.value = choice.repeat;
    this.custom.value = choice.repeat === 'custom' ? choice.custom : '';
    this.dayBoxes.forEach((box) => { box.checked = (choice.days || []).includes(box.value); });
    this.end.value = choice.end;
    this.until.value = choice.untilDate || '';
    this.count.value = choice.count || '';
    this.showParts();
    this.schedulePreview();
  }

  reset() {
    this.choice.value = 'none';
    this.custom.value = '';
    this.end.value = 'never';
    this.until.value = '';
    this.count.value = '';
    this.dayBoxes.forEach((box) => { box.checked = false; });
    this.previewList.replaceChildren();
    this.previewState.textContent = '';
    this.showParts();
  }
}
