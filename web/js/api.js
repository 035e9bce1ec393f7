// The Call Scheduler API, as the page uses it. Every failure becomes an ApiError: `field` names the input
// the API blamed (null for none), `offline` is true when the API could not be reached at all.

const config = window.CALL_SCHEDULER_CONFIG || {};
const TIMEOUT_MS = 10000;

export class ApiError extends Error {
  constructor(message, { status = 0, code = null, field = null, offline = false } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.offline = offline;
  }
}

export function configured() {
  return typeof config.apiBaseUrl === 'string' && config.apiBaseUrl.length > 0;
}

async function request(method, path, body) {
  if (!configured()) {
    throw new ApiError('config.js does not say where the API is (apiBaseUrl)', { offline: true });
  }
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (config.apiKey) headers['x-api-key'] = config.apiKey;
  let response;
  try {
    response = await fetch(config.apiBaseUrl.replace(/\/$/, '') + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new ApiError('The API cannot be reached', { offline: true });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    // not JSON: handled below
  }
  if (!response.ok) {
    const error = json && json.error;
    if (error) throw new ApiError(error.message, { status: response.status, code: error.code, field: error.field });
    const message = (json && json.message) || `The API answered ${response.status}`;
    throw new ApiError(message, { status: response.status, offline: response.status >= 500 });
  }
  return json;
}

export const api = {
  /** @param filter {statuses: string[], search: string} */
  list(filter, limit, nextToken) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (filter.statuses.length) params.set('status', filter.statuses.join(','));
    if (filter.search) params.set('q', filter.search);
    if (nextToken) params.set('nextToken', nextToken);
    return request('GET', `/calls?${params}`);
  },
  counts: () => request('GET', '/calls/counts'),
  get: (id) => request('GET', `/calls/${encodeURIComponent(id)}`),
  create: (call) => request('POST', '/calls', call),
  cancel: (id) => request('DELETE', `/calls/${encodeURIComponent(id)}`),
  reschedule: (id, change) => request('PATCH', `/calls/${encodeURIComponent(id)}`, change),
};
