// Every call to the API goes through here, with the staff token kept in this tab's session storage.
const TOKEN_KEY = 'qinglang.staffToken';

export class ApiFailure extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Called when the API refuses the token (401), so the app can go back to sign-in. */
let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function send(path, { method = 'GET', body } = {}) {
  const headers = { Authorization: `Bearer ${token.get() ?? ''}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (!response.ok) {
    let code = `http_${response.status}`;
    let message = response.statusText;
    let details;
    try {
      const error = await response.json();
      code = error.code ?? code;
      details = error.details;
      message = Array.isArray(error.message) ? error.message.join('; ') : (error.message ?? message);
    } catch {
      // not JSON: keep the status text
    }
    if (response.status === 401) onUnauthorized(message);
    throw new ApiFailure(response.status, code, message, details);
  }
  return response;
}

/** JSON in, JSON out; null for 204. */
export async function api(path, options) {
  const response = await send(path, options);
  return response.status === 204 ? null : response.json();
}

/** A file (frame image, export) as a Blob, since an <img> or a link can't send the token. */
export async function apiBlob(path) {
  const response = await send(path);
  return response.blob();
}

/** A query string from the non-empty fields of an object. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
