// The agent desktop: the agent's state as the server holds it, the screen pop of the call offered, call
// control and wrap-up. Nothing changes on a click: every change shown is the server's, pushed by the hub.

import { api, ApiError, requireSession, serverNow, signOut } from './api.js';
import { connectHub } from './hub.js';
import { $, dateTime, duration, el, setText, timeInState, showConnected, showDisconnected, showError, statusText } from './view.js';

const session = await requireSession();
const me = encodeURIComponent(session.agentId);
let agent = null; // the last view the server sent; null while not connected
let pop = { callId: null, call: null };

setText('agent-name', `${session.name} (${session.agentId})`);
$('wallboard-link').hidden = session.role === 'agent';
$('transfer-queues').replaceChildren(...session.queues.map((q) => el('option', { value: q })));
$('sign-out').addEventListener('click', () => signOut());
loadReasons();

// A push can overtake the answer to WatchAgent (a change stored just after the entity answered): until the
// answer is shown, the latest push waits here, and is shown after it unless it is older.
let pushedWhileWatching = null;

connectHub({
  handlers: {
    agent: (view) => {
      if (view.agentId !== session.agentId) return;
      if (agent) render(view);
      else pushedWhileWatching = view;
    },
  },
  onConnected: async (connection) => {
    await requireSession(); // the server may have restarted: a fresh CSRF token, or the sign-in page
    pushedWhileWatching = null;
    const view = await connection.invoke('WatchAgent', session.agentId);
    showConnected();
    render(view);
    if (pushedWhileWatching && Date.parse(pushedWhileWatching.statusSince) >= Date.parse(view.statusSince)) render(pushedWhileWatching);
    pushedWhileWatching = null;
  },
  onDisconnected: (message) => {
    // What the page knew may be stale now: it shows no state until the server has told it again.
    agent = null;
    showDisconnected(message);
    refreshControls();
  },
  onUnauthorized: () => location.assign('/?next=/desktop.html'),
});

setInterval(tick, 1000);

async function loadReasons() {
  try {
    const reasons = await api('GET', '/api/not-ready-reasons');
    $('reason').replaceChildren(...reasons.map((r) => el('option', { value: r }, r)));
    refreshControls();
  } catch (e) {
    showError(`Not-ready reasons: ${e.message}`);
  }
}

// ---- actions: each one asks the server, and the hub's push shows the outcome ----

async function act(path, body) {
  showError(null);
  try {
    await api('POST', `/api/agents/${me}/${path}`, body);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) location.assign('/?next=/desktop.html');
    showError(e.message);
    return false;
  }
}

$('ready').addEventListener('click', () => act('state', { state: 'ready' }));
$('not-ready').addEventListener('click', () => act('state', { state: 'not-ready', reason: $('reason').value }));
$('log-out').addEventListener('click', () => act('state', { state: 'logged-out' }));
$('answer').addEventListener('click', () => act('answer'));
$('reject').addEventListener('click', () => act('reject'));
$('hold').addEventListener('click', () => act('hold'));
$('resume').addEventListener('click', () => act('resume'));
$('hangup').addEventListener('click', () => act('hangup'));
$('transfer').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (await act('transfer', { [$('transfer-kind').value]: $('transfer-target').value.trim() })) $('transfer-target').value = '';
});
$('transfer-kind').addEventListener('change', () => {
  const kind = $('transfer-kind').value;
  $('transfer-target').placeholder = { queue: 'billing', agent: '1002', number: '+441134960000' }[kind];
  if (kind === 'queue') $('transfer-target').setAttribute('list', 'transfer-queues');
  else $('transfer-target').removeAttribute('list');
});
$('wrap-up').addEventListener('submit', async (event) => {
  event.preventDefault();
  const notes = $('wrap-up-notes').value.trim();
  const body = { disposition: $('disposition').value.trim(), ...(notes ? { notes } : {}) };
  if (await act('wrapup-done', body)) {
    $('disposition').value = '';
    $('wrap-up-notes').value = '';
  }
});

// ---- rendering the server's view ----

function render(view) {
  agent = view;
  const badge = $('state');
  badge.dataset.status = view.status;
  setText('state-label', statusText(view));
  document.title = `${statusText(view)} — CallCenter`;
  // A node without today's figures has only the running total: say which one is shown.
  setText('calls-label', view.callsToday === undefined ? 'Calls handled' : 'Calls today');
  setText('calls-today', String(view.callsToday ?? view.callsHandled));
  const handled = view.callsToday !== undefined && view.handleSecondsToday !== undefined && view.callsToday > 0
    ? duration(view.handleSecondsToday / view.callsToday) : '–';
  setText('average-handle', handled);
  renderCall(view);
  refreshControls();
  tick();
}

function renderCall(view) {
  const panel = $('call-panel');
  if (!view.callId) {
    panel.hidden = true;
    pop = { callId: null, call: null };
    return;
  }
  panel.hidden = false;
  setText('call-heading', { reserved: 'Incoming call', 'on-call': view.onHold ? 'On hold' : 'On call', 'wrap-up': 'Wrap-up' }[view.status] ?? 'Call');
  $('offer-controls').hidden = view.status !== 'reserved';
  $('talk-controls').hidden = view.status !== 'on-call';
  $('wrap-up').hidden = view.status !== 'wrap-up';
  $('hold').hidden = !!view.onHold;
  $('resume').hidden = !view.onHold;
  if (view.callId !== pop.callId) loadScreenPop(view.callId);
  else if (view.status === 'wrap-up') loadCall(view.callId); // the call ended: its times are final now
}

/** The caller, the call's queue, wait and variables, the customer's record and history: all before answering. */
async function loadScreenPop(callId) {
  pop = { callId, call: null };
  for (const id of ['caller-number', 'call-queue', 'call-wait', 'call-to', 'customer-name', 'customer-account', 'customer-notes']) setText(id, '');
  $('call-variables').replaceChildren();
  $('history').tBodies[0].replaceChildren();
  const call = await loadCall(callId);
  if (!call || pop.callId !== callId) return;
  setText('caller-number', call.from);
  setText('call-queue', call.queueId ?? '');
  setText('call-to', call.to || '–');
  const variables = Object.entries(call.variables ?? {});
  $('call-variables').replaceChildren(...(variables.length
    ? variables.map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value)))
    : [el('div', {}, el('dd', { class: 'none' }, 'none'))]));
  await Promise.all([loadCustomer(callId, call.from), loadHistory(callId, call.from)]);
}

async function loadCall(callId) {
  try {
    const call = await api('GET', `/api/calls/${encodeURIComponent(callId)}`);
    if (pop.callId === callId) pop.call = call;
    tick();
    return call;
  } catch (e) {
    showError(`Call ${callId}: ${e.message}`);
    return null;
  }
}

async function loadCustomer(callId, phone) {
  try {
    const customer = await api('GET', `/api/customers/${encodeURIComponent(phone)}`);
    if (pop.callId !== callId) return;
    setText('customer-name', customer.name);
    setText('customer-account', customer.account || '–');
    setText('customer-notes', customer.notes ?? '');
  } catch (e) {
    if (pop.callId !== callId) return;
    setText('customer-name', e.status === 404 ? 'Unknown caller' : `Directory: ${e.message}`);
    setText('customer-account', '–');
  }
}

async function loadHistory(callId, phone) {
  let interactions = [];
  try {
    interactions = await api('GET', `/api/customers/${encodeURIComponent(phone)}/interactions`);
  } catch (e) {
    if (e.status !== 400) showError(`History: ${e.message}`);
  }
  if (pop.callId !== callId) return;
  const past = interactions.filter((i) => i.callId !== callId);
  $('history').tBodies[0].replaceChildren(...(past.length
    ? past.map((i) => el('tr', {},
        el('td', {}, dateTime(i.at)), el('td', {}, i.outcome ?? ''), el('td', {}, i.disposition ?? ''),
        el('td', {}, i.agentId ?? ''), el('td', {}, i.notes ?? '')))
    : [el('tr', {}, el('td', { colspan: 5, class: 'none' }, 'No earlier calls from this number'))]));
}

// ---- what depends on the clock or on the connection ----

function tick() {
  if (!agent) return;
  setText('state-time', timeInState(agent.statusSince));
  const call = pop.call;
  if (call) {
    const from = Date.parse(call.queuedAt ?? call.arrivedAt);
    const until = call.answeredAt ?? call.endedAt ?? call.abandonedAt;
    setText('call-wait', Number.isNaN(from) ? '–' : duration(((until ? Date.parse(until) : serverNow()) - from) / 1000));
  }
  const ends = agent.status === 'wrap-up' && agent.wrapUpEndsAt ? Date.parse(agent.wrapUpEndsAt) : null;
  setText('wrap-up-ends', ends ? `(ready in ${duration((ends - serverNow()) / 1000)})` : '');
}

/** Buttons act only on a state the page knows to be current, and only where the state allows them. */
function refreshControls() {
  const live = document.body.classList.contains('live') && agent !== null;
  const status = agent?.status;
  const idle = ['logged-out', 'not-ready', 'ready'].includes(status);
  $('ready').disabled = !live || !idle || status === 'ready';
  $('not-ready').disabled = !live || !(idle || status === 'wrap-up') || ($('reason').options.length === 0);
  $('reason').disabled = $('not-ready').disabled;
  $('log-out').disabled = !live || !idle || status === 'logged-out';
  for (const id of ['answer', 'reject', 'hold', 'resume', 'hangup', 'transfer-button', 'wrap-up-done']) $(id).disabled = !live;
  if (!live) {
    setText('state-label', 'Not connected');
    setText('state-time', '');
    $('state').dataset.status = 'unknown';
  }
}
