// The events an endpoint subscribes to, as checkboxes: "All events" (every type, also those added later) or some.
// Shared by the new endpoint's form and an endpoint's "Events" edit.

import { el } from '../../shared/dom.js';
import { EVENT_TYPES, EVERY } from './state.js';

/** {group, errorLine, value(), set(events)}: `value()` is ["*"] or the chosen types (empty when none is chosen). */
export function eventsChoice(prefix) {
  const errorLine = el('p', { class: 'field-error', id: `${prefix}-events-error` });
  const all = el('input', { type: 'checkbox', id: `${prefix}-events-all`, name: 'events', value: EVERY, checked: true });
  const boxes = EVENT_TYPES.map(([type]) => el('input', { type: 'checkbox', id: `${prefix}-event-${type}`, name: 'events', value: type }));
  const sync = () => boxes.forEach((box) => { box.disabled = all.checked; });
  all.addEventListener('change', sync);
  const group = el('fieldset', { class: 'events-choice', 'aria-describedby': errorLine.id },
    el('legend', { text: 'Events to send' }),
    el('div', { class: 'check' }, all, el('label', { for: all.id, text: 'All events, including types added later' })),
    el('ul', { class: 'event-types' }, EVENT_TYPES.map(([type, says], i) => el('li', { class: 'check' }, boxes[i],
      el('label', { for: boxes[i].id }, el('code', { text: type }), ` ${says}`)))),
    errorLine);
  sync();
  return {
    group,
    errorLine,
    focus: () => all.focus(),
    value: () => (all.checked ? [EVERY] : boxes.filter((box) => box.checked).map((box) => box.value)),
    set(events) {
      all.checked = !events || events.includes(EVERY);
      boxes.forEach((box) => { box.checked = Boolean(events) && events.includes(box.value); });
      sync();
    },
  };
}
