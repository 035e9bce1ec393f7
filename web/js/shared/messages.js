// A sentence for people for every error code the API can answer (the API keeps its precise messages for
// developers; the page shows them one click away, "Details for support", where they help). Fields are named
// as the form names them. LocalCloud's MessagesCoverEveryApiErrorCodeTest fails when a code has no sentence.

/** The API's field names, as the form labels them. */
export const FIELD_NAMES = {
  phoneNumber: 'Phone number',
  contactName: 'Contact name',
  notes: 'Notes',
  scheduledAt: 'Time',
  timeZone: 'Time zone',
  calleeTimeZone: 'Callee\'s time zone',
  message: 'Message spoken to the callee',
  voice: 'Voice',
  language: 'Language',
  callerId: 'Caller ID',
  twimlUrl: 'TwiML URL',
  redial: 'Redial',
  'redial.on': 'Redial on',
  'redial.maxAttempts': 'Redial attempts',
  'redial.afterMinutes': 'Minutes between redials',
  reason: 'Reason',
  source: 'Source',
  expiresAt: 'Until',
  // Campaigns
  name: 'Campaign name',
  callingHours: 'Calling hours',
  callingDays: 'Calling days',
  maxCallsPerSecond: 'Calls per second',
  maxConcurrentCalls: 'Calls at once',
  startAt: 'Start',
  endAt: 'End',
  state: 'Campaign state',
  body: 'The file',
  defaultRegion: 'Country of numbers written without +',
  // Webhook endpoints
  url: 'Endpoint URL',
  events: 'Events',
  description: 'Description',
  disabled: 'Disabled',
  // Webhook deliveries
  since: 'Since',
  messageId: 'Delivery',
  // Outcome reports
  // `from` is the report's first day, and a series edit's first call: 'From' reads right for both.
  from: 'From',
  to: 'Last day',
  zone: 'Hours and days in',
  groupBy: 'Grouping',
  campaignId: 'Campaign',
  // Call series
  rrule: 'Repeat rule',
  repeatDays: 'Days of the week',
  until: 'Last day of calls',
  count: 'Number of calls',
  exdates: 'Skipped dates',
};

function fieldName(field) {
  return FIELD_NAMES[field] || 'A field';
}

/** code → (field name, API message) → sentence. */
const MESSAGES = {
  // The call's details
  MISSING_FIELD: (f) => `${f} is needed.`,
  INVALID_PHONE_NUMBER: () => 'Phone number: type it with + and the country code, for example +44 7700 900123.',
  NUMBER_NOT_ALLOWED: () => 'This phone number cannot be called: it is not a number that rings, or not of a kind this service calls.',
  COUNTRY_NOT_ALLOWED: () => 'Numbers in this country are not called by this service.',
  DAILY_LIMIT_REACHED: (f, m) => {
    const n = /its (\d+) dial attempts/.exec(m || '');
    return `This number has had ${n ? `its ${n[1]} calls` : 'all its calls'} for today; it can be called again tomorrow.`;
  },
  SUPPRESSED: () => 'This number is on the do-not-call list, so it cannot be called. Remove it from the list (Do not call) first if that is a mistake.',
  CALLER_ID_NOT_ALLOWED: () => 'Caller ID: this number is not one the calls may show; leave it empty for the usual one.',
  TOO_LONG: (f) => `${f} is too long.`,
  INVALID_CHARACTERS: (f) => `${f} contains characters that cannot be kept (such as control characters).`,
  INVALID_TYPE: (f) => `${f} has a value of the wrong kind.`,
  UNSUPPORTED_VOICE: () => 'Voice: choose one from the list.',
  UNSUPPORTED_LANGUAGE: () => 'Language: choose one from the list.',
  INVALID_TWIML_URL: () => 'TwiML URL: give a full https:// address.',
  TWIML_HOST_NOT_ALLOWED: () => 'TwiML URL: calls may only read their script from the sites this service allows.',
  CONFLICTING_FIELDS: (f) => (f === 'Number of calls' || f === 'Last day of calls'
    ? 'End the series on a date or after a number of calls, not both.'
    : 'Give either a message or a TwiML URL, not both.'),
  INVALID_REDIAL: (f) => `${f}: the redial settings are not ones this service accepts.`,
  // Campaigns
  INVALID_VALUE: (f) => ({
    'Last day of calls': 'Last day of calls: it is before the first call; choose a later one.',
    'Number of calls': 'Number of calls: give a number from 1 to 10,000.',
  }[f] || `${f}: this value is out of range.`),
  INVALID_CALLING_WINDOW: (f) => `${f}: write the hours like 08:00-20:00 and the days like Mon-Fri.`,
  OVER_DEPLOYMENT_LIMIT: (f) => `${f}: a campaign may ask for a share of this service's limits, never more.`,
  // When
  INVALID_DATE_TIME: (f) => `${f === 'A field' ? 'Time' : f}: this is not a date and time that can be read.`,
  MISSING_OFFSET: () => 'Time: say which time zone it is in.',
  NONEXISTENT_LOCAL_TIME: () => 'Time: this time does not exist on that day in that time zone (the clocks change); choose another.',
  IN_THE_PAST: () => 'Time: this time has passed. Choose a later one, or use "Call now".',
  TOO_FAR_AHEAD: () => 'Time: this is too far ahead; choose an earlier date.',
  INVALID_TIME_ZONE: (f) => `${f}: choose a time zone from the list, such as Europe/London.`,
  OUTSIDE_CALLING_HOURS: (f) => (f === 'Callee\'s time zone'
    ? 'No time is inside the calling hours for this number; give the callee\'s own time zone.'
    : 'Time: this is outside the callee\'s calling hours; choose a time when they may be called.'),
  // The call's life
  NOT_FOUND: () => 'This call no longer exists.',
  ILLEGAL_TRANSITION: (f) => (f === 'Campaign state'
    ? 'The campaign is no longer in a state that allows this (it changed meanwhile); it is shown as it is now.'
    : 'This call has already started or ended, so it can no longer be changed.'),
  CONCURRENT_UPDATE: () => 'The call changed at the same moment; try again.',
  IDEMPOTENCY_KEY_REUSED: () => 'This form was already sent with other details; send it again.',
  INVALID_IDEMPOTENCY_KEY: () => 'The page sent a request the service could not read; reload the page and try again.',
  // Requests the page builds itself: seen only after a bug or an outdated page
  MISSING_BODY: () => 'The request was empty; reload the page and try again.',
  MALFORMED_BODY: () => 'The request could not be read; reload the page and try again.',
  MALFORMED_JSON: () => 'The request could not be read; reload the page and try again.',
  TRAILING_CONTENT: () => 'The request could not be read; reload the page and try again.',
  INVALID_BODY: () => 'The request could not be read; reload the page and try again.',
  BODY_TOO_LARGE: () => 'The request is too large; shorten the message or notes.',
  DUPLICATE_FIELD: (f) => `${f} was given twice; reload the page and try again.`,
  UNKNOWN_FIELD: () => 'The page sent a field the service does not know; reload the page to get the current version.',
  UNKNOWN_PARAMETER: () => 'The page asked for something the service does not know; reload the page.',
  INVALID_LIMIT: () => 'The list could not be loaded as asked; reload the page.',
  INVALID_STATUS: () => 'The list could not be filtered that way; reload the page.',
  INVALID_VIEW: () => 'This view of the calls is not known to the service; reload the page.',
  INVALID_TOKEN: () => 'The list moved on while you read it; reload it to see more.',
  // The provider's status callbacks (never answered to the page, named for completeness)
  INVALID_SIGNATURE: () => 'A status update was refused: it did not come from the telephony provider.',
  // The service itself
  SERVICE_UNAVAILABLE: () => 'The service is briefly unavailable; nothing was changed. Try again in a moment.',
  INTERNAL_ERROR: () => 'Something went wrong on our side and it is not known whether it was done. Check the list, then try again.',
  API_KEY_REQUIRED: () => 'The service needs its key: use "Enter the API key" at the top of the page.',
  // Campaigns: the message template and the contacts file (nothing of a refused file is imported)
  UNKNOWN_TEMPLATE_FIELD: () => 'Message: a {{field}} in it names no contact column.',
  INVALID_MESSAGE_TEMPLATE: () => 'Message: write each field as a column name in double braces, such as {{contactName}}.',
  FILE_TOO_LARGE: () => 'The file is larger than 5 MB; split it into several files.',
  TOO_MANY_ROWS: () => 'The file has more than 10,000 rows; split it into several files and send each.',
  TOO_MANY_COLUMNS: () => 'The file has more than 50 columns; keep the columns the calls and your results need.',
  EMPTY_FILE: () => 'The file is empty; it needs a header row and a row per contact.',
  NO_ROWS: () => 'The file has a header row but no contacts.',
  NOT_CSV: () => 'This is not a CSV file; save it from the spreadsheet as "CSV UTF-8".',
  NOT_UTF8: (f, m, line) => `${lineOf(m, line)}the file is not UTF-8; save it from the spreadsheet as "CSV UTF-8".`,
  MALFORMED_CSV: (f, m, line) => `${lineOf(m, line)}a quoted cell is not closed properly.`,
  RAGGED_ROW: (f, m, line) => `${lineOf(m, line)}the row has more or fewer cells than the header has columns.`,
  MISSING_COLUMN: () => 'The file\'s header row lacks a column it needs, such as phoneNumber.',
  DUPLICATE_COLUMN: () => 'The file\'s header row names a column twice.',
  EMPTY_COLUMN_NAME: () => 'The file\'s header row has a column without a name.',
  INVALID_REGION: () => 'Default country: choose a country from the list.',
  MISNAMED_COLUMN: () => 'A column of the file\'s header row is misspelt: write phoneNumber, reason, source and expiresAt exactly so.',
  // Webhook endpoints
  INVALID_URL: () => 'Endpoint URL: give a full address such as https://example.com/webhooks, without a password or #.',
  INSECURE_URL: () => 'Endpoint URL: it must start with https://, as the events carry your calls\' details.',
  UNRESOLVABLE_HOST: () => 'Endpoint URL: its host name could not be found; check the spelling.',
  FORBIDDEN_ADDRESS: () => 'Endpoint URL: it leads to a private or internal address; events are sent to public addresses only.',
  EMPTY_EVENTS: () => 'Events: choose at least one, or all.',
  INVALID_EVENT_TYPE: () => 'Events: choose from the list, or all.',
  // Call series: the repeat rule
  INVALID_RRULE: () => 'Repeat rule: this is not a rule that can be read; write it like FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=30.',
  TOO_FREQUENT: () => 'Repeat rule: a series calls at most once an hour; for several calls a day use FREQ=DAILY with BYHOUR=9,17 and one BYMINUTE.',
  NEVER_MATCHES: () => 'Repeat rule: no date ever matches it (such as the 30th of February); change the rule.',
  NO_OCCURRENCES: (f) => (f === 'Last day of calls'
    ? 'Last day of calls: the first call would come after it; choose a later date.'
    : `${f}: with this, the series would make no call at all.`),
  TOO_MANY: (f) => `${f}: too many dates; at most 1,000.`,
  NOT_AN_OCCURRENCE: () => 'From which call: that is not one of the series\' calls (any more); choose one of its next calls.',
  // Webhook deliveries
  ENDPOINT_DISABLED: () => 'This endpoint is disabled, so nothing is sent to it; enable it first.',
};

/** "Line 3: " from the error's line, or from an API message saying "line 3 ...", else "The file: ". */
function lineOf(message, line) {
  if (Number.isInteger(line)) return `Line ${line}: `;
  const named = /\bline (\d+)/.exec(message || '');
  return named ? `Line ${named[1]}: ` : 'The file: ';
}

/** Codes whose API message carries what support needs (which rule, which request) beyond the sentence. */
const SUPPORT_DETAIL = new Set(['NUMBER_NOT_ALLOWED', 'COUNTRY_NOT_ALLOWED', 'OUTSIDE_CALLING_HOURS', 'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE', 'INVALID_REDIAL', 'TWIML_HOST_NOT_ALLOWED', 'INVALID_BODY', 'MALFORMED_BODY', 'MALFORMED_JSON',
  'UNKNOWN_FIELD', 'UNKNOWN_PARAMETER', 'INVALID_TYPE', 'INVALID_RRULE']);

/** Every code with a sentence (for tests and for the support line). */
export const KNOWN_CODES = Object.keys(MESSAGES);

/**
 * The sentence for an error: for an API answer with a code, the code's sentence; otherwise (the page's own
 * checks, an unreachable API) the error's own message, which the page already words for people.
 */
export function humanMessage(error) {
  if (!error) return '';
  const sentence = error.code && error.status ? MESSAGES[error.code] : null;
  if (sentence) return sentence(fieldName(error.field), error.message, error.line);
  if (error.status >= 400 && error.status < 500 && error.code) return 'The service refused this request.';
  return error.message;
}

/** The API's own words for support, or null where they add nothing to the sentence. */
export function supportDetail(error) {
  if (!error || !error.status || !error.code) return null;
  if (MESSAGES[error.code] && !SUPPORT_DETAIL.has(error.code)) return null;
  return `${error.code} (${error.status}): ${error.message}`;
}
