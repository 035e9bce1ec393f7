// <app-nav>: the page's sections. Data-driven: a section a later issue builds is one entry here, marked ready
// when its view exists; until then it is named as coming, never a link to nothing.

import { el } from '../shared/dom.js';
import { currentRoute } from './router.js';

export const SECTIONS = [
  { id: 'calls', label: 'Calls', href: '#/calls/now', ready: true },
  { id: 'series', label: 'Series', href: '#/series', ready: true },
  { id: 'campaigns', label: 'Campaigns', href: '#/campaigns', ready: true },
  { id: 'do-not-call', label: 'Do not call', href: '#/do-not-call', ready: true },
  { id: 'integrations', label: 'Integrations', href: '#/integrations', ready: true },
  { id: 'reports', label: 'Reports', href: '#/reports', ready: true },
];

export class AppNav extends HTMLElement {
  connectedCallback() {
    const ready = SECTIONS.filter((s) => s.ready);
    const coming = SECTIONS.filter((s) => !s.ready);
    this.links = ready.map((s) => el('a', { href: s.href, 'data-section': s.id, text: s.label }));
    this.append(el('nav', { 'aria-label': 'Sections' },
      el('ul', {}, this.links.map((a) => el('li', {}, a))),
      coming.length ? el('p', { class: 'coming', text: `Coming later: ${coming.map((s) => s.label).join(', ')}` }) : null));
    this.render();
    window.addEventListener('hashchange', () => this.render());
  }

  render() {
    const [section] = currentRoute().path;
    for (const link of this.links) {
      if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }
}
