// Time zones and times, with the browser's Intl only (no library): wall-clock time in a zone to an instant
// and back, and how a time is shown.

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function allZones() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [viewerZone];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
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

/** {date: 'YYYY-MM-DD', time: 'HH:MM:SS'} of an instant in a zone, for filling inputs. */
export function toInputs(epochMs, zone) {
  const w = wallClock(epochMs, zone);
  const pad = (n, len = 2) => String(n).padStart(len, '0');
  return { date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` };
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
