// Saving the schedule form as a series (POST /series). The API takes no Idempotency-Key for a series, so an unanswered
// create is not sent again by itself: the person is told to look in the Series view first.

import { api, ApiError } from '../../shared/api.js';
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
  try {
    const series = await api.createSeries(body);
    const words = `${seriesInWords(series)}, in ${series.timeZone.replaceAll('_', ' ')} time`;
    confirmAction(`Scheduled a series of calls to ${series.contactName || series.phoneNumber}: ${words}.`,
      { href: routeTo(['series', series.id]), text: 'See the series' });
    announce(`Series scheduled: ${words}.`);
    form.dispatchEvent(new CustomEvent('call-created', { bubbles: true }));
    return true;
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError(String(e));
    showErrors(form.form, form.errors, error.timedOut
      ? new ApiError(`${error.message}. The series may already be saved: look in Series before sending it again.`)
      : error);
    return false;
  }
}
