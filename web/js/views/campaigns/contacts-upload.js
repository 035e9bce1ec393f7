// <contacts-upload>: adds contacts from a CSV file. The file (chosen or dropped) is first sent as a dry run and its
// report shown (rows, accepted, rejected, duplicates, suppressed, and each rejected row with its column and reason);
// only "Import N contacts" sends it for real. A file refused whole says what is wrong and on which line.

import { api, ApiError, newIdempotencyKey } from '../../shared/api.js';
import { csvFilePicker, MAX_CSV_BYTES, omittedRejects, rejectsTable } from '../../shared/csv-file.js';
import { announce, el, field } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';
import { formatCount, plural } from '../../shared/numbers.js';
import { rejectReason } from './state.js';

/** Countries offered for numbers written without +; the browser's own country comes first when it is not listed. */
const REGIONS = ['US', 'CA', 'GB', 'IE', 'FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'CH', 'AT', 'PT', 'SE', 'NO', 'DK', 'FI',
  'PL', 'AU', 'NZ', 'IN', 'SG', 'JP', 'BR', 'MX', 'ZA'];
/** Campaigns in these states take no more contacts. */
const CLOSED = ['STOPPED', 'COMPLETED'];

function browserRegion() {
  try {
    return new Intl.Locale(navigator.language).maximize().region || 'US';
  } catch (e) {
    return 'US';
  }
}

/** "12 rows: 10 can be imported, 2 rejected (1 duplicate, 1 on the do-not-call list)." */
export function reportSentence(report, imported = false) {
  const why = [report.duplicates ? plural(report.duplicates, 'duplicate') : null,
    report.suppressed ? `${formatCount(report.suppressed)} on the do-not-call list` : null].filter(Boolean);
  const accepted = imported ? `${formatCount(report.imported ?? report.accepted)} imported` : `${formatCount(report.accepted)} can be imported`;
  return `${plural(report.rows, 'row')}: ${accepted}, ${formatCount(report.rejected)} rejected${why.length ? ` (${why.join(', ')})` : ''}.${omittedRejects(report)}`;
}

export class ContactsUpload extends HTMLElement {
  constructor(store, refresh) {
    super();
    this.store = store;
    this.refresh = refresh;
  }

  connectedCallback() {
    if (this.fileInput) return;
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const own = browserRegion();
    const regions = REGIONS.includes(own) ? REGIONS : [own, ...REGIONS];
    this.region = el('select', { id: 'contacts-region', name: 'defaultRegion' },
      regions.map((code) => el('option', { value: code, text: `${names.of(code)} (${code})`, selected: code === own })));
    const picker = csvFilePicker('contacts-file', 'CSV file of contacts', 'Choose the file, or drop it here. A header row, '
      + 'then a row per contact: phoneNumber is needed; contactName, calleeTimeZone, notes and any other column are kept '
      + 'for the message\'s {{fields}} and the results. UTF-8 ("CSV UTF-8" in a spreadsheet), up to 5 MB.', (file) => this.check(file));
    this.fileInput = picker.input;
    this.drop = picker.zone;
    this.status = el('p', { class: 'upload-status', role: 'status' });
    this.error = el('p', { class: 'field-error', role: 'alert' });
    this.rejects = rejectsTable(rejectReason);
    this.importButton = el('button', { type: 'button', class: 'primary', hidden: true, onclick: () => this.importFile() });
    this.section = el('section', { class: 'contacts-upload', 'aria-labelledby': 'contacts-heading' },
      el('h4', { id: 'contacts-heading', text: 'Add contacts' }),
      field('contacts-region', 'Country of numbers written without +', this.region),
      this.drop, this.status, this.error, this.rejects.table,
      el('div', { class: 'actions' }, this.importButton));
    this.append(this.section);
    this.store.subscribe((state, previous) => { if (state.upload !== previous.upload) this.render(state.upload); });
  }

  /** Campaigns that take no more contacts do not offer the upload. */
  campaignChanged(campaign) {
    this.hidden = CLOSED.includes(campaign.state);
  }

  async check(file) {
    const campaign = this.store.state.campaign;
    this.file = file;
    this.defaultRegion = this.region.value;
    this.idempotencyKey = newIdempotencyKey();
    this.store.dispatch({ type: 'upload-checking', fileName: file.name });
    if (file.size > MAX_CSV_BYTES) {
      this.store.dispatch({ type: 'upload-refused', error: new ApiError('too large', { status: 400, code: 'FILE_TOO_LARGE', field: 'body' }) });
      return;
    }
    try {
      const report = await api.uploadContacts(campaign.id, file, { dryRun: true, defaultRegion: this.defaultRegion });
      if (this.file === file) this.store.dispatch({ type: 'upload-checked', report });
    } catch (e) {
      if (this.file === file) this.store.dispatch({ type: 'upload-refused', error: e });
    }
  }

  async importFile() {
    const campaign = this.store.state.campaign;
    const file = this.file;
    this.store.dispatch({ type: 'upload-importing' });
    try {
      const report = await api.uploadContacts(campaign.id, file, { dryRun: false, defaultRegion: this.defaultRegion,
        idempotencyKey: this.idempotencyKey });
      this.store.dispatch({ type: 'upload-imported', report });
      announce(`${plural(report.imported ?? report.accepted, 'contact')} imported into ${campaign.name}.`);
      this.fileInput.value = '';
      this.refresh();
    } catch (e) {
      this.store.dispatch({ type: 'upload-refused', error: e });
    }
  }

  render(upload) {
    const { phase, fileName, report, error } = upload;
    this.status.textContent = {
      idle: '',
      checking: `Checking ${fileName}…`,
      checked: report ? `${fileName}: ${reportSentence(report)}${report.accepted ? '' : ' Nothing to import: correct the file and choose it again.'}` : '',
      importing: `Importing ${fileName}…`,
      imported: report ? `${fileName}: ${reportSentence(report, true)}` : '',
      refused: report ? `${fileName}: ${reportSentence(report)}` : `${fileName || 'The file'} was not imported.`,
    }[phase];
    // Only a refusal (4xx) says for sure that nothing was written; a failure on the way may come after some contacts.
    const refusedOutright = error && error.status >= 400 && error.status < 500;
    this.error.textContent = phase !== 'refused' ? '' : `${humanMessage(error)} ${refusedOutright ? 'Nothing was imported.'
      : 'Some contacts may have been imported: import the same file again to finish (no contact is added twice).'}`;
    this.rejects.show(report && report.rejects ? report.rejects : []);
    const importable = (phase === 'checked' || phase === 'importing') && report && report.accepted > 0;
    this.importButton.hidden = !importable;
    this.importButton.disabled = phase === 'importing';
    if (importable) this.importButton.textContent = `Import ${plural(report.accepted, 'contact')}`;
  }
}
