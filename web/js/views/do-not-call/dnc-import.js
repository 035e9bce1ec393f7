// <dnc-import>: puts the numbers of a CSV file on the do-not-call list. The file (chosen or dropped) is first sent as a
// dry run and its report shown (rows, accepted, rejected, duplicates, and each rejected row with its column and
// reason, as text only); only "Import N numbers" sends it for real. A file refused whole says what is wrong and where.

import { api, ApiError } from '../../shared/api.js';
import { announce, el, field } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { rejectReason } from '../campaigns/state.js';

/** The API's limit per request (5 MiB), checked here too so that a big file is not sent only to be refused. */
const MAX_BYTES = 5 * 1024 * 1024;
const NUMBER = new Intl.NumberFormat('en');

function plural(n, one, many = `${one}s`) {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}

/** "4 rows: 2 can be imported, 2 rejected (1 duplicate)." */
function reportSentence(report, imported) {
  const accepted = imported ? `${NUMBER.format(report.accepted)} imported` : `${NUMBER.format(report.accepted)} can be imported`;
  const why = report.duplicates ? ` (${plural(report.duplicates, 'duplicate')})` : '';
  const listed = report.rejectsOmitted ? ` The first ${NUMBER.format(report.rejects.length)} rejected rows are listed below.` : '';
  return `${plural(report.rows, 'row')}: ${accepted}, ${NUMBER.format(report.rejected)} rejected${why}.${listed}`;
}

export class DncImport extends HTMLElement {
  /** @param imported called after an import, to list the numbers */
  constructor(imported) {
    super();
    this.imported = imported;
  }

  connectedCallback() {
    if (this.fileInput) return;
    this.region = el('select', { id: 'dnc-import-region', name: 'defaultRegion' },
      ['US', 'CA', 'GB', 'IE', 'FR', 'DE', 'ES', 'IT', 'NL', 'AU', 'IN'].map((code) => el('option', { value: code, text: code })));
    this.fileInput = el('input', { id: 'dnc-import-file', name: 'file', type: 'file', accept: '.csv,text/csv',
      'aria-describedby': 'dnc-import-hint', onchange: () => this.fileInput.files[0] && this.check(this.fileInput.files[0]) });
    const drop = el('div', { class: 'drop-zone' },
      field('dnc-import-file', 'CSV file of numbers', this.fileInput, null,
        el('p', { class: 'hint', id: 'dnc-import-hint', text: 'Choose the file, or drop it here. A header row, then a row per '
          + 'number: phoneNumber is needed; reason, source and expiresAt (an ISO 8601 date and time '
          + 'with Z or an offset) are optional, other columns are ignored. UTF-8, up to 5 MB and 10,000 numbers. A number already on the list is updated.' })));
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('dragging'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('dragging');
      const file = e.dataTransfer && e.dataTransfer.files[0];
      if (file) this.check(file);
    });
    this.status = el('p', { class: 'upload-status', role: 'status' });
    this.error = el('p', { class: 'field-error', role: 'alert' });
    this.rejects = el('tbody');
    this.rejectTable = el('table', { class: 'rejects', hidden: true },
      el('caption', { text: 'Rejected rows' }),
      el('thead', {}, el('tr', {}, ['Row', 'Column', 'Reason'].map((h) => el('th', { scope: 'col', text: h })))),
      this.rejects);
    this.importButton = el('button', { type: 'button', class: 'primary', hidden: true, onclick: () => this.importFile() });
    this.append(el('section', { class: 'dnc-import', 'aria-labelledby': 'dnc-import-heading' },
      el('h3', { id: 'dnc-import-heading', text: 'Import a CSV' }),
      field('dnc-import-region', 'Country of numbers written without +', this.region),
      drop, this.status, this.error, this.rejectTable,
      el('div', { class: 'actions' }, this.importButton)));
  }

  async check(file) {
    this.file = file;
    this.defaultRegion = this.region.value;
    this.show({ status: `Checking ${file.name}…` });
    if (file.size > MAX_BYTES) {
      this.refuse(file, new ApiError('too large', { status: 400, code: 'FILE_TOO_LARGE', field: 'body' }));
      return;
    }
    try {
      const report = await api.importSuppressions(file, { dryRun: true, defaultRegion: this.defaultRegion });
      if (this.file !== file) return;
      this.show({ status: `${file.name}: ${reportSentence(report, false)}${report.accepted ? '' : ' Nothing to import: correct the file and choose it again.'}`,
        rejects: report.rejects, importable: report.accepted });
    } catch (e) {
      if (this.file === file) this.refuse(file, e);
    }
  }

  async importFile() {
    const file = this.file;
    this.importButton.disabled = true;
    this.show({ status: `Importing ${file.name}…` });
    try {
      const report = await api.importSuppressions(file, { dryRun: false, defaultRegion: this.defaultRegion });
      this.show({ status: `${file.name}: ${reportSentence(report, true)}`, rejects: report.rejects });
      announce(`${plural(report.accepted, 'number')} put on the do-not-call list.`);
      this.fileInput.value = '';
      this.file = null;
      await this.imported();
    } catch (e) {
      this.refuse(file, e);
    }
  }

  refuse(file, error) {
    // Only a refusal (4xx) says for sure that nothing was written; a failure on the way may come after some numbers.
    const outright = error.status >= 400 && error.status < 500;
    this.show({ status: `${file.name} was not imported.`, error: `${humanMessage(error)} ${outright ? 'Nothing was imported.'
      : 'Some numbers may have been imported: import the same file again to finish (a number is never listed twice).'}` });
  }

  /** Everything from the API goes in as text (textContent), never as markup. */
  show({ status, error = '', rejects = [], importable = 0 }) {
    this.status.textContent = status;
    this.error.textContent = error;
    this.rejects.replaceChildren(...rejects.map((reject) => el('tr', {},
      el('td', { text: String(reject.row) }), el('td', { text: reject.column || '' }), el('td', { text: rejectReason(reject) }))));
    this.rejectTable.hidden = rejects.length === 0;
    this.importButton.hidden = !importable;
    this.importButton.disabled = false;
    if (importable) this.importButton.textContent = `Import ${plural(importable, 'number')}`;
  }
}
