// The supervisor wallboard: every queue the supervisor may read and the agents who serve them, live from
// the hub. After every (re)connect it watches again, which answers the current views, before showing them.

import { api, ApiError, requireSession, serverNow, signOut } from './api.js';
import { connectHub } from './hub.js';
import { $, duration, el, setText, timeInState, showConnected, showDisconnected, showError, statusText } from './view.js';

const session = await requireSession();
const queues = new Map(); // queue id -> { view, receivedAt }
const agents = new Map(); // agent id -> view
const callers = new Map(); // call id -> caller's number, for the calls agents are on now

setText('supervisor-name', `${session.name} (${session.role})`);
$('sign-out').addEventListener('click', () => signOut());

// Pushes that come while the page is (re)reading everything wait here, and count after the answers unless
// they are older: a push can overtake the answer to WatchAgent. Queue views come again within a second anyway.
let watching = null; // agent id -> latest push, while reading

connectHub({
  handlers: {
    queue: (view) => {
      if (watching) return;
      queues.set(view.queueId, { view, receivedAt: serverNow() });
      renderQueues();
    },
    agent: (view) => {
      if (watching) return void watching.set(view.agentId, view);
      if (!agents.has(view.agentId)) return;
      agents.set(view.agentId, view);
      renderAgents();
      renderQueues();
    },
  },
  onConnected: async (connection) => {
    await requireSession(); // the server may have restarted: a fresh CSRF token, or the sign-in page
    watching = new Map();
    const [queueViews, agentList] = await Promise.all([connection.invoke('WatchQueues'), agentsToWatch()]);
    const mine = new Set(queueViews.map((q) => q.queueId));
    const served = agentList.filter((a) => a.agentId !== session.agentId && a.queues.some((q) => mine.has(q)));
    const views = await Promise.all(served.map((a) => connection.invoke('WatchAgent', a.agentId)));
    queues.clear();
    for (const view of queueViews) queues.set(view.queueId, { view, receivedAt: serverNow() });
    agents.clear();
    for (const view of views) {
      const pushed = watching.get(view.agentId);
      agents.set(view.agentId, pushed && Date.parse(pushed.statusSince) >= Date.parse(view.statusSince) ? pushed : view);
    }
    watching = null;
    showConnected();
    renderQueues();
    renderAgents();
  },
  onDisconnected: (message) => {
    // Figures that may be stale are not shown as if they were live.
    watching = null;
    queues.clear();
    agents.clear();
    showDisconnected(message);
    renderQueues();
    renderAgents();
  },
  onUnauthorized: () => location.assign('/?next=/wallboard.html'),
});

setInterval(tick, 1000);

/** The caller of a call an agent is on, read once per call; the rows are drawn again when it arrives. */
function callerOf(callId) {
  if (!callers.has(callId)) {
    callers.set(callId, null);
    api('GET', `/api/calls/${encodeURIComponent(callId)}`)
      .then((call) => { callers.set(callId, call.from); renderAgents(); })
      .catch(() => {}); // the call's id stays shown
  }
  return callers.get(callId);
}

/** Every agent the user may read; a user who may list none still sees the queues. */
async function agentsToWatch() {
  try {
    return await api('GET', '/api/agents');
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
    showError(`Agents: ${e.message}`);
    return [];
  }
}

function percent(part, whole) {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`;
}

function countsOf(queueId) {
  const counts = { ready: 0, onCall: 0, wrapUp: 0, notReady: 0 };
  for (const a of agents.values()) {
    if (!a.queues.includes(queueId)) continue;
    if (a.status === 'ready') counts.ready++;
    else if (a.status === 'on-call' || a.status === 'reserved') counts.onCall++;
    else if (a.status === 'wrap-up') counts.wrapUp++;
    else if (a.status === 'not-ready') counts.notReady++;
  }
  return counts;
}

function longestWait({ view, receivedAt }) {
  return view.waiting.length === 0 ? 0 : view.longestWaitSeconds + (serverNow() - receivedAt) / 1000;
}

function renderQueues() {
  const rows = [...queues.values()].sort((a, b) => a.view.queueId.localeCompare(b.view.queueId)).map((entry) => {
    const { view } = entry;
    const f = view.figures;
    const counts = countsOf(view.queueId);
    return el('tr', { 'data-queue': view.queueId, class: view.waiting.length > 0 ? 'has-waiting' : null },
      el('th', { scope: 'row' }, view.queueId),
      el('td', { class: 'waiting' }, String(view.waiting.length)),
      el('td', { class: 'longest-wait ticking' }, duration(longestWait(entry))),
      el('td', { class: 'service-level' }, f.answered === 0 ? '–' : percent(f.answeredWithinServiceLevel, f.answered)),
      el('td', { class: 'asa' }, f.answered === 0 ? '–' : duration(f.averageSpeedOfAnswerSeconds)),
      el('td', { class: 'abandoned' }, percent(f.abandoned, f.offered)),
      el('td', { class: 'count-ready' }, String(counts.ready)),
      el('td', { class: 'count-on-call' }, String(counts.onCall)),
      el('td', { class: 'count-wrap-up' }, String(counts.wrapUp)),
      el('td', { class: 'count-not-ready' }, String(counts.notReady)));
  });
  $('queues').tBodies[0].replaceChildren(...rows);
}

function renderAgents() {
  const focused = document.activeElement?.closest('tr[data-agent]') ? document.activeElement : null;
  const refocus = focused && { agent: focused.closest('tr').dataset.agent, action: focused.dataset.action };
  const rows = [...agents.values()].sort((a, b) => a.agentId.localeCompare(b.agentId)).map((a) =>
    el('tr', { 'data-agent': a.agentId },
      el('th', { scope: 'row' }, `${a.name} (${a.agentId})`),
      el('td', {}, el('span', { class: 'state-pill', 'data-status': a.status }, statusText(a))),
      el('td', { class: 'ticking', 'data-since': a.statusSince }, timeInState(a.statusSince)),
      el('td', { class: 'current-call' }, a.callId ? `${callerOf(a.callId) ?? a.callId.slice(0, 8)} · ${a.queueId ?? ''}` : ''),
      el('td', {}, a.queues.join(', ')),
      el('td', { class: 'actions' },
        el('button', { type: 'button', 'data-action': 'not-ready', 'aria-label': `Force ${a.name} not ready`, disabled: a.status === 'not-ready' || a.status === 'logged-out',
          onclick: () => force(a.agentId, { state: 'not-ready', reason: 'supervisor' }) }, 'Force not ready'),
        el('button', { type: 'button', 'data-action': 'logged-out', 'aria-label': `Log ${a.name} out`, disabled: a.status === 'logged-out',
          onclick: () => force(a.agentId, { state: 'logged-out' }) }, 'Log out'))));
  $('agents').tBodies[0].replaceChildren(...rows);
  const current = new Set([...agents.values()].map((a) => a.callId));
  for (const callId of callers.keys()) if (!current.has(callId)) callers.delete(callId);
  // A push rebuilds the rows: keep the keyboard where it was.
  if (refocus) $('agents').querySelector(`tr[data-agent="${CSS.escape(refocus.agent)}"] [data-action="${refocus.action}"]`)?.focus();
}

async function force(agentId, body) {
  showError(null);
  try {
    await api('POST', `/api/agents/${encodeURIComponent(agentId)}/state`, body);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) location.assign('/?next=/wallboard.html');
    showError(`Agent ${agentId}: ${e.message}`);
  }
}

/** Only the clocks move between pushes: rebuilding rows every second would steal keyboard focus. */
function tick() {
  for (const row of $('queues').tBodies[0].rows) {
    const entry = queues.get(row.dataset.queue);
    if (entry) row.querySelector('.longest-wait').textContent = duration(longestWait(entry));
  }
  for (const cell of $('agents').querySelectorAll('td[data-since]')) {
    cell.textContent = timeInState(cell.dataset.since);
  }
}
