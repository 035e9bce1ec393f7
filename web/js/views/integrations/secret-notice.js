// <secret-notice>: a signing secret, shown once (after a create or a rotation) with a copy button, and the words that
// it will not be shown again. "I have saved it" forgets it on the page too.

import { announce, el } from '../../shared/dom.js';
import { formatInZone, viewerZone } from '../../shared/time.js';

export class SecretNotice extends HTMLElement {
  constructor(store) {
    super();
    this.store = store;
  }

  connectedCallback() {
    if (this.box) return;
    this.heading = el('h3', { id: 'secret-heading', tabindex: '-1' });
    this.says = el('p', { class: 'secret-says' });
    this.value = el('code', { class: 'secret-value', id: 'secret-value' });
    this.copyStatus = el('p', { class: 'hint', role: 'status' });
    this.box = el('section', { class: 'secret-notice', 'aria-labelledby': 'secret-heading' },
      this.heading, this.says,
      el('p', {}, this.value),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', text: 'Copy the secret', onclick: () => this.copy() }),
        el('button', { type: 'button', text: 'I have saved it', onclick: () => this.store.dispatch({ type: 'secret-dismissed' }) })),
      this.copyStatus);
    this.append(this.box);
    this.hidden = true;
    this.store.subscribe((state, previous) => { if (state.secret !== previous.secret) this.render(state.secret); });
  }

  render(secret) {
    this.hidden = !secret;
    if (!secret) {
      this.value.textContent = '';
      return;
    }
    this.heading.textContent = secret.why === 'rotated' ? 'The new signing secret' : 'The endpoint\'s signing secret';
    const previous = secret.previousSecretExpiresAt
      ? ` The previous secret keeps signing too until ${formatInZone(secret.previousSecretExpiresAt, viewerZone, true)}, so that you can switch without losing an event.` : '';
    this.says.textContent = 'Copy it now into your receiver\'s configuration: it verifies that the events come from '
      + `this service. It will not be shown again.${previous}`;
    this.value.textContent = secret.secret;
    this.copyStatus.textContent = '';
    this.heading.focus();
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.value.textContent);
      this.copyStatus.textContent = 'Copied.';
    } catch (e) {
      // No clipboard (an insecure address, or refused): select it so that Ctrl+C copies it.
      window.getSelection().selectAllChildren(this.value);
      this.copyStatus.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.';
    }
    announce(this.copyStatus.textContent);
  }
}
