// Time zones and times, with the browser's Intl only (no library): wall-clock time in a zone to an instant
// and back, and how a time is shown.

// Zones the IANA database renamed, which Chromium's Intl still answers with (its ICU keeps the old ids): the page
// shows and sends the current name (the API's Java knows both).
const RENAMED_ZONES = {
  'Asia/Calcutta': 'Asia/Kolkata', 'Europe/Kiev': 'Europe/Kyiv', 'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu', 'Asia/Rangoon': 'Asia/Yangon', 'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Thimbu': 'Asia/Thimphu', 'Asia/Ulan_Bator': 'Asia/Ulaanbaatar', 'Asia/Macao': 'Asia/Macau',
  'Atlantic/Faeroe': 'Atlantic/Faroe', 'America/Godthab': 'America/Nuuk', 'Africa/Asmera': 'Africa/Asmara',
  'Pacific/Truk': 'Pacific/Chuuk', 'Pacific/Ponape': 'Pacific/Pohnpei', 'Pacific/Enderbury': 'Pacific/Kanton',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires', 'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba', 'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza', 'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville', 'Europe/Uzhgorod': 'Europe/Kyiv',
  'Europe/Zaporozhye': 'Europe/Kyiv', 'America/Coral_Harbour': 'America/Atikokan', 'UCT': 'UTC', 'Etc/UTC': 'UTC',
};

/** The zone's current IANA name ("Asia/Calcutta" → "Asia/Kolkata"). */
export function currentZoneName(zone) {
  return RENAMED_ZONES[zone] || zone;
}

export const viewerZone = currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

/** Every zone the browser knows, by its current name, once each, sorted; UTC first. */
export function allZones() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [viewerZone];
  const current = new Set([...zones, viewerZone].map(currentZoneName));
  current.delete('UTC');
  return ['UTC', ...[...current].sort()];
}

/** The wall-clock parts of an instant in a zone. */
function wallClock(epochMs, zone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Offset of a zone at an instant, in minutes east of UTC. */
function offsetMinutes(epochMs, zone) {
  const w = wallClock(epochMs, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

/**
 * The instant a wall-clock time in a zone means. A time skipped by a daylight-saving change has none
 * (null); a repeated time gives the earlier instant, as the API does.
 * @param date 'YYYY-MM-DD'  @param time 'HH:MM' or 'HH:MM:SS'
 */
export function toInstant(date, time, zone) {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s = 0] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const candidates = new Set();
  for (const probe of [wall - 36e5 * 14, wall, wall + 36e5 * 14]) {
    candidates.add(wall - offsetMinutes(probe, zone) * 60000);
  }
  const matching = [...candidates].filter((epoch) => {
    const w = wallClock(epoch, zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) === wall;
  }).sort((a, b) => a - b);
  return matching.length ? matching[0] : null;
}

/** ISO-8601 with the zone's offset at that instant, e.g. 2026-12-01T09:30:00+01:00. */
export function isoWithOffset(epochMs, zone) {
  const w = wallClock(epochMs, zone);
  const offset = offsetMinutes(epochMs, zone);
  const pad = (n, len = 2) => String(Math.abs(n)).padStart(len, '0');
  const sign = offset < 0 ? '-' : '+';
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
    + `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** {date: 'YYYY-MM-DD', time: 'HH:MM'} of an instant in a zone, for filling inputs (to the minute, as they take it). */
export function toInputs(epochMs, zone) {
  const w = wallClock(epochMs, zone);
  const pad = (n, len = 2) => String(n).padStart(len, '0');
  return { date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

export function formatInZone(iso, zone, withZoneName = false) {
  return new Intl.DateTimeFormat(undefined, {
    timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit',
    timeZoneName: withZoneName ? 'short' : undefined,
  }).format(new Date(iso));
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "in 5 min", "2 hours ago", "now". */
export function fromNow(iso, nowMs = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - nowMs) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 10) return 'now';
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

/** The city a zone is named after: "Europe/London" → "London", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(zone) {
  return zone.split('/').pop().replaceAll('_', ' ');
}

/**
 * "Tue 09:30 London": a time as the callee reads it, the day and month added when it is not within the coming week.
 */
export function shortWhen(iso, zone, nowMs = Date.now()) {
  const at = new Date(iso);
  const soon = Math.abs(at.getTime() - nowMs) < 6 * 86400000;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, weekday: 'short', day: soon ? undefined : 'numeric', month: soon ? undefined : 'short',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type) => (parts.find((p) => p.type === type) || {}).value;
  const day = soon ? get('weekday') : `${get('weekday')} ${get('day')} ${get('month')}`;
  return `${day} ${get('hour')}:${get('minute')} ${zoneCity(zone)}`;
}

/** "09:30": the wall-clock time of an instant in a zone. */
export function clockTime(iso, zone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));
}

/** The zone a call's times are told in: the callee's (the first of the zones its calling hours use), else the call's. */
export function calleeZone(call) {
  return currentZoneName((call.callingTimeZones && call.callingTimeZones[0]) || call.timeZone);
}

/**
 * A call's time as the callee reads it ("Tue 09:30 London") and, when the clock reads differently in the zone the
 * viewer shows times in, there too ("04:30 your time", "08:30 UTC"; null when the same).
 */
export function calleeAndViewerTimes(iso, zone, shownIn = displayZone(), nowMs = Date.now()) {
  const callee = shortWhen(iso, zone, nowMs);
  const theirs = clockTime(iso, zone);
  const ours = clockTime(iso, shownIn);
  if (ours === theirs) return { callee, viewer: null };
  const label = displayZoneChoice() === 'mine' ? 'your time' : zoneCity(shownIn);
  return { callee, viewer: `${ours} ${label}` };
}

// The zone the viewer shows times in (the header's choice, kept in this browser): "mine", "UTC" or an IANA name.
const DISPLAY_ZONE_KEY = 'call-scheduler.display-zone';
let unkeptChoice = null; // when the browser refuses storage: applied to this page only

export function displayZoneChoice() {
  try {
    return unkeptChoice || localStorage.getItem(DISPLAY_ZONE_KEY) || 'mine';
  } catch (e) {
    return 'mine';
  }
}

/** The zone "your time" and the timeline are shown in. */
export function displayZone() {
  const choice = displayZoneChoice();
  return choice === 'mine' ? viewerZone : currentZoneName(choice);
}

/** Keeps the choice and tells the page ('display-zone-changed' on window), which shows its times again. */
export function chooseDisplayZone(choice) {
  try {
    if (choice === 'mine') localStorage.removeItem(DISPLAY_ZONE_KEY);
    else localStorage.setItem(DISPLAY_ZONE_KEY, choice);
  } catch (e) {
    unkeptChoice = choice;
  }
  window.dispatchEvent(new CustomEvent('display-zone-changed'));
}
