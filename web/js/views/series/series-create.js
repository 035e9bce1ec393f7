// Saving the schedule form as a series (POST /series). One Idempotency-Key per series the person means to create, as
// for a call: a resend of the same form after an unanswered attempt reuses it, so no second series is made.

import { api, ApiError, newIdempotencyKey } from '../../shared/api.js';
import { announce, showErrors } from '../../shared/dom.js';
import { confirmAction } from '../../shell/notice.js';
import { routeTo } from '../../shell/router.js';
import { seriesInWords } from './rule.js';

/**
 * Creates the series the call form describes; a refusal is shown next to the field it names.
 * @param form the <call-form> (its form, errors and repeat fields)
 * @param call the call's fields
 * @returns whether it was created
 */
export async function createSeries(form, call) {
  let body;
  try {
    body = { ...call, ...form.repeat.fields() };
  } catch (e) {
    showErrors(form.form, form.errors, e);
    return false;
  }
  const fingerprint = JSON.stringify(body);
  if (!form.unconfirmedSeries || form.unconfirmedSeries.fingerprint !== fingerprint) {
    form.unconfirmedSeries = { fingerprint, key: newIdempotencyKey() };
  }
  try {
    const series = await api.createSeries(body, form.unconfirmedSeries.key);
    form.unconfirmedSeries = null;
    const words = `${seriesInWords(series)}, in ${series.timeZone.replaceAll('_', ' ')} time`;
    confirmAction(`Scheduled a series of calls to ${series.contactName || series.phoneNumber}: ${words}.`,
      { href: routeTo(['series', series.id]), text: 'See the series' });
    announce(`Series scheduled: ${words}.`);
    form.dispatchEvent(new CustomEvent('call-created', { bubbles: true }));
    return true;
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError(String(e));
    if (error.status >= 400 && error.status < 500) form.unconfirmedSeries = null; // refused: nothing was created
    showErrors(form.form, form.errors, error.timedOut
      ? new ApiError(`${error.message}. The series may already be saved: sending it again is safe, it will not be created twice.`)
      : error);
    return false;
  }
}
