import { currentSession, homeOf, signIn } from './api.js';
import { $, showError } from './view.js';

/** Back to the page that sent us here, if it is one of ours; else the role's home page. */
function destination(session) {
  const next = new URLSearchParams(location.search).get('next');
  return next && /^\/[a-z]+\.html$/.test(next) ? next : homeOf(session);
}

const existing = await currentSession().catch(() => null);
if (existing) location.replace(destination(existing));

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('sign-in-button');
  button.disabled = true;
  showError(null);
  try {
    const session = await signIn($('agent-id').value.trim(), $('password').value);
    location.assign(destination(session));
  } catch (e) {
    showError(e.status === 401 ? 'Wrong agent id or password.' : e.message);
    $('password').select();
  } finally {
    button.disabled = false;
  }
});
