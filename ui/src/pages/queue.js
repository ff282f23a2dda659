// The review queue: applications at or above a level, most severe first (the node sorts), with
// their reasons in plain language, paged 25 at a time. GET /v1/queue carries ids, scores and
// reason codes only, so reading it is not audited.
import { api } from '../api.js';
import { append, el, levelBadge, route } from '../dom.js';
import { reasonTitle } from '../reasons.js';

const PAGE_SIZE = 25;
const LEVELS = ['critical', 'high', 'medium', 'low'];

function queueHash(level, page) {
  return `#/queue?min_level=${encodeURIComponent(level)}&page=${page}`;
}

export async function renderQueue(view, params, context) {
  const level = LEVELS.includes(params.get('min_level')) ? params.get('min_level') : 'high';
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);
  const data = await api(`/v1/queue?min_level=${level}&limit=${PAGE_SIZE}&offset=${page * PAGE_SIZE}`);
  if (context.stale()) return;

  const select = el('select', { id: 'min-level', name: 'min_level' }, LEVELS.map((name) => el('option', { value: name, selected: name === level }, `${name} and above`)));
  select.value = level;
  select.addEventListener('change', () => {
    location.hash = queueHash(select.value, 0);
  });
  const filters = el('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, el('label', { for: 'min-level' }, 'Show'), select);

  const rows = data.items.map((item) =>
    el(
      'tr',
      {},
      el('td', {}, levelBadge(item.level)),
      el('td', { class: 'num' }, String(item.score)),
      el('th', { scope: 'row' }, el('a', { href: route('application', item.application_id) }, item.application_id), item.provisional ? el('span', { class: 'note' }, ' (provisional)') : null),
      el('td', {}, item.company_id),
      el('td', {}, reasonList(item.reasons)),
      el('td', {}, el('a', { href: route('network', item.network_id), 'aria-label': `Network of ${item.application_id}` }, 'Network')),
    ),
  );
  const first = data.total === 0 ? 0 : data.offset + 1;
  const last = data.offset + data.items.length;
  const pager = el(
    'nav',
    { class: 'pager', 'aria-label': 'Queue pages' },
    el('a', { href: queueHash(level, page - 1), class: 'button secondary', 'aria-disabled': page === 0 ? 'true' : null, tabindex: page === 0 ? '-1' : null }, 'Previous'),
    el('span', { id: 'queue-range' }, `${first}–${last} of ${data.total}`),
    el('a', { href: queueHash(level, page + 1), class: 'button secondary', 'aria-disabled': last >= data.total ? 'true' : null, tabindex: last >= data.total ? '-1' : null }, 'Next'),
  );
  append(view, 
    el('h1', {}, 'Review queue'),
    el('p', { class: 'lede' }, 'Applications to review, most severe first. Open one to see the evidence and decide.'),
    filters,
    data.items.length === 0
      ? el('p', { class: 'empty' }, `Nothing at ${level} or above.`)
      : el(
          'table',
          { class: 'queue' },
          el('caption', { class: 'visually-hidden' }, `Applications at ${level} or above`),
          el('thead', {}, el('tr', {}, ['Level', 'Score', 'Application', 'Company', 'Why', 'Network'].map((name) => el('th', { scope: 'col' }, name)))),
          el('tbody', {}, rows),
        ),
    pager,
  );
}

// reasonList shows the strongest reasons (the node lists them strongest first) in plain words.
function reasonList(reasons) {
  const shown = reasons.slice(0, 3);
  return el(
    'ul',
    { class: 'reasons-brief' },
    shown.map((reason) => el('li', { title: reason.summary }, reasonTitle(reason.code))),
    reasons.length > shown.length ? el('li', { class: 'note' }, `and ${reasons.length - shown.length} more`) : null,
  );
}
