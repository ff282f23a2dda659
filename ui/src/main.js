// The reviewers' web UI of `crosscheck serve`: a hash router over four pages (sign-in, queue,
// application, network) and the top bar. Every page is rendered from the API with the session
// cookie; a 401 from any call sends the reviewer back to sign-in.
import { api, ApiError } from './api.js';
import { append, clear, el } from './dom.js';
import { renderApplication } from './pages/application.js';
import { renderNetwork } from './pages/network.js';
import { renderQueue } from './pages/queue.js';
import { renderSignIn } from './pages/signin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const state = { user: undefined }; // undefined: not asked yet; null: signed out
let renderCount = 0;

async function currentUser() {
  try {
    return await api('/v1/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

function renderNav() {
  clear(nav);
  if (!state.user) return;
  nav.append(
    el('a', { href: '#/queue' }, 'Queue'),
    el('span', { class: 'who' }, `Signed in as ${state.user.name} (${state.user.role})`),
    el('button', { type: 'button', class: 'secondary', onclick: signOut }, 'Sign out'),
  );
}

async function signOut() {
  try {
    await api('/v1/session', { method: 'DELETE' });
  } catch {
    // Signed out already (lapsed session): the sign-in page is the answer either way.
  }
  state.user = null;
  location.hash = '#/signin';
  if (location.hash === '#/signin') show();
}

function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [page = '', ...rest] = path.split('/').map((part) => decodeURIComponent(part));
  return { page, rest, params: new URLSearchParams(query) };
}

async function show() {
  const token = ++renderCount;
  const started = performance.now();
  let { page, rest, params } = parseHash();
  const view = el('div', { class: 'page' });
  try {
    if (state.user === undefined) state.user = await currentUser();
    if (!state.user) page = 'signin';
    else if (page === 'signin' || page === '') page = 'queue';
    const context = {
      signedIn(user) {
        state.user = user;
        location.hash = '#/queue';
      },
      stale: () => token !== renderCount,
    };
    if (page === 'signin') await renderSignIn(view, context);
    else if (page === 'queue') await renderQueue(view, params, context);
    else if (page === 'application' && rest[0]) await renderApplication(view, rest[0], context);
    else if (page === 'network' && rest[0]) await renderNetwork(view, rest[0], params, context);
    else append(view, el('h1', {}, 'Not found'), el('p', {}, 'There is no such page. '), el('a', { href: '#/queue' }, 'Back to the queue'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      state.user = null;
      if (token === renderCount) location.hash = '#/signin';
      return;
    }
    append(view, el('h1', {}, 'Something went wrong'), el('p', { role: 'alert', class: 'error' }, String(error.message ?? error)));
  }
  if (token !== renderCount) return; // a newer navigation has taken over
  renderNav();
  clear(main).append(view);
  document.title = `crosscheck — ${page}`;
  document.body.dataset.page = page;
  // For the browser test's timings: how long this route took, and when (since navigation start).
  window.__crosscheckRender = { page, seq: token, ms: performance.now() - started, at: performance.now() };
  view.dispatchEvent(new CustomEvent('crosscheck:shown', { bubbles: true }));
  // Focus moves to the page (screen readers announce it), or to its first field when it asks.
  (view.querySelector('[data-autofocus]') ?? main).focus({ preventScroll: true });
}

window.addEventListener('hashchange', show);
show();
