// The Reports view's state and a pure reducer over it, with the view's wording: the question asked of
// GET /reports/outcomes (range, campaign, zone), the rows each chart and table show, the key figures and how current
// the counts are, in plain words. No DOM, no requests: the elements render from this state.

import { formatCount, plural } from '../../shared/numbers.js';
import { toInstant, toInputs, isoWithOffset, zoneCity } from '../../shared/time.js';

/** The default range: the last 30 days, today included. */
export const DEFAULT_DAYS = 30;

/** The five outcomes of the stacked bars, in stacking order (bottom first), with their metric and words. */
export const OUTCOMES = [
  { id: 'answered', label: 'Answered' },
  { id: 'busy', label: 'Busy' },
  { id: 'noAnswer', label: 'No answer' },
  { id: 'failed', label: 'Failed' },
  { id: 'canceled', label: 'Canceled' },
];

const DAY_MS = 86400000;

/** 'YYYY-MM-DD' plus `days` (calendar arithmetic in UTC, so no zone's clock change moves it). */
export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** {from, to}: the last {@link DEFAULT_DAYS} days in `zone`, today (at `nowMs`) the last. */
export function defaultRange(nowMs, zone) {
  const today = toInputs(nowMs, zone).date;
  return { from: addDays(today, 1 - DEFAULT_DAYS), to: today };
}

/** The instant a date starts in a zone (00:00, or the first hour that exists when a clock change skips midnight). */
function startOfDay(date, zone) {
  for (const time of ['00:00', '01:00', '02:00']) {
    const instant = toInstant(date, time, zone);
    if (instant !== null) return instant;
  }
  return toInstant(date, '03:00', zone);
}

/**
 * The query of both reports: the range's dates read in `displayZone` (from the first day's start to the last day's
 * end), the campaign, and the zone hours and days are read in ('callee', or the display zone's name).
 */
export function reportQuery(filters, displayZone) {
  const query = {
    from: isoWithOffset(startOfDay(filters.from, displayZone), displayZone),
    to: isoWithOffset(startOfDay(addDays(filters.to, 1), displayZone), displayZone),
    zone: filters.zone === 'display' ? displayZone : 'callee',
  };
  if (filters.campaignId) query.campaignId = filters.campaignId;
  return query;
}

/** What is wrong with the range as typed, in words, or null when it can be asked. */
export function rangeProblem(filters) {
  if (!filters.from || !filters.to) return 'Choose the first and the last day.';
  if (filters.from > filters.to) return 'The first day must not be after the last day.';
  if (addDays(filters.from, 366) <= filters.to) return 'A report covers at most 366 days; choose a shorter range.';
  return null;
}

/** "62%", "57.1%", or "no calls" for a rate of nothing (null). */
export function percentText(rate) {
  if (rate === null || rate === undefined) return 'no calls';
  return new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** "45 s", "4 min", "1 min 30 s", "1 h 5 min"; "none" when there were no durations (null). */
export function durationText(seconds) {
  if (seconds === null || seconds === undefined) return 'none';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const s = seconds % 60;
    return `${Math.floor(seconds / 60)} min${s ? ` ${s} s` : ''}`;
  }
  const m = Math.floor((seconds % 3600) / 60);
  return `${Math.floor(seconds / 3600)} h${m ? ` ${m} min` : ''}`;
}

/** "09:00". */
export function hourLabel(hour) {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "Mon 2 Mar" for '2026-03-02' (a date, not an instant: no zone moves it). */
export function dayLabel(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** "callee's local time" or "Paris time": the zone the hours and days are read in. */
export function zoneWords(filters, displayZone) {
  return filters.zone === 'display' ? `${zoneCity(displayZone)} time` : 'each callee\'s local time';
}

/**
 * "Counted up to 14:32" (today, in `zone`), "Counted up to 14:32 on Sun 6 Dec" (another day), or that nothing has been
 * counted yet (asOf null): how current the reports are.
 */
export function asOfText(asOf, zone, nowMs) {
  if (!asOf) return 'Nothing counted yet: calls are counted here once they end.';
  const at = Date.parse(asOf);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (toInputs(at, zone).date === toInputs(nowMs, zone).date) return `Counted up to ${time}.`;
  return `Counted up to ${time} on ${dayLabel(toInputs(at, zone).date)}.`;
}

/** The 24 rows of the hour-of-day report: {hour, label, calls, answered, notCanceled, answerRate}. */
export function hourRows(report) {
  const byHour = new Map(((report && report.groups) || []).map((g) => [g.key, g]));
  return Array.from({ length: 24 }, (_, hour) => {
    const g = byHour.get(hour) || {};
    return { hour, label: hourLabel(hour), calls: g.calls || 0, answered: g.answered || 0,
      notCanceled: (g.calls || 0) - (g.canceled || 0), answerRate: g.answerRate ?? null };
  });
}

/**
 * The days of the per-day chart: every date of the range, and any date the report has beyond it (with callees'
 * local days, a call can end on a date the viewer's range does not name), each with its five outcomes' counts.
 */
export function dayRows(report, filters) {
  const byDay = new Map(((report && report.groups) || []).map((g) => [g.key, g]));
  const dates = new Set(byDay.keys());
  if (!rangeProblem(filters)) {
    for (let d = filters.from; d <= filters.to; d = addDays(d, 1)) dates.add(d);
  }
  return [...dates].sort().map((day) => {
    const g = byDay.get(day) || {};
    const row = { day, label: dayLabel(day), calls: g.calls || 0 };
    OUTCOMES.forEach((o) => { row[o.id] = g[o.id] || 0; });
    return row;
  });
}

/** The key figures: [{id, term, value}], answered by machine only where detection was on for some calls. */
export function keyFigures(totals) {
  const figures = [
    { id: 'calls', term: 'Calls', value: formatCount(totals.calls) },
    { id: 'attempts', term: 'Dial attempts', value: `${formatCount(totals.dialAttempts)}${totals.redialedCalls
      ? ` (${plural(totals.redialedCalls, 'call')} redialed)` : ''}` },
    { id: 'answer-rate', term: 'Answer rate', value: totals.answerRate === null ? 'none: every call was canceled'
      : `${percentText(totals.answerRate)} (${formatCount(totals.answered)} of ${formatCount(totals.calls - totals.canceled)} not canceled)` },
    { id: 'talk-time', term: 'Talk time', value: totals.talkTimeCalls
      ? `median ${durationText(totals.talkTimeP50Seconds)}, 90th percentile ${durationText(totals.talkTimeP90Seconds)}`
      : 'no answered call with a duration' },
    { id: 'ring-time', term: 'Ring time', value: totals.ringTimeCalls ? `median ${durationText(totals.ringTimeP50Seconds)}`
      : 'no answered call' },
  ];
  if (totals.machineDetectionCalls) {
    figures.push({ id: 'machine', term: 'Answered by a machine', value: `${formatCount(totals.answeredByMachine)} of `
      + `${plural(totals.machineDetectionCalls, 'call')} checked (${percentText(totals.answeredByMachineShare)})` });
  }
  return figures;
}

/** The hour chart's summary for screen readers: the best and worst hours, and how many had none. */
export function hourSummary(rows, zoneText) {
  const rated = rows.filter((r) => r.answerRate !== null);
  if (!rated.length) return `Answer rate by hour of day, in ${zoneText}: no calls that were not canceled.`;
  const best = rated.reduce((a, b) => (b.answerRate > a.answerRate ? b : a));
  const worst = rated.reduce((a, b) => (b.answerRate < a.answerRate ? b : a));
  const none = 24 - rated.length;
  return `Answer rate by hour of day, in ${zoneText}: highest ${percentText(best.answerRate)} at ${best.label}, `
    + `lowest ${percentText(worst.answerRate)} at ${worst.label}${none ? `; ${plural(none, 'hour')} with no call to rate` : ''}.`;
}

/** The per-day chart's summary for screen readers: the range, the total of each outcome, the busiest day. */
export function daySummary(rows, totals) {
  if (!rows.length) return 'Outcomes per day: no days.';
  const busiest = rows.reduce((a, b) => (b.calls > a.calls ? b : a));
  const outcomes = OUTCOMES.map((o) => `${formatCount(totals[o.id])} ${o.label.toLowerCase()}`).join(', ');
  return `Outcomes per day, ${rows[0].label} to ${rows[rows.length - 1].label}: ${plural(totals.calls, 'call')} `
    + `(${outcomes}); the most on ${busiest.label}, ${formatCount(busiest.calls)}.`;
}

/** "outcomes-by-day-2026-03-01-to-2026-03-30.csv". */
export function csvFileName(groupBy, filters) {
  return `outcomes-by-${groupBy}-${filters.from}-to-${filters.to}.csv`;
}

export const initialState = {
  /** The question: the range's first and last dates (YYYY-MM-DD, in the display zone), a campaign id or null, and
   * where hours and days are read: 'callee' or 'display'. Null dates until the view sets its default. */
  filters: { from: null, to: null, campaignId: null, zone: 'callee' },
  /** The campaigns the filter offers: [{id, name}], and an error reading them. */
  campaigns: [],
  campaignsError: null,
  /** The reports: which request is the latest (an older answer is dropped), its answers, and an error. */
  requested: 0,
  loading: false,
  hourly: null,
  daily: null,
  error: null,
};

export function reduce(state, action) {
  switch (action.type) {
    case 'filters-changed':
      return { ...state, filters: { ...state.filters, ...action.filters } };
    case 'campaigns-loaded':
      return { ...state, campaigns: action.campaigns.map((c) => ({ id: c.id, name: c.name })), campaignsError: null };
    case 'campaigns-failed':
      return { ...state, campaignsError: action.error };
    case 'report-requested':
      return { ...state, requested: action.seq, loading: true, error: null };
    case 'report-loaded':
      if (action.seq !== state.requested) return state; // an answer to a question since changed
      return { ...state, loading: false, error: null, hourly: action.hourly, daily: action.daily };
    case 'report-failed':
      if (action.seq !== state.requested) return state;
      return { ...state, loading: false, error: action.error, hourly: null, daily: null };
    default:
      return state;
  }
}
