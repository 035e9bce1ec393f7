// Downloads a campaign's results as one CSV file: GET /campaigns/{id}/results.csv answers page by page (a Link
// rel="next" names the next), so every page is read, the header row kept once, and the whole saved as one file.

import { api } from '../../shared/api.js';
import { el } from '../../shared/dom.js';

/** Pages beyond this are a loop, not a campaign (100,000 contacts are far fewer pages). */
const MAX_PAGES = 10000;

/** The first line of a CSV text, with its line break ("" for none). Header cells never span lines. */
function firstLine(text) {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end + 1);
}

/**
 * The pages as one CSV: a page that starts with the first page's header row has it removed, so that the file has
 * one header, then every row in order.
 */
export function joinPages(pages) {
  if (!pages.length) return '';
  const header = firstLine(pages[0]);
  const same = (line) => line.replace(/\r?\n$/, '') === header.replace(/\r?\n$/, '');
  return pages.map((page, i) => {
    if (i === 0 || !header || !same(firstLine(page))) return page;
    return page.slice(firstLine(page).length);
  }).map((page, i, all) => (i < all.length - 1 && page && !page.endsWith('\n') ? `${page}\r\n` : page)).join('');
}

/** "dentist-reminders-results.csv": the file's name from the campaign's. */
export function fileName(campaign) {
  const slug = campaign.name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${slug || 'campaign'}-results.csv`;
}

/** Reads every page (telling `progress` how many so far) and saves one file; answers the file's name. */
export async function downloadResults(campaign, progress = () => {}) {
  const pages = [];
  let next = null;
  do {
    const page = await api.resultsPage(campaign.id, next);
    pages.push(page.text);
    progress(pages.length);
    next = page.next;
  } while (next && pages.length < MAX_PAGES);
  const name = fileName(campaign);
  const url = URL.createObjectURL(new Blob([joinPages(pages)], { type: 'text/csv;charset=utf-8' }));
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000); // after the browser has taken the file
  return name;
}
