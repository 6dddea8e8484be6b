// The bearer token of an instance that requires one (docs/security.md). Asked for once, kept for
// this tab only (sessionStorage: gone when the tab closes, never shared with other tabs or sent
// to another origin), and sent with every API call and as the socket's access_token.

import { t } from './i18n.js';

const KEY = 'plantpulse.token';

export function token() {
  return window.sessionStorage.getItem(KEY);
}

/** Asks the operator for a token; true when one was given. */
export function askForToken() {
  const given = window.prompt(t('auth.prompt'));
  if (!given || !given.trim()) {
    return false;
  }
  window.sessionStorage.setItem(KEY, given.trim());
  return true;
}

/**
 * fetch() with the token. On 401 it retries with a token another call got meanwhile (a page starts
 * several calls at once, and only the first to be refused should ask), else asks once.
 */
export async function authorizedFetch(url, options = {}) {
  const send = (t) => {
    const headers = { ...(options.headers ?? {}) };
    if (t) headers.Authorization = `Bearer ${t}`;
    return fetch(url, { ...options, headers });
  };
  const used = token();
  const response = await send(used);
  if (response.status === 401 && ((token() && token() !== used) || askForToken())) {
    return send(token());
  }
  return response;
}

/**
 * Reconnects a TelemetryClient with a token when the server refused it as unauthorized: with the
 * token the page got meanwhile (an API call may have asked first), else with one asked for now.
 */
export function renewTokenOnRefusal(client) {
  let tried = token();
  client.addEventListener('status', (e) => {
    if (e.detail.state !== 'offline' || e.detail.code !== 1008 || e.detail.reason !== 'unauthorized') {
      return;
    }
    if ((token() && token() !== tried) || askForToken()) {
      tried = token();
      client.connect();
    }
  });
}
