// Sign-in: a reviewer's or admin's token is exchanged for an HttpOnly session cookie
// (POST /v1/session); the token is not kept by the page. An ingest token is refused.
import { api, ApiError } from '../api.js';
import { append, el } from '../dom.js';

export async function renderSignIn(view, context) {
  const input = el('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false', 'data-autofocus': true });
  const message = el('p', { id: 'signin-error', class: 'error', role: 'alert' });
  const form = el(
    'form',
    { class: 'card signin', 'aria-describedby': 'signin-help' },
    el('h1', {}, 'Sign in'),
    el('p', { id: 'signin-help' }, 'Use your reviewer token. It is exchanged for a session that lapses after 8 idle hours.'),
    el('label', { for: 'token' }, 'Reviewer token'),
    input,
    el('button', { type: 'submit' }, 'Sign in'),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      const user = await api('/v1/session', { method: 'POST', body: { token: input.value } });
      input.value = '';
      context.signedIn(user);
    } catch (error) {
      const known = error instanceof ApiError;
      message.textContent =
        known && error.status === 401 ? 'That token is not known here.' : known && error.status === 403 ? `Refused: ${error.message}.` : `Sign-in failed: ${error.message}`;
      input.focus();
    }
  });
  append(view, form);
}
