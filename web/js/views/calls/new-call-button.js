// <new-call-button>: below a wide screen the list comes first and the form is folded behind this button (styles.css
// shows the button and folds the form only there; a wide screen has the form beside the list). A call made folds it again.

import { el } from '../../shared/dom.js';

export class NewCallButton extends HTMLElement {
  connectedCallback() {
    this.panel = document.getElementById(this.getAttribute('for'));
    this.button = el('button', {
      type: 'button', class: 'primary', text: 'New call', 'aria-controls': this.panel.id, 'aria-expanded': 'false',
      onclick: () => this.unfold(this.button.getAttribute('aria-expanded') !== 'true'),
    });
    this.append(this.button);
    this.panel.addEventListener('call-created', () => this.unfold(false));
  }

  unfold(open) {
    this.button.setAttribute('aria-expanded', String(open));
    this.panel.classList.toggle('unfolded', open);
    if (open) {
      this.panel.scrollIntoView({ block: 'start' });
      this.panel.querySelector('input').focus();
    }
  }
}
