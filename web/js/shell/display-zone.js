// <display-zone-choice>: the header's "Show times in": the viewer's own zone, UTC or any zone, kept in this browser.
// It sets what "your time" and the timeline are told in; a call's callee time stays in the callee's zone.

import { el } from '../shared/dom.js';
import { allZones, chooseDisplayZone, displayZoneChoice, viewerZone, zoneCity } from '../shared/time.js';

export class DisplayZoneChoice extends HTMLElement {
  connectedCallback() {
    const chosen = displayZoneChoice();
    const select = el('select', { id: 'display-zone', onchange: (e) => chooseDisplayZone(e.target.value) },
      el('option', { value: 'mine', text: `My zone (${zoneCity(viewerZone)})`, selected: chosen === 'mine' }),
      allZones().map((z) => el('option', { value: z, text: z.replaceAll('_', ' '), selected: z === chosen })));
    this.append(el('label', { for: 'display-zone', text: 'Show times in' }), select);
  }
}
