// <do-not-call-view>: the do-not-call list. Search it, add a number with a reason, remove one after a confirmation.
// Numbers on it are never called: a new call to one is refused, and a scheduled one is canceled just before it rings.

import { api } from '../../shared/api.js';
import { announce, el, field } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { formatInZone, viewerZone } from '../../shared/time.js';
import { DncImport } from './dnc-import.js';

const PAGE_SIZE = 50;

export class DoNotCallView extends HTMLElement {
  /** Built when first shown, so that the calls' views never carry this view's fields. */
  build() {
    if (this.built) return;
    this.built = true;
    this.search = '';
    this.nextToken = null;

    this.number = el('input', { id: 'dnc-number', name: 'phoneNumber', type: 'tel', autocomplete: 'off', required: true,
      'aria-describedby': 'dnc-number-hint dnc-number-error' });
    this.reason = el('input', { id: 'dnc-reason', name: 'reason', type: 'text', maxlength: '200', required: true,
      'aria-describedby': 'dnc-reason-error' });
    this.numberError = el('p', { class: 'field-error', id: 'dnc-number-error' });
    this.reasonError = el('p', { class: 'field-error', id: 'dnc-reason-error' });
    this.addError = el('p', { class: 'field-error', role: 'alert' });
    const addForm = el('form', { class: 'dnc-add', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.add(); } },
      el('h3', { text: 'Add a number' }),
      el('div', { class: 'row' },
        field('dnc-number', 'Number not to call', this.number, null,
          el('p', { class: 'hint', id: 'dnc-number-hint', text: 'With + and the country code, for example +44 7700 900123.' }),
          this.numberError),
        field('dnc-reason', 'Reason', this.reason, null, this.reasonError)),
      this.addError,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: 'Add to the list' })));

    this.query = el('input', { id: 'dnc-search', name: 'q', type: 'search' });
    const searchForm = el('form', { role: 'search', class: 'dnc-search', onsubmit: (e) => { e.preventDefault(); this.load(this.query.value.trim()); } },
      field('dnc-search', 'Search by number or reason', this.query),
      el('button', { type: 'submit', text: 'Search' }));

    this.summary = el('p', { class: 'dnc-summary', role: 'status' });
    this.rows = el('tbody');
    this.table = el('table', { class: 'dnc-list' },
      el('caption', { class: 'visually-hidden', text: 'Numbers on the do-not-call list' }),
      el('thead', {}, el('tr', {}, ['Number', 'Reason', 'Added', 'Until', 'Actions'].map((h) => el('th', { scope: 'col', text: h })))),
      this.rows);
    this.more = el('button', { type: 'button', text: 'Show more', hidden: true, onclick: () => this.load(this.search, this.nextToken) });
    this.loadError = el('p', { class: 'field-error', role: 'alert' });

    this.removeText = el('p', { id: 'dnc-remove-text' });
    this.removeError = el('p', { class: 'field-error', role: 'alert' });
    this.removeDialog = el('dialog', { id: 'dnc-remove-dialog', 'aria-labelledby': 'dnc-remove-title', 'aria-describedby': 'dnc-remove-text' },
      el('h2', { id: 'dnc-remove-title', text: 'Remove this number from the list?' }), this.removeText, this.removeError,
      el('div', { class: 'actions' },
        el('button', { type: 'button', text: 'Keep it', onclick: () => this.removeDialog.close() }),
        el('button', { type: 'button', class: 'danger', text: 'Remove', onclick: () => this.confirmRemove() })));
    this.removeDialog.addEventListener('close', () => { if (this.removing && this.removing.isConnected) this.removing.focus(); });

    this.append(
      el('p', { text: 'Numbers on this list are never called. A new call to one is refused, and a call already scheduled to one is canceled just before it would ring.' }),
      addForm, new DncImport(() => this.load('')), searchForm, this.summary, this.table, this.more, this.loadError, this.removeDialog);
  }

  /** Loads the first page of a search (or the next page after `after`). */
  async load(search = this.search, after = null) {
    this.build();
    this.loadError.textContent = '';
    try {
      const page = await api.suppressions(search, after, PAGE_SIZE);
      if (!after) this.rows.replaceChildren();
      this.search = search;
      this.nextToken = page.nextToken;
      page.items.forEach((entry) => this.rows.append(this.row(entry)));
      this.more.hidden = !page.nextToken;
      const count = this.rows.children.length;
      this.table.hidden = count === 0;
      this.summary.textContent = count === 0
        ? (search ? `No number on the list matches "${search}".` : 'No numbers are on the list.')
        : `${count}${page.nextToken ? ' or more' : ''} number${count === 1 ? '' : 's'}${search ? ` matching "${search}"` : ' on the list'}.`;
    } catch (e) {
      this.loadError.textContent = humanMessage(e);
    }
  }

  row(entry) {
    const remove = el('button', { type: 'button', class: 'danger', text: 'Remove',
      'aria-label': `Remove ${entry.phoneNumber} from the list`, onclick: () => this.openRemove(entry, remove) });
    return el('tr', { 'data-number': entry.phoneNumber },
      el('td', { text: entry.phoneNumber }),
      el('td', { text: entry.reason }),
      el('td', { text: formatInZone(entry.addedAt, viewerZone, true) }),
      el('td', { text: !entry.expiresAt ? 'Always' : `${formatInZone(entry.expiresAt, viewerZone, true)}${entry.active ? '' : ' (expired)'}` }),
      el('td', {}, remove));
  }

  async add() {
    [this.numberError, this.reasonError, this.addError].forEach((p) => { p.textContent = ''; });
    [this.number, this.reason].forEach((input) => input.removeAttribute('aria-invalid'));
    const number = this.number.value.trim();
    const reason = this.reason.value.trim();
    if (!number) return this.blame(this.number, this.numberError, 'The number is needed.');
    if (!reason) return this.blame(this.reason, this.reasonError, 'Reason is needed: say why this number must not be called.');
    try {
      const entry = await api.suppress(number, reason);
      this.number.value = '';
      this.reason.value = '';
      announce(`${entry.phoneNumber} is on the do-not-call list.`);
      this.query.value = '';
      await this.load('');
      const row = this.rows.querySelector(`tr[data-number="${CSS.escape(entry.phoneNumber)}"]`);
      if (row) row.classList.add('just-added');
      this.number.focus();
    } catch (e) {
      if (e.field === 'reason') this.blame(this.reason, this.reasonError, humanMessage(e));
      else if (e.field === 'phoneNumber') this.blame(this.number, this.numberError, humanMessage(e));
      else this.addError.textContent = humanMessage(e);
    }
    return undefined;
  }

  blame(input, message, text) {
    input.setAttribute('aria-invalid', 'true');
    message.textContent = text;
    input.focus();
  }

  openRemove(entry, button) {
    this.removing = button;
    this.removeEntry = entry;
    this.removeText.textContent = `${entry.phoneNumber} (${entry.reason}) will be removed from the do-not-call list, and calls to it will be allowed again.`;
    this.removeError.textContent = '';
    this.removeDialog.showModal();
  }

  async confirmRemove() {
    const entry = this.removeEntry;
    try {
      await api.unsuppress(entry.phoneNumber);
    } catch (e) {
      if (e.status !== 404) {
        this.removeError.textContent = humanMessage(e);
        return;
      }
    }
    this.removing = null;
    this.removeDialog.close();
    announce(`${entry.phoneNumber} was removed from the do-not-call list.`);
    await this.load(this.search);
    this.query.focus();
  }
}

customElements.define('dnc-import', DncImport);
