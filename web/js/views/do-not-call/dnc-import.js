// <dnc-import>: puts the numbers of a CSV file on the do-not-call list. The file (chosen or dropped) is first sent as a
// dry run and its report shown (rows, accepted, rejected, duplicates, and each rejected row with its column and
// reason, as text only); only "Import N numbers" sends it for real. A file refused whole says what is wrong and where.

import { api, ApiError } from '../../shared/api.js';
import { csvFilePicker, MAX_CSV_BYTES, omittedRejects, rejectsTable } from '../../shared/csv-file.js';
import { announce, el, field } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { formatCount, plural } from '../../shared/numbers.js';
import { rejectReason } from '../campaigns/state.js';

/** "4 rows: 2 can be imported, 2 rejected (1 duplicate)." */
function reportSentence(report, imported) {
  const accepted = imported ? `${formatCount(report.accepted)} imported` : `${formatCount(report.accepted)} can be imported`;
  const why = report.duplicates ? ` (${plural(report.duplicates, 'duplicate')})` : '';
  return `${plural(report.rows, 'row')}: ${accepted}, ${formatCount(report.rejected)} rejected${why}.${omittedRejects(report)}`;
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
    const picker = csvFilePicker('dnc-import-file', 'CSV file of numbers', 'Choose the file, or drop it here. A header '
      + 'row, then a row per number: phoneNumber is needed; reason, source and expiresAt (an ISO 8601 date and time with Z '
      + 'or an offset) are optional, other columns are ignored. UTF-8, up to 5 MB and 10,000 numbers. A number already '
      + 'on the list is updated.', (file) => this.check(file));
    this.fileInput = picker.input;
    this.status = el('p', { class: 'upload-status', role: 'status' });
    this.error = el('p', { class: 'field-error', role: 'alert' });
    this.rejects = rejectsTable(rejectReason);
    this.importButton = el('button', { type: 'button', class: 'primary', hidden: true, onclick: () => this.importFile() });
    this.append(el('section', { class: 'dnc-import', 'aria-labelledby': 'dnc-import-heading' },
      el('h3', { id: 'dnc-import-heading', text: 'Import a CSV' }),
      field('dnc-import-region', 'Country of numbers written without +', this.region),
      picker.zone, this.status, this.error, this.rejects.table,
      el('div', { class: 'actions' }, this.importButton)));
  }

  async check(file) {
    this.file = file;
    this.defaultRegion = this.region.value;
    this.show({ status: `Checking ${file.name}…` });
    if (file.size > MAX_CSV_BYTES) {
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
    this.rejects.show(rejects);
    this.importButton.hidden = !importable;
    this.importButton.disabled = false;
    if (importable) this.importButton.textContent = `Import ${plural(importable, 'number')}`;
  }
}
