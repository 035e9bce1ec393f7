// What the two CSV imports of the page (a campaign's contacts, the do-not-call list) share: the file picker that also
// takes a dropped file, and the table of rejected rows, filled as text only.

import { el, field } from './dom.js';
import { formatCount } from './numbers.js';

/** The API's limit per request (5 MiB), checked here too so that a big file is not sent only to be refused. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

/**
 * A labelled file input inside a zone a file can be dropped on; either way {@code onFile} gets the file.
 * @returns {{zone: HTMLElement, input: HTMLInputElement}}
 */
export function csvFilePicker(id, label, hint, onFile) {
  const input = el('input', { id, name: 'file', type: 'file', accept: '.csv,text/csv', 'aria-describedby': `${id}-hint`,
    onchange: () => input.files[0] && onFile(input.files[0]) });
  const zone = el('div', { class: 'drop-zone' },
    field(id, label, input, null, el('p', { class: 'hint', id: `${id}-hint`, text: hint })));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) onFile(file);
  });
  return { zone, input };
}

/**
 * The rejected rows: row, column and the reason {@code reasonOf} gives, as text (textContent), never as markup.
 * @returns {{table: HTMLElement, show: function(Array)}}
 */
export function rejectsTable(reasonOf) {
  const body = el('tbody');
  const table = el('table', { class: 'rejects', hidden: true },
    el('caption', { text: 'Rejected rows' }),
    el('thead', {}, el('tr', {}, ['Row', 'Column', 'Reason'].map((h) => el('th', { scope: 'col', text: h })))),
    body);
  const show = (rejects) => {
    body.replaceChildren(...rejects.map((reject) => el('tr', {},
      el('td', { text: String(reject.row) }), el('td', { text: reject.column || '' }), el('td', { text: reasonOf(reject) }))));
    table.hidden = rejects.length === 0;
  };
  return { table, show };
}

/** " The first 1,000 rejected rows are listed below." when the answer listed only some of them. */
export function omittedRejects(report) {
  if (!report.rejectsOmitted) return '';
  return report.rejects.length ? ` The first ${formatCount(report.rejects.length)} rejected rows are listed below.`
    : ' The rejected rows are too many to list here: ask for them as CSV (Accept: text/csv).';
}
