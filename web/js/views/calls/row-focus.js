// Where keyboard focus goes when the row it was on changes: never to the top of the page.

/** Focuses the first action of the row at `index` (or the last row), else the list's heading. */
export function focusRowAt(body, index) {
  const row = body.rows[Math.min(index, body.rows.length - 1)];
  const target = row ? row.querySelector('.row-actions button') : document.getElementById('calls-heading');
  if (target) target.focus();
}
