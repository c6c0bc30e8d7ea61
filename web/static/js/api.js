// api.js: the actorgraph v1 JSON API. Reads are plain GETs; writes carry the
// API key the analyst typed (kept in sessionStorage, never in the URL).
import { queryString } from './format.js';

const API = '/api/v1';
const KEY = 'actorgraph.apiKey';

export class APIError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export const entityPath = (id) => '/entities/' + encodeURIComponent(id);

export function apiKey() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch {
    return '';
  }
}

export function setAPIKey(k) {
  try {
    if (k) sessionStorage.setItem(KEY, k);
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage disabled: the key lives as long as the input's value
  }
}

// api GETs path (with params) and returns the JSON body, or throws an APIError
// carrying the API's own error.message.
export function api(path, params, signal) {
  const qs = queryString(params);
  return send(API + path + (qs ? '?' + qs : ''), { headers: { Accept: 'application/json' }, signal });
}

// apiPost POSTs body (an object as JSON, or FormData as multipart) with the key.
export function apiPost(path, body) {
  const headers = { Accept: 'application/json' };
  const key = apiKey();
  if (key) headers.Authorization = 'Bearer ' + key;
  let payload = body;
  if (!(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body ?? {});
  }
  return send(API + path, { method: 'POST', headers, body: payload });
}

async function send(url, init) {
  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new APIError('Cannot reach the actorgraph API. Is the server running?', 'network', 0);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    // fall through: a body that is not JSON is reported by status below
  }
  if (!res.ok) {
    const e = body && body.error;
    const msg = (e && e.message) || `The API answered ${res.status} ${res.statusText || ''}`.trim();
    throw new APIError(msg, (e && e.code) || 'http_' + res.status, res.status);
  }
  if (body === null) throw new APIError('The API answered with something that is not JSON.', 'bad_json', res.status);
  return body;
}

// apiFile GETs path (with params) as a file: its bytes (a Blob) and the name
// the API's Content-Disposition gives it, or throws an APIError with the API's
// message (an export that fails says why, rather than saving the error).
export async function apiFile(path, params) {
  const qs = queryString(params);
  let res;
  try {
    res = await fetch(API + path + (qs ? '?' + qs : ''));
  } catch {
    throw new APIError('Cannot reach the actorgraph API. Is the server running?', 'network', 0);
  }
  if (!res.ok) {
    let e = null;
    try {
      e = (await res.json()).error;
    } catch {
      // not JSON: the status says it
    }
    throw new APIError(e?.message || `The API answered ${res.status}`, e?.code || 'http_' + res.status, res.status);
  }
  const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
  return { blob: await res.blob(), filename: m ? m[1] : '' };
}
