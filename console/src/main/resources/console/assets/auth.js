// Login with Keycloak: OIDC authorization code flow with PKCE (S256), public client crm-console.
// Tokens live in this module's memory only (never localStorage/sessionStorage/cookies); only the PKCE verifier and
// state cross the login redirect in sessionStorage, and are removed as soon as the code is exchanged.
// The code exchange and refresh go to the gateway's POST /api/auth/token (a pass-through to Keycloak's token
// endpoint), so the console never calls another origin.

const issuer = document.querySelector('meta[name="crm-issuer"]').content;
const clientId = document.querySelector('meta[name="crm-client-id"]').content;
const PKCE_KEY = 'crm.console.pkce';
const REFRESH_MARGIN_MS = 30_000;

let tokens = null; // {accessToken, refreshToken, idToken, expiresAt, claims}
let refreshTimer = null;
let refreshing = null;
const listeners = new Set();

function redirectUri() {
  return `${location.origin}/`;
}

function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(n = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}

function decodeJwt(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(payload), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
  return JSON.parse(json);
}

/** Sends the browser to Keycloak's login page; comes back to / with ?code=…&state=… */
export async function login() {
  const verifier = randomString(48);
  const state = randomString(16);
  const nonce = randomString(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, nonce, hash: location.hash || '' }));
  const params = new URLSearchParams({
    client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: redirectUri(),
    state, nonce, code_challenge: base64url(digest), code_challenge_method: 'S256',
  });
  location.assign(`${issuer}/protocol/openid-connect/auth?${params}`);
}

async function tokenRequest(form) {
  let response;
  for (let attempt = 0; ; attempt += 1) {
    response = await fetch('/api/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ client_id: clientId, ...form }),
      cache: 'no-store',
    });
    // the gateway's per-IP bucket for anonymous calls: wait as told, a few times
    if (response.status !== 429 || attempt >= 3) break;
    await new Promise((resolve) => setTimeout(resolve, (Number(response.headers.get('Retry-After')) || 1) * 1000));
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error_description || body.error || `token endpoint answered ${response.status}`);
    error.status = response.status;
    error.code = body.error;
    throw error;
  }
  return body;
}

function accept(body, expectedNonce) {
  const claims = decodeJwt(body.access_token);
  if (body.id_token && expectedNonce) {
    const idClaims = decodeJwt(body.id_token);
    if (idClaims.nonce !== expectedNonce) throw new Error('the ID token does not answer this login (nonce)');
  }
  tokens = {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    idToken: body.id_token || tokens?.idToken,
    expiresAt: Date.now() + body.expires_in * 1000,
    claims,
  };
  scheduleRefresh(body.expires_in * 1000);
  listeners.forEach((listener) => listener(tokens.accessToken));
}

function scheduleRefresh(lifetimeMs) {
  clearTimeout(refreshTimer);
  const wait = Math.max(5_000, lifetimeMs - REFRESH_MARGIN_MS);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), wait);
}

/** Refreshes the tokens (before they expire, or after a 401); a dead session → onSessionEnded. */
export function refresh() {
  if (!tokens) return Promise.reject(new Error('not logged in'));
  if (!refreshing) {
    refreshing = tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken })
      .then((body) => accept(body))
      .catch((error) => {
        if (error.status === 400 || error.status === 401) {
          const disabled = /disabled|not active|deactivated/i.test(error.message);
          tokens = null;
          clearTimeout(refreshTimer);
          sessionEndedHandler(disabled ? 'deactivated' : 'expired');
        }
        throw error;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/**
 * Called once at start: finishes a login coming back from Keycloak (?code=…), or reports that there is no session.
 * Returns 'ready', 'login' (no session: call login()), 'signed-out' or {error}.
 */
export async function handleRedirect() {
  const url = new URL(location.href);
  if (url.searchParams.has('signed-out')) {
    history.replaceState(null, '', '/');
    return 'signed-out';
  }
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  if (url.searchParams.has('error')) {
    sessionStorage.removeItem(PKCE_KEY);
    history.replaceState(null, '', `/${saved?.hash || ''}`);
    return { error: url.searchParams.get('error_description') || url.searchParams.get('error') };
  }
  if (!url.searchParams.has('code')) return tokens ? 'ready' : 'login';
  sessionStorage.removeItem(PKCE_KEY);
  if (!saved || saved.state !== url.searchParams.get('state')) {
    history.replaceState(null, '', '/');
    return 'login';
  }
  try {
    const body = await tokenRequest({
      grant_type: 'authorization_code', code: url.searchParams.get('code'), redirect_uri: redirectUri(),
      code_verifier: saved.verifier,
    });
    accept(body, saved.nonce);
  } finally {
    history.replaceState(null, '', `/${saved.hash || ''}`);
  }
  return 'ready';
}

/** A valid access token, refreshed first when it is about to expire. */
export async function accessToken() {
  if (!tokens) throw new Error('not logged in');
  if (Date.now() > tokens.expiresAt - 5_000) await refresh();
  return tokens.accessToken;
}

export function claims() {
  return tokens?.claims || {};
}

export function roles() {
  const granted = claims().realm_access?.roles || [];
  return ['agent', 'supervisor', 'admin'].filter((role) => granted.includes(role));
}

export function hasRole(role) {
  return roles().includes(role);
}

/** fn(accessToken) after every login and refresh (the live socket sends the fresh token to the server). */
export function onToken(fn) {
  listeners.add(fn);
}

let sessionEndedHandler = () => {};
export function onSessionEnded(fn) {
  sessionEndedHandler = fn;
}

/**
 * Logs out for real: the gateway denies the session's tokens at once (POST /api/auth/logout), then Keycloak's
 * end-session endpoint ends the SSO session and sends the browser back to /?signed-out.
 */
export async function logout() {
  const current = tokens;
  tokens = null;
  clearTimeout(refreshTimer);
  if (current) {
    try {
      await fetch('/api/auth/logout', {
        method: 'POST',
        headers: { Authorization: `Bearer ${current.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
    } catch {
      // Keycloak's end-session below still ends the session
    }
  }
  const params = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: `${location.origin}/?signed-out=1` });
  if (current?.idToken) params.set('id_token_hint', current.idToken);
  location.assign(`${issuer}/protocol/openid-connect/logout?${params}`);
}
