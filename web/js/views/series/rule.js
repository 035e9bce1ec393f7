// A series' repeat rule, both ways: the schedule form's "Repeat" choice built into the API's fields (an RFC 5545 RRULE,
// startAt, until or count), a rule read back into that choice (to edit it), and a rule told in words ("every weekday
// at 09:30"). Pure: no DOM, no requests, so that it is tested on its own (SeriesBrowserTest).

/** The form's choices, in the order it offers them. */
export const REPEATS = [
  { id: 'none', label: 'Does not repeat' },
  { id: 'daily', label: 'Daily' },
  { id: 'weekdays', label: 'Every weekday (Monday to Friday)' },
  { id: 'weekly', label: 'Weekly on chosen days' },
  { id: 'monthly', label: 'Monthly on this day' },
  { id: 'custom', label: 'Custom rule (RRULE)' },
];

/** RFC 5545's weekday codes, Monday first, with their names. */
export const DAYS = [['MO', 'Monday'], ['TU', 'Tuesday'], ['WE', 'Wednesday'], ['TH', 'Thursday'], ['FR', 'Friday'],
  ['SA', 'Saturday'], ['SU', 'Sunday']];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];

/** A choice the page refuses before asking the API, naming the field to fix (as an API error does). */
export class RuleError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

/** 'MO'... of a 'YYYY-MM-DD' date (its weekday on the calendar, whatever the zone). */
export function weekdayOf(date) {
  const [y, m, d] = date.split('-').map(Number);
  return DAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7][0];
}

/**
 * The API's series fields for a choice, or null for "Does not repeat".
 * @param choice {repeat, date: 'YYYY-MM-DD', time: 'HH:MM', days: ['MO', ...], custom: string,
 *               end: 'never'|'until'|'count', untilDate: 'YYYY-MM-DD', count: string|number}
 * @returns {{rrule: string, startAt: string, until?: string, count?: number}}
 * @throws RuleError naming startAt, repeatDays, rrule, until or count
 */
export function seriesFields(choice) {
  if (!choice.repeat || choice.repeat === 'none') return null;
  if (!choice.date || !choice.time) throw new RuleError('startAt', 'Choose the date and time of the first call.');
  const [hour, minute] = choice.time.split(':').map(Number);
  // The time of day is in the rule itself, as people read it; startAt only says from when.
  const at = `BYHOUR=${hour};BYMINUTE=${minute}`;
  let rrule;
  switch (choice.repeat) {
    case 'daily':
      rrule = `FREQ=DAILY;${at}`;
      break;
    case 'weekdays':
      rrule = `FREQ=WEEKLY;BYDAY=${WEEKDAYS.join(',')};${at}`;
      break;
    case 'weekly': {
      const days = DAYS.map(([code]) => code).filter((code) => (choice.days || []).includes(code));
      if (!days.length) throw new RuleError('repeatDays', 'Choose at least one day of the week.');
      rrule = `FREQ=WEEKLY;BYDAY=${days.join(',')};${at}`;
      break;
    }
    case 'monthly':
      rrule = `FREQ=MONTHLY;BYMONTHDAY=${Number(choice.date.slice(8, 10))};${at}`;
      break;
    case 'custom':
      rrule = (choice.custom || '').trim().replace(/^RRULE:/i, '');
      if (!rrule) throw new RuleError('rrule', 'Write the rule, such as FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=30.');
      break;
    default:
      throw new RuleError('rrule', `Unknown repeat choice ${choice.repeat}.`);
  }
  const fields = { rrule, startAt: `${choice.date}T${choice.time}` };
  if (choice.end === 'until') {
    if (!choice.untilDate) throw new RuleError('until', 'Choose the date of the last call.');
    if (choice.untilDate < choice.date) throw new RuleError('until', 'The last date is before the first call.');
    fields.until = `${choice.untilDate}T23:59:59`; // the whole of that day, in the series' zone
  } else if (choice.end === 'count') {
    const count = Number(choice.count);
    if (!Number.isInteger(count) || count < 1) throw new RuleError('count', 'Give the number of calls, 1 or more.');
    fields.count = count;
  }
  return fields;
}

/** The parts of an RRULE: {FREQ: 'WEEKLY', BYDAY: 'MO,TU', ...} (names upper-cased). */
export function ruleParts(rrule) {
  const parts = {};
  for (const part of String(rrule || '').replace(/^RRULE:/i, '').split(';')) {
    const [name, value] = part.split('=');
    if (name && value !== undefined) parts[name.trim().toUpperCase()] = value.trim().toUpperCase();
  }
  return parts;
}

const SIMPLE = new Set(['FREQ', 'BYDAY', 'BYMONTHDAY', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'WKST']);

/** The form's choice for a series' rule (to edit it): a simple rule as its choice, any other as a custom rule. */
export function choiceOf(series) {
  const parts = ruleParts(series.rrule);
  const [date, time = ''] = String(series.startAt || '').split('T');
  const base = { date, time: time.slice(0, 5), days: [], custom: series.rrule, end: 'never', untilDate: '', count: '' };
  if (series.until) Object.assign(base, { end: 'until', untilDate: series.until.slice(0, 10) });
  else if (series.count) Object.assign(base, { end: 'count', count: String(series.count) });
  const simple = Object.keys(parts).every((name) => SIMPLE.has(name)) && !(parts.BYHOUR || '').includes(',')
    && (!parts.BYSECOND || parts.BYSECOND === '0');
  const days = parts.BYDAY ? parts.BYDAY.split(',') : [];
  if (simple && days.every((d) => DAYS.some(([code]) => code === d))) {
    if (parts.FREQ === 'DAILY' && !parts.BYDAY && !parts.BYMONTHDAY) return { ...base, repeat: 'daily' };
    if (parts.FREQ === 'WEEKLY' && !parts.BYMONTHDAY && days.length) {
      return days.join(',') === WEEKDAYS.join(',') ? { ...base, repeat: 'weekdays' } : { ...base, repeat: 'weekly', days };
    }
    if (parts.FREQ === 'MONTHLY' && !parts.BYDAY && parts.BYMONTHDAY && Number(parts.BYMONTHDAY) === Number(date.slice(8, 10))) {
      return { ...base, repeat: 'monthly' };
    }
  }
  return { ...base, repeat: 'custom' };
}

function list(words) {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
  return `${n}${suffix}`;
}

const pad = (n) => String(n).padStart(2, '0');

/** "09:30" or "09:30 and 17:30": the rule's times of day (from startAt where the rule names none). */
function timesOfDay(parts, startAt) {
  const [, time = '00:00'] = String(startAt || '').split('T');
  const hours = parts.BYHOUR ? parts.BYHOUR.split(',').map(Number) : [Number(time.slice(0, 2))];
  const minute = parts.BYMINUTE ? Number(parts.BYMINUTE.split(',')[0]) : Number(time.slice(3, 5));
  return list(hours.sort((a, b) => a - b).map((h) => `${pad(h)}:${pad(minute)}`));
}

/**
 * A rule in words: "every weekday at 09:30", "every Monday and Thursday at 18:00", "monthly on the 14th at 09:30",
 * "every 2 days at 08:00"; a rule these words do not cover is given as it is written ("by the rule FREQ=...").
 */
export function ruleInWords(rrule, startAt) {
  const parts = ruleParts(rrule);
  const interval = Number(parts.INTERVAL || 1);
  const at = `at ${timesOfDay(parts, startAt)}`;
  const known = Object.keys(parts).every((name) => SIMPLE.has(name) || name === 'INTERVAL');
  const days = parts.BYDAY ? parts.BYDAY.split(',') : [];
  const dayNames = days.map((d) => (DAYS.find(([code]) => code === d) || [])[1]);
  if (known && !dayNames.includes(undefined) && !(parts.BYMINUTE || '').includes(',')) {
    if (parts.FREQ === 'DAILY' && !days.length && !parts.BYMONTHDAY) {
      return interval === 1 ? `every day ${at}` : `every ${interval} days ${at}`;
    }
    if (parts.FREQ === 'WEEKLY' && !parts.BYMONTHDAY && interval === 1) {
      if (days.length === 7) return `every day ${at}`;
      if (days.length === 5 && WEEKDAYS.every((d) => days.includes(d))) return `every weekday ${at}`;
      if (days.length) return `every ${list(DAYS.filter(([code]) => days.includes(code)).map(([, name]) => name))} ${at}`;
    }
    if (parts.FREQ === 'MONTHLY' && !days.length && parts.BYMONTHDAY && /^\d+$/.test(parts.BYMONTHDAY)) {
      return `${interval === 1 ? 'monthly' : `every ${interval} months`} on the ${ordinal(Number(parts.BYMONTHDAY))} ${at}`;
    }
  }
  return `by the rule ${String(rrule).replace(/^RRULE:/i, '')}`;
}

/** "Every weekday at 09:30, 10 calls in all" / ", until 31 Dec 2027": the whole series in one sentence. */
export function seriesInWords(series) {
  const words = ruleInWords(series.rrule, series.startAt);
  const sentence = words.charAt(0).toUpperCase() + words.slice(1);
  if (series.count) return `${sentence}, ${series.count} call${series.count === 1 ? '' : 's'} in all`;
  if (series.until) return `${sentence}, until ${dayText(series.until.slice(0, 10))}`;
  return sentence;
}

/** "Tue 14 Mar 2027": a calendar date in words (its own, in no zone). */
export function dayText(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** "UTC−04:00" from an offset such as "-04:00" or "Z". */
export function offsetText(utcOffset) {
  if (!utcOffset || utcOffset === 'Z' || utcOffset === '+00:00') return 'UTC';
  return `UTC${utcOffset.replace('-', '−')}`;
}

/**
 * The next occurrences as the form and the series view list them: [{occurrence, at, when: "Sun 14 Mar 2027, 03:30",
 * offset: "UTC−04:00", offsetChanged: bool, moved: bool}], `offsetChanged` where the zone's UTC offset differs from the
 * one before (the clocks changed in between) and `moved` where the occurrence dials at another wall-clock time than its
 * own (a time the spring change skips).
 */
export function occurrenceRows(occurrences, zone) {
  let previous = null;
  return (occurrences || []).map((o) => {
    const when = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).format(new Date(o.at));
    const dialsAt = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(o.at));
    const row = {
      occurrence: o.occurrence, at: o.at, when, offset: offsetText(o.utcOffset),
      offsetChanged: previous !== null && previous !== o.utcOffset,
      moved: Boolean(o.occurrence) && o.occurrence.slice(11, 16) !== dialsAt,
    };
    previous = o.utcOffset;
    return row;
  });
}
