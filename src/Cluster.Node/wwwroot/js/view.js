// Small DOM helpers. Data from callers, IVR flows and customer records only ever goes in as text.

import { serverNow } from './api.js';

/** An element with attributes and children; strings become text nodes, never markup. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

export function setText(id, text) {
  $(id).textContent = text ?? '';
}

/** 75 -> "1:15", 3725 -> "1:02:05". */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Time since a state began, on the server's clock; "–" for an agent whose state never changed (no real start). */
export function timeInState(iso) {
  const since = Date.parse(iso);
  return since > Date.UTC(2000, 0, 1) ? duration((serverNow() - since) / 1000) : '–';
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '';
}

export const STATUS_LABELS = {
  'logged-out': 'Logged out',
  'not-ready': 'Not ready',
  ready: 'Ready',
  reserved: 'Ringing',
  'on-call': 'On call',
  'wrap-up': 'Wrap-up',
};

/** "Not ready (lunch)", "On call (on hold)". */
export function statusText(agent) {
  const label = STATUS_LABELS[agent.status] ?? agent.status;
  if (agent.status === 'not-ready' && agent.reason) return `${label} (${agent.reason})`;
  if (agent.status === 'on-call' && agent.onHold) return `${label} (on hold)`;
  return label;
}

/** The banner that says the page is not live, and the page's own "live" flag (a class on <body>). */
export function showDisconnected(message) {
  document.body.classList.remove('live');
  const banner = $('connection-banner');
  banner.textContent = message;
  banner.hidden = false;
}

export function showConnected() {
  $('connection-banner').hidden = true;
  document.body.classList.add('live');
}

/** Shows a request's failure (or clears it) in the page's alert line. */
export function showError(message) {
  const line = $('error');
  line.textContent = message ?? '';
  line.hidden = !message;
}
