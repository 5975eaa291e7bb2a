// The HTTP API as the pages use it: the session cookie goes with every request (same origin), and every
// state-changing request carries the session's CSRF token. A failed request throws an ApiError whose message
// is the server's own reason (the problem document's detail, or the first invalid field).

let csrfToken = null;
let clockOffsetMs = 0;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The server's clock, as well as the Date headers tell it: times in state tick against the server's timestamps. */
export function serverNow() {
  return Date.now() + clockOffsetMs;
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const date = Date.parse(response.headers.get('Date') ?? '');
  if (!Number.isNaN(date)) clockOffsetMs = date - Date.now();
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, reasonOf(response.status, json));
  return json;
}

function reasonOf(status, problem) {
  if (problem?.errors) {
    const [field, reasons] = Object.entries(problem.errors)[0];
    return `${field}: ${reasons[0]}`;
  }
  return problem?.detail ?? problem?.title ?? `the server answered ${status}`;
}

/** The signed-in user (GET /api/session), or null when nobody is signed in. Keeps the fresh CSRF token. */
export async function currentSession() {
  try {
    const session = await api('GET', '/api/session');
    csrfToken = session.csrfToken;
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function signIn(agentId, password) {
  const session = await api('POST', '/api/session', { agentId, password });
  csrfToken = session.csrfToken;
  return session;
}

export async function signOut() {
  try {
    await api('DELETE', '/api/session');
  } finally {
    csrfToken = null;
    location.assign('/');
  }
}

/** The page for a role: supervisors and admins watch the wallboard, agents work at the desktop. */
export function homeOf(session) {
  return session.role === 'agent' ? '/desktop.html' : '/wallboard.html';
}

/** The session for this page, or off to the sign-in page (which comes back here afterwards). */
export async function requireSession() {
  const session = await currentSession();
  if (!session) {
    location.assign(`/?next=${encodeURIComponent(location.pathname)}`);
    return new Promise(() => {});
  }
  return session;
}
