// One chart of the Reports view as a <figure>: its caption, the SVG (svg-charts.js), a legend where it has one, a table
// of the same numbers, and "Download CSV" (the API's own CSV of that report). The table is always in the DOM and read
// by screen readers; "Show the numbers" only makes it visible on screen too.

import { api } from '../../shared/api.js';
import { announce, el } from '../../shared/dom.js';
import { humanMessage } from '../../shared/messages.js';

export class ReportFigure {
  /**
   * @param id        the figure's id (and its parts')
   * @param caption   what the chart shows
   * @param columns   the table's column headings, the first one the row's own
   * @param csv       () => {query, fileName}: the question the CSV answers, asked when the button is pressed
   */
  constructor({ id, caption, columns, csv }) {
    this.id = id;
    this.csv = csv;
    this.captionText = el('span', { text: caption });
    this.note = el('span', { class: 'figure-note' });
    this.drawing = el('div', { class: 'chart-box' });
    this.body = el('tbody');
    this.tableWrap = el('div', { class: 'figure-numbers visually-hidden', id: `${id}-numbers` },
      el('table', {},
        el('caption', { text: `${caption}: the numbers` }),
        el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', text: c })))),
        this.body));
    this.toggle = el('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': `${id}-numbers`,
      text: 'Show the numbers', onclick: () => this.showNumbers(this.toggle.getAttribute('aria-expanded') !== 'true') });
    this.download = el('button', { type: 'button', class: 'download-csv', text: 'Download CSV', onclick: () => this.saveCsv() });
    this.downloadError = el('p', { class: 'field-error', role: 'alert' });
    this.element = el('figure', { class: 'report-figure', id, 'aria-labelledby': `${id}-caption` },
      el('figcaption', { id: `${id}-caption` }, this.captionText, ' ', this.note),
      this.drawing,
      el('div', { class: 'figure-actions' }, this.toggle, this.download),
      this.downloadError,
      this.tableWrap);
  }

  showNumbers(shown) {
    this.tableWrap.classList.toggle('visually-hidden', !shown);
    this.toggle.setAttribute('aria-expanded', String(shown));
    this.toggle.textContent = shown ? 'Hide the numbers' : 'Show the numbers';
  }

  /** The chart (an SVG), its legend (or null), a note after the caption, and the table's rows (arrays of cell texts). */
  render({ chart, legend = null, note = '', rows }) {
    this.drawing.replaceChildren(chart, ...(legend ? [legend] : []));
    this.note.textContent = note;
    this.body.replaceChildren(...rows.map(([head, ...cells]) => el('tr', {},
      el('th', { scope: 'row', text: head }), cells.map((cell) => el('td', { text: cell })))));
    this.downloadError.textContent = '';
  }

  /** Asks the API for the report as CSV (format=csv, with the page's key) and saves it as a file. */
  async saveCsv() {
    const { query, fileName } = this.csv();
    this.download.disabled = true;
    this.downloadError.textContent = '';
    try {
      const { text } = await api.outcomeReportCsv(query);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      const link = el('a', { href: url, download: fileName, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000); // after the browser has taken the file
      announce(`Saved ${fileName}.`);
    } catch (e) {
      this.downloadError.textContent = `Could not download the CSV: ${humanMessage(e)}`;
    } finally {
      this.download.disabled = false;
    }
  }
}
