// The page: custom elements over one store (live.js), each in its own module. Data from the API is only ever
// written with textContent, so a name such as <img src=x onerror=alert(1)> is shown as those characters and
// never runs.

import { configured, useApiKeys } from './api.js';
import { ApiKeyControl, keyAccepted, keyRefused, storedKey } from './api-key.js';
import { CallForm } from './call-form.js';
import { CallList } from './call-list.js';
import { loadFirstPage, schedulePoll, store } from './live.js';

/** Says when the API cannot be reached, and how often it is being retried. */
class ConnectionStatus extends HTMLElement {
  connectedCallback() {
    this.setAttribute('role', 'status');
    this.render(store.state);
    store.subscribe((state) => this.render(state));
  }

  render(state) {
    this.hidden = state.online;
    this.textContent = state.online ? ''
      : `The API cannot be reached; retrying${state.retryInSeconds ? ` every ${state.retryInSeconds} s` : ''}. What you see may be out of date.`;
  }
}

useApiKeys({ current: storedKey, refused: keyRefused, accepted: keyAccepted });
// A key entered from the header (not in answer to a refused request): show what it opens at once.
window.addEventListener('api-key-entered', () => {
  store.dispatch({ type: 'key-entered' });
  loadFirstPage();
});
window.addEventListener('api-key-forgotten', () => store.dispatch({ type: 'key-needed' }));

customElements.define('connection-status', ConnectionStatus);
customElements.define('api-key-control', ApiKeyControl);
customElements.define('call-form', CallForm);
customElements.define('call-list', CallList);

if (!configured()) {
  store.dispatch({ type: 'offline', retryInSeconds: 0 });
}
store.dispatch({ type: 'filter-changed', filter: 'all' });
loadFirstPage().then(schedulePoll);
