// <api-key-control> and its dialog: the API key as the page keeps it. config.js never carries a key (it is
// public); the page asks for one when the API answers 403, keeps it in this browser's storage, sends it as
// x-api-key, and offers to forget it (after asking: the page then shows no calls until it has a key again).

import { el } from '../shared/dom.js';

/** The browser storage entry holding the key (other tabs see it change through 'storage' events). */
export const KEY_STORAGE_NAME = 'call-scheduler.api-key';

const CHANGED = 'api-key-changed';
/** Tells the page to drop what it showed with the key (app.js clears the list). */
const FORGOTTEN = 'api-key-forgotten';

let dialog;
let forgetDialog;
/** The one question on screen: every request refused meanwhile waits for the same answer. */
let pendingAnswer = null;
/** Once the user closes the dialog or forgets the key, refusals do not open it again until asked to. */
let declined = false;
/** Whether the API refused the last request for want of a key. */
let refused = false;

export function storedKey() {
  try {
    return localStorage.getItem(KEY_STORAGE_NAME);
  } catch (e) {
    return null; // storage blocked: the key lives as long as the page
  }
}

function store(key) {
  try {
    if (key) localStorage.setItem(KEY_STORAGE_NAME, key);
    else localStorage.removeItem(KEY_STORAGE_NAME);
  } catch (e) {
    // storage blocked
  }
  window.dispatchEvent(new Event(CHANGED));
}

export function forgetKey() {
  refused = true; // without its key the API refuses the page: "Enter the API key" is offered at once
  store(null);
  declined = true;
  window.dispatchEvent(new Event(FORGOTTEN));
}

/** Asks for the key now (the header's and the list's "Enter the key"); the page reloads what it opens. */
export function requestKey() {
  declined = false;
  askForKey(false).then((key) => key && window.dispatchEvent(new Event('api-key-entered')));
}

/**
 * What api.js does with a 403 for want of a key: asks (once for all the requests refused meanwhile) and
 * resolves with the key to try again with, or null when the user did not give one.
 * @param wasSent whether the refused request carried a key (then it was the wrong one)
 */
export function keyRefused(wasSent) {
  refused = true;
  if (wasSent) store(null);
  else window.dispatchEvent(new Event(CHANGED));
  if (declined) return Promise.resolve(null);
  return askForKey(wasSent);
}

/** Called when a request with the key got through. */
export function keyAccepted() {
  if (refused) {
    refused = false;
    window.dispatchEvent(new Event(CHANGED));
  }
}

function askForKey(wrongKey) {
  if (pendingAnswer) return pendingAnswer;
  const { form, input, text, error } = dialog;
  form.reset();
  text.textContent = 'The API needs a key. It is kept in this browser and sent with every request.';
  error.textContent = wrongKey ? 'The API refused that key. Check it and enter it again.' : '';
  pendingAnswer = new Promise((resolve) => {
    dialog.answer = resolve;
  });
  dialog.showModal();
  input.focus();
  return pendingAnswer;
}

function answer(key) {
  const resolve = dialog.answer;
  pendingAnswer = null;
  dialog.answer = null;
  if (dialog.open) dialog.close();
  if (key) {
    declined = false;
    store(key);
  } else {
    declined = true;
  }
  if (resolve) resolve(key);
}

function buildDialog() {
  const input = el('input', { id: 'api-key-input', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
  const error = el('p', { id: 'api-key-error', class: 'field-error', role: 'alert' });
  const text = el('p', { id: 'api-key-text' });
  const form = el('form', {
    method: 'dialog', novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      const key = input.value.trim();
      if (!key) {
        error.textContent = 'Enter the API key.';
        input.focus();
        return;
      }
      answer(key);
    },
  },
  el('h2', { id: 'api-key-title', text: 'API key' }), text,
  el('div', { class: 'field' }, el('label', { for: 'api-key-input', text: 'API key' }), input, error),
  el('p', { class: 'hint', text: 'Ask whoever runs Call Scheduler for the key; on a laptop it is in .local-cloud/api-key' }),
  el('div', { class: 'actions' },
    el('button', { type: 'button', text: 'Not now', onclick: () => answer(null) }),
    el('button', { type: 'submit', class: 'primary', text: 'Use this key' })));
  dialog = el('dialog', { id: 'api-key-dialog', 'aria-labelledby': 'api-key-title', 'aria-describedby': 'api-key-text' }, form);
  dialog.addEventListener('cancel', () => answer(null)); // Escape
  Object.assign(dialog, { form, input, text, error });
  return dialog;
}

/**
 * Forgetting is asked first: it hides every call until the key is entered again.
 * @param forgotten called once the key is forgotten (the control keeps the focus on itself)
 */
function buildForgetDialog(forgotten) {
  forgetDialog = el('dialog', { id: 'forget-key-dialog', 'aria-labelledby': 'forget-key-title', 'aria-describedby': 'forget-key-text' },
    el('h2', { id: 'forget-key-title', text: 'Forget the key on this browser?' }),
    el('p', { id: 'forget-key-text', text: 'You will need it again to see calls.' }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Keep the key', onclick: () => forgetDialog.close() }),
      el('button', { type: 'button', class: 'danger', text: 'Forget the key', onclick: () => { forgetDialog.close(); forgetKey(); forgotten(); } })));
  return forgetDialog;
}

/**
 * In the header: a quiet "Forget the API key" while one is kept (it asks first); "Enter the API key" while
 * the API refuses the page.
 */
export class ApiKeyControl extends HTMLElement {
  connectedCallback() {
    this.button = el('button', { type: 'button', onclick: () => this.act() });
    this.append(this.button, buildDialog(), buildForgetDialog(() => this.button.focus()));
    window.addEventListener(CHANGED, () => this.render());
    this.render();
  }

  act() {
    if (storedKey()) {
      forgetDialog.showModal();
    } else {
      requestKey();
    }
  }

  render() {
    const kept = storedKey();
    this.button.hidden = !kept && !refused;
    this.button.textContent = kept ? 'Forget the API key' : 'Enter the API key';
    this.button.classList.toggle('quiet', Boolean(kept));
  }
}
