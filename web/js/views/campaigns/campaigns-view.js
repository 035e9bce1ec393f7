// <campaigns-view>: the Campaigns section. #/campaigns lists the campaigns (newest first, each with its state and a
// progress bar) beside the form that creates one; #/campaigns/<id> shows one campaign (campaign-detail.js). What is
// shown is read again every few seconds while the tab is visible and this view is shown, and not at all otherwise.

import { api } from '../../shared/api.js';
import { el } from '../../shared/dom.js';
import { PolledSection } from '../../shared/polled-section.js';
import { humanMessage } from '../../shared/messages.js';
import { formatInZone, viewerZone } from '../../shared/time.js';
import { routeTo } from '../../shell/router.js';
import { createStore } from '../calls/state.js';
import { CampaignDetail } from './campaign-detail.js';
import { CampaignForm } from './campaign-form.js';
import { ContactsUpload } from './contacts-upload.js';
import { initialState, progressOf, progressText, reduce, stateLabel } from './state.js';

const POLL_MS = 3000;
const PAGE_SIZE = 50;

export const store = createStore(reduce, initialState);

export class CampaignsView extends PolledSection {
  /** Built when first shown, so that the other sections never carry this view's fields. */
  build() {
    if (this.built) return;
    this.built = true;
    this.rows = el('tbody');
    this.summary = el('p', { class: 'campaigns-summary' });
    this.table = el('table', { class: 'campaign-list' },
      el('caption', { class: 'visually-hidden', text: 'Campaigns, newest first' }),
      el('thead', {}, el('tr', {}, ['Campaign', 'State', 'Progress', 'Created'].map((h) => el('th', { scope: 'col', text: h })))),
      this.rows);
    this.more = el('button', { type: 'button', text: 'Show more', hidden: true, onclick: () => this.loadList(store.state.nextToken) });
    this.listError = el('p', { class: 'field-error', role: 'alert' });
    this.form = new CampaignForm(store);
    this.list = el('div', { class: 'campaigns-list' },
      el('div', { class: 'campaigns-all' }, el('h3', { text: 'All campaigns' }), this.summary, this.table, this.more, this.listError),
      el('section', { class: 'campaign-new', 'aria-labelledby': 'campaign-new-heading' },
        el('h3', { id: 'campaign-new-heading', text: 'New campaign' }), this.form));
    this.detail = new CampaignDetail(store, () => this.poll());
    this.append(this.list, this.detail);
    store.subscribe((state, previous) => this.render(state, previous));
    this.pollWhileVisible();
  }

  get store() {
    return store;
  }

  async poll() {
    clearTimeout(this.timer);
    if (!this.active) return;
    const { openId } = store.state;
    if (openId) {
      try {
        store.dispatch({ type: 'campaign-loaded', campaign: await api.campaign(openId) });
      } catch (e) {
        store.dispatch({ type: 'campaign-failed', id: openId, error: e });
      }
    } else {
      await this.loadList(null);
    }
    if (this.active && !document.hidden) this.timer = setTimeout(() => this.poll(), POLL_MS);
  }

  async loadList(after) {
    try {
      const page = await api.campaigns(after, PAGE_SIZE);
      store.dispatch({ type: 'list-loaded', items: page.items, nextToken: page.nextToken, append: Boolean(after) });
    } catch (e) {
      store.dispatch({ type: 'list-failed', error: e });
    }
  }

  render(state, previous) {
    if (state.campaigns !== previous.campaigns) {
      this.rows.replaceChildren(...state.campaigns.map((campaign) => row(campaign)));
      const count = state.campaigns.length;
      this.table.hidden = count === 0;
      this.summary.textContent = count === 0 ? 'No campaigns yet: create one with the form.'
        : `${count}${state.nextToken ? ' or more' : ''} campaign${count === 1 ? '' : 's'}.`;
    }
    this.more.hidden = !state.nextToken;
    this.listError.textContent = state.listError ? `Could not load the campaigns: ${humanMessage(state.listError)}` : '';
  }
}

function row(campaign) {
  const { done, total } = progressOf(campaign);
  return el('tr', { 'data-id': campaign.id },
    el('td', {}, el('a', { href: routeTo(['campaigns', campaign.id]), text: campaign.name })),
    el('td', {}, el('span', { class: 'campaign-state', 'data-state': campaign.state, text: stateLabel(campaign.state) })),
    el('td', { class: 'campaign-progress' },
      el('progress', { max: String(Math.max(total, 1)), value: String(done), 'aria-label': `Progress of ${campaign.name}` }),
      el('span', { text: ` ${progressText(campaign)}` })),
    el('td', { text: campaign.createdAt ? formatInZone(campaign.createdAt, viewerZone, true) : '' }));
}

customElements.define('campaign-form', CampaignForm);
customElements.define('campaign-detail', CampaignDetail);
customElements.define('contacts-upload', ContactsUpload);
