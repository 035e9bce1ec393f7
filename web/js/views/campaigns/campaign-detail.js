// <campaign-detail>: one campaign (#/campaigns/<id>): its state, its counts in plain words and a progress bar,
// Start / Pause / Resume / Stop (Stop asks first, saying what happens to the contacts not called yet), adding
// contacts from a CSV (contacts-upload.js) and downloading its results (results-download.js); its dials a minute, its
// ETA (in the viewer's zone) and a link to its calls in the calls list.

import { api } from '../../shared/api.js';
import { announce, el } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { ContactsUpload } from './contacts-upload.js';
import { downloadResults } from './results-download.js';
import { viewerZone } from '../../shared/time.js';
import { routeTo } from '../../shell/router.js';
import {
  STATES, countsSentence, dialRateSentence, etaSentence, progressOf, progressText, stateLabel, stopConsequence,
} from './state.js';

const ACTIONS = {
  start: { label: 'Start', done: 'started' },
  pause: { label: 'Pause', done: 'paused' },
  resume: { label: 'Resume', done: 'resumed' },
  stop: { label: 'Stop', done: 'stopped' },
};

export class CampaignDetail extends HTMLElement {
  constructor(store, refresh) {
    super();
    this.store = store;
    this.refresh = refresh;
  }

  connectedCallback() {
    if (this.heading) return;
    this.heading = el('h3', { class: 'campaign-name', tabindex: '-1' });
    this.stateLine = el('p', { class: 'campaign-state-line', role: 'status' });
    this.bar = el('progress', { id: 'campaign-progress', max: '1', value: '0', 'aria-describedby': 'campaign-progress-text' });
    this.barText = el('span', { id: 'campaign-progress-text' });
    this.counts = el('p', { class: 'campaign-counts' });
    this.dialRate = el('p', { class: 'campaign-dial-rate' });
    this.eta = el('p', { class: 'campaign-eta' });
    this.etaBasis = el('p', { class: 'hint campaign-eta-basis' });
    this.callsLink = el('a', { class: 'campaign-calls-link', text: 'See its calls' });
    this.buttons = Object.fromEntries(Object.entries(ACTIONS).map(([action, { label }]) => [action,
      el('button', { type: 'button', class: action === 'stop' ? 'danger' : 'primary', text: label, hidden: true,
        onclick: () => (action === 'stop' ? this.askStop() : this.act(action)) })]));
    this.actionError = el('p', { class: 'field-error', role: 'alert' });
    this.loadError = el('p', { class: 'field-error', role: 'alert' });
    this.download = el('button', { type: 'button', text: 'Download results', onclick: () => this.downloadResults() });
    this.downloadStatus = el('p', { class: 'hint', role: 'status' });
    this.upload = new ContactsUpload(this.store, this.refresh);

    this.stopText = el('p', { id: 'campaign-stop-text' });
    this.stopDialog = el('dialog', { id: 'campaign-stop-dialog', 'aria-labelledby': 'campaign-stop-title', 'aria-describedby': 'campaign-stop-text' },
      el('h2', { id: 'campaign-stop-title', text: 'Stop this campaign?' }), this.stopText,
      el('div', { class: 'actions' },
        el('button', { type: 'button', text: 'Keep it going', onclick: () => this.stopDialog.close() }),
        el('button', { type: 'button', class: 'danger', text: 'Stop the campaign', onclick: () => { this.stopDialog.close(); this.act('stop'); } })));
    this.stopDialog.addEventListener('close', () => { if (!this.buttons.stop.hidden) this.buttons.stop.focus(); });

    this.append(
      el('p', {}, el('a', { href: '#/campaigns', text: 'All campaigns' })),
      this.heading, this.stateLine, this.loadError,
      el('div', { class: 'campaign-progress' }, el('label', { for: 'campaign-progress', text: 'Progress' }), ' ', this.bar, ' ', this.barText),
      this.counts, this.dialRate, this.eta, this.etaBasis,
      el('p', {}, this.callsLink),
      el('div', { class: 'actions campaign-actions' }, Object.values(this.buttons)),
      this.actionError,
      this.upload,
      el('section', { class: 'campaign-results', 'aria-labelledby': 'campaign-results-heading' },
        el('h4', { id: 'campaign-results-heading', text: 'Results' }),
        el('p', { class: 'hint', text: 'One row per contact with its outcome, attempts and times, as a CSV file for a spreadsheet.' }),
        this.download, this.downloadStatus),
      this.stopDialog);
    this.store.subscribe((state, previous) => this.render(state, previous));
  }

  render(state, previous) {
    const campaign = state.campaign;
    this.loadError.textContent = state.campaignError ? `Could not load the campaign: ${humanMessage(state.campaignError)}` : '';
    this.actionError.textContent = state.actionError ? humanMessage(state.actionError) : '';
    Object.entries(this.buttons).forEach(([action, button]) => { button.disabled = Boolean(state.busy); });
    if (campaign === previous.campaign && state.openId === previous.openId) return;
    if (!campaign) {
      this.heading.textContent = state.openId ? 'Loading the campaign…' : '';
      this.stateLine.textContent = '';
      this.counts.textContent = '';
      this.dialRate.textContent = '';
      this.eta.textContent = '';
      this.etaBasis.textContent = '';
      this.callsLink.hidden = true;
      Object.values(this.buttons).forEach((button) => { button.hidden = true; });
      return;
    }
    this.heading.textContent = campaign.name;
    const described = STATES[campaign.state];
    const text = `${stateLabel(campaign.state)}. ${described ? described.says : ''}${campaign.stopReason ? ` (${campaign.stopReason})` : ''}`;
    if (this.stateLine.textContent !== text) this.stateLine.textContent = text;
    this.stateLine.dataset.state = campaign.state;
    const { done, total } = progressOf(campaign);
    this.bar.max = Math.max(total, 1);
    this.bar.value = done;
    this.barText.textContent = progressText(campaign);
    this.counts.textContent = countsSentence(campaign);
    this.dialRate.textContent = dialRateSentence(campaign);
    const eta = etaSentence(campaign, viewerZone);
    this.eta.textContent = eta.text;
    this.etaBasis.textContent = eta.basis;
    this.callsLink.hidden = false;
    this.callsLink.href = routeTo(['calls', 'now'], { campaign: campaign.id });
    const allowed = described ? described.actions : [];
    Object.entries(this.buttons).forEach(([action, button]) => { button.hidden = !allowed.includes(action); });
    this.upload.campaignChanged(campaign);
  }

  askStop() {
    this.stopText.textContent = stopConsequence(this.store.state.campaign);
    this.stopDialog.showModal();
  }

  async act(action) {
    const { campaign } = this.store.state;
    this.store.dispatch({ type: 'action-started', action });
    try {
      const changed = await api.campaignAction(campaign.id, action);
      this.store.dispatch({ type: 'action-done', campaign: changed && changed.id ? changed : null });
      announce(`Campaign ${campaign.name} ${ACTIONS[action].done}.`);
      if (!(changed && changed.id)) this.refresh();
    } catch (e) {
      this.store.dispatch({ type: 'action-done', error: e });
      this.refresh(); // show the state it is really in
    }
  }

  async downloadResults() {
    const { campaign } = this.store.state;
    this.download.disabled = true;
    this.downloadStatus.textContent = 'Preparing the results…';
    try {
      const name = await downloadResults(campaign, (pages) => { this.downloadStatus.textContent = `Preparing the results… (${pages} pages read)`; });
      this.downloadStatus.textContent = `Results saved as ${name}.`;
    } catch (e) {
      this.downloadStatus.textContent = `Could not download the results: ${humanMessage(e)}`;
    } finally {
      this.download.disabled = false;
    }
  }
}
