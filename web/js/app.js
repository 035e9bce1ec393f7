// The page: a shell (sections, the router, confirmations) and its views, custom elements over one store
// (views/calls/live.js), each in its own module. Data from the API is only ever written with textContent, so a
// name such as <img src=x onerror=alert(1)> is shown as those characters and never runs.

import { configured, useApiKeys } from './shared/api.js';
import { ApiKeyControl, KEY_STORAGE_NAME, keyAccepted, keyRefused, storedKey } from './shell/api-key.js';
import { AppNav } from './shell/nav.js';
import { DisplayZoneChoice } from './shell/display-zone.js';
import { ActionNotice } from './shell/notice.js';
import { DEFAULT_ROUTE, go, onRoute } from './shell/router.js';
import { CallForm } from './views/calls/call-form.js';
import { CallList } from './views/calls/call-list.js';
import { NewCallButton } from './views/calls/new-call-button.js';
import { showDetails } from './views/calls/dialogs.js';
import { loadFirstPage, schedulePoll, store } from './views/calls/live.js';
import { VIEWS } from './views/calls/state.js';
import { DoNotCallView } from './views/do-not-call/do-not-call-view.js';
import { CampaignsView } from './views/campaigns/campaigns-view.js';
import { IntegrationsView } from './views/integrations/integrations-view.js';
import { ReportsView } from './views/reports/reports-view.js';
import { SeriesView } from './views/series/series-view.js';

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
  loadFirstPage().then(schedulePoll); // polling stopped while the page had no key
});
window.addEventListener('api-key-forgotten', () => store.dispatch({ type: 'key-needed' }));
// A key saved in another tab of this page: this tab, stopped for want of one, starts with it too.
window.addEventListener('storage', (event) => {
  if (event.key === KEY_STORAGE_NAME && event.newValue && store.state.keyNeeded) {
    window.dispatchEvent(new Event('api-key-entered'));
  }
});

customElements.define('connection-status', ConnectionStatus);
customElements.define('api-key-control', ApiKeyControl);
customElements.define('app-nav', AppNav);
customElements.define('display-zone-choice', DisplayZoneChoice);
customElements.define('action-notice', ActionNotice);
customElements.define('call-form', CallForm);
customElements.define('call-list', CallList);
customElements.define('new-call-button', NewCallButton);
customElements.define('do-not-call-view', DoNotCallView);
customElements.define('campaigns-view', CampaignsView);
customElements.define('integrations-view', IntegrationsView);
customElements.define('reports-view', ReportsView);
customElements.define('series-view', SeriesView);

/** Shows the panels of one section of the page (data-section) and hides the others'. */
function showSection(id) {
  document.querySelectorAll('main > [data-section]').forEach((panel) => { panel.hidden = panel.dataset.section !== id; });
}

if (!configured()) {
  store.dispatch({ type: 'offline', retryInSeconds: 0 });
}
store.dispatch({ type: 'filter-changed', filter: 'all' });
let started = false;
onRoute(({ path: [section, viewId], params }) => {
  // An in-page anchor ("Skip to the calls") is not a route: the view stays.
  if (started && !window.location.hash.startsWith('#/')) return;
  if (section !== 'campaigns') document.querySelector('campaigns-view').leave(); // stops its polling
  if (section !== 'integrations') document.querySelector('integrations-view').leave();
  if (section !== 'reports') document.querySelector('reports-view').leave();
  if (section !== 'series') document.querySelector('series-view').leave();
  if (section === 'series') {
    showSection('series');
    document.querySelector('series-view').show(viewId || null); // #/series/<id>: one series
    return;
  }
  if (section === 'reports') {
    showSection('reports');
    document.querySelector('reports-view').show(params); // #/reports?from=&to=&campaign=&zone=
    return;
  }
  if (section === 'integrations') {
    showSection('integrations');
    document.querySelector('integrations-view').show(viewId || null); // #/integrations/<id>: one endpoint
    return;
  }
  if (section === 'campaigns') {
    showSection('campaigns');
    document.querySelector('campaigns-view').show(viewId || null); // #/campaigns/<id>: one campaign
    return;
  }
  if (section === 'do-not-call') {
    showSection('do-not-call');
    document.querySelector('do-not-call-view').load();
    return;
  }
  const view = VIEWS.find((v) => v.id === viewId);
  if (section !== 'calls' || !view) {
    go(DEFAULT_ROUTE, { replace: true }); // an old or mistyped address: the default view, not a blank page
    return;
  }
  showSection('calls');
  const changed = view.id !== store.state.view || (params.get('campaign') || null) !== store.state.campaignId;
  store.dispatch({ type: 'view-changed', view: view.id });
  store.dispatch({ type: 'campaign-changed', campaignId: params.get('campaign') || null }); // #/calls/now?campaign=<id>
  if (changed && started) loadFirstPage();
  if (params.get('call')) showDetails(params.get('call'));
});
started = true;
loadFirstPage().then(schedulePoll);
