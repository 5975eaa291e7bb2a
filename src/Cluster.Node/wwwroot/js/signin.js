import { currentSession, homeOf, signIn } from './api.js';
import { $, showError } from './view.js';

/** Back to the page that sent us here, if it is one of ours; else the role's home page. */
function destination(session) {
  const next = new URLSearchParams(location.search).get('next');
  return next && /^\/[a-z]+\.html$/.test(next) ? next : homeOf(session);
}

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

// The button stays disabled (in the HTML) until the handler above is in place and we know no one is signed in:
// a form submitted before that would reload the page instead of signing in.
const existing = await currentSession().catch(() => null);
if (existing) location.replace(destination(existing));
else $('sign-in-button').disabled = false;
