// <action-notice>: the confirmation of what the person just did ("Calling Ada now", with a link to the call).
// It stays until dismissed or replaced by the next one; screen readers read it from its status role.

import { el } from '../shared/dom.js';

let current = null;

/** Shows a confirmation, replacing the one shown; `link` is {href, text}. */
export function confirmAction(text, link) {
  if (current) current.show(text, link);
}

export class ActionNotice extends HTMLElement {
  connectedCallback() {
    this.setAttribute('role', 'status');
    this.message = el('span', { class: 'notice-text' });
    this.link = el('a', { class: 'notice-link' });
    this.dismiss = el('button', { type: 'button', class: 'quiet', text: 'Dismiss', onclick: () => this.clear() });
    this.box = el('div', { class: 'notice', hidden: true }, this.message, ' ', this.link, this.dismiss);
    this.append(this.box);
    current = this;
  }

  show(text, link) {
    this.message.textContent = text;
    this.link.hidden = !link;
    if (link) {
      this.link.href = link.href;
      this.link.textContent = link.text;
    }
    this.box.hidden = false;
  }

  clear() {
    this.box.hidden = true;
    this.message.textContent = '';
  }
}
