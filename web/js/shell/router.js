// The hash router: one URL per view (#/calls/upcoming), so that reload, back and forward work and a view can be
// linked to. A route may carry parameters after "?" (#/calls/now?call=<id> opens that call).

export const DEFAULT_ROUTE = '#/calls/now';

/** The route in the address bar: {path: ['calls', 'now'], params: URLSearchParams}. */
export function currentRoute() {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  return { path: path.split('/').filter(Boolean), params: new URLSearchParams(query) };
}

/** The address of a route: routeTo(['calls', 'now'], {call: id}) is "#/calls/now?call=<id>". */
export function routeTo(path, params = {}) {
  const query = new URLSearchParams(params).toString();
  return `#/${path.join('/')}${query ? `?${query}` : ''}`;
}

/** Goes to a route; `replace` keeps it out of the history (for a correction or a closed dialog). */
export function go(hash, { replace = false } = {}) {
  if (window.location.hash === hash) return;
  if (replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

/** Calls `listener(route)` now and on every change of the address's hash. */
export function onRoute(listener) {
  window.addEventListener('hashchange', () => listener(currentRoute()));
  listener(currentRoute());
}

/** Drops the route's parameters without a history entry or a route change (a dialog they opened was closed). */
export function dropParams() {
  const { path, params } = currentRoute();
  if ([...params].length) window.history.replaceState(null, '', routeTo(path));
}
