// The public API through the gateway (same origin). JSON in and out; problems (RFC 9457) become ApiError.
import { accessToken, refresh } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.headers = headers;
  }
}

let unauthorizedHandler = () => {};
/** fn(reason) when the gateway refuses the session: 'deactivated' or 'expired'. */
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * api('/api/tickets/1', {method: 'PATCH', body: {...}, etag: '"3"'}) → {data, etag, status}.
 * 429 is retried after Retry-After (up to 3 times); a 401 once after a token refresh. idempotencyKey goes out as
 * Idempotency-Key on every attempt, so a retried write is applied once.
 */
export async function api(path, { method = 'GET', body, etag, query, raw, contentType, idempotencyKey } = {}) {
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(key, value);
    }
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  let refreshed = false;
  for (let attempt = 0; ; attempt += 1) {
    const headers = { Accept: 'application/json, application/problem+json', Authorization: `Bearer ${await accessToken()}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // a body that is not JSON (an iCalendar file) goes as it is, with its own type
    if (raw !== undefined) headers['Content-Type'] = contentType || 'text/plain';
    if (etag) headers['If-Match'] = etag;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const payload = raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body);
    const response = await fetch(url, { method, headers, body: payload });
    if (response.status === 429 && attempt < 3) {
      await sleep(Math.min(5, Number(response.headers.get('Retry-After')) || 1) * 1000);
      continue;
    }
    if (response.status === 401) {
      const challenge = response.headers.get('WWW-Authenticate') || '';
      if (/deactivated/i.test(challenge)) {
        unauthorizedHandler('deactivated');
      } else if (!refreshed) {
        refreshed = true;
        try {
          await refresh();
          continue;
        } catch {
          unauthorizedHandler('expired');
        }
      } else {
        unauthorizedHandler('expired');
      }
    }
    const text = response.status === 204 ? '' : await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch { data = { detail: text }; }
    }
    if (!response.ok) throw new ApiError(response.status, data, response.headers);
    return { data, etag: response.headers.get('ETag'), status: response.status };
  }
}

export const get = (path, query) => api(path, { query }).then((r) => r.data);
export const post = (path, body) => api(path, { method: 'POST', body }).then((r) => r.data);
export const put = (path, body) => api(path, { method: 'PUT', body }).then((r) => r.data);
export const del = (path) => api(path, { method: 'DELETE' }).then((r) => r.data);

/** Every item of a keyset-paged list, page by page (at most `max`): small lists such as the team's agents. */
export async function getAll(path, query = {}, max = 1000) {
  const items = [];
  let cursor;
  do {
    const page = await get(path, { ...query, limit: 200, cursor });
    items.push(...(page.items || []));
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}
