// The review queue: applications at or above a level, most severe first (the node sorts), with
// their reasons in plain language, filtered by company, stage and decision state, searched by
// id, name, e-mail or phone (GET /v1/queue?q=, which the node audits as a look-up of people), and
// paged 25 at a time. Without a search the queue carries ids, scores and reason codes only.
import { api } from '../api.js';
import { append, el, levelBadge, route } from '../dom.js';
import { reasonTitle } from '../reasons.js';

const PAGE_SIZE = 25;
const LEVELS = ['critical', 'high', 'medium', 'low'];
const STAGES = ['applied', 'screened', 'interviewed', 'offered', 'hired', 'rejected'];
const DECISIONS = { none: 'Undecided', confirmed_fraud: 'Confirmed fraud', cleared: 'Cleared' };
// FILTERS: the queue's query parameters besides the level and the page, as the node names them.
const FILTERS = ['company_id', 'stage', 'decision', 'q'];

// The control the reviewer last changed keeps the focus across the re-render it causes.
let focusAfterRender = null;

// filtersOf reads the route's filters, dropping values the node would refuse.
function filtersOf(params) {
  const filters = { min_level: LEVELS.includes(params.get('min_level')) ? params.get('min_level') : 'high' };
  for (const name of FILTERS) filters[name] = (params.get(name) ?? '').trim();
  if (!STAGES.includes(filters.stage)) filters.stage = '';
  if (!(filters.decision in DECISIONS)) filters.decision = '';
  return filters;
}

// queryOf renders filters (empty ones left out) as a query string.
function queryOf(filters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== '' && value !== undefined) query.set(name, value);
  return query.toString();
}

function queueHash(filters, page) {
  return `#/queue?${queryOf({ ...filters, page: String(page) })}`;
}

function isFiltered(filters) {
  return FILTERS.some((name) => filters[name] !== '');
}

export async function renderQueue(view, params, context) {
  const filters = filtersOf(params);
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);
  const data = await api(`/v1/queue?${queryOf({ ...filters, limit: String(PAGE_SIZE), offset: String(page * PAGE_SIZE) })}`);
  if (context.stale()) return;
  const rows = data.items.map(queueRow);
  const first = data.total === 0 ? 0 : data.offset + 1;
  const last = data.offset + data.items.length;
  const pageLink = (label, target, disabled) =>
    el('a', { href: queueHash(filters, target), class: 'button secondary', 'aria-disabled': disabled ? 'true' : null, tabindex: disabled ? '-1' : null }, label);
  const pager = el(
    'nav',
    { class: 'pager', 'aria-label': 'Queue pages' },
    pageLink('Previous', page - 1, page === 0),
    el('span', { id: 'queue-range', role: 'status' }, `${first}–${last} of ${data.total}`),
    pageLink('Next', page + 1, last >= data.total),
  );
  append(
    view,
    el('h1', {}, 'Review queue'),
    el('p', { class: 'lede' }, 'Applications to review, most severe first. Open one to see the evidence and decide.'),
    filterForm(filters),
    data.items.length === 0
      ? el('p', { class: 'empty', id: 'queue-empty' }, isFiltered(filters) ? `Nothing at ${filters.min_level} or above matches these filters.` : `Nothing at ${filters.min_level} or above.`)
      : el(
          'table',
          { class: 'queue' },
          el('caption', { class: 'visually-hidden' }, `Applications at ${filters.min_level} or above`),
          el('thead', {}, el('tr', {}, ['Level', 'Score', 'Application', 'Company', 'Why', 'Network'].map((name) => el('th', { scope: 'col' }, name)))),
          el('tbody', {}, rows),
        ),
    pager,
  );
  if (focusAfterRender) view.querySelector(`#${focusAfterRender}`)?.setAttribute('data-autofocus', '');
  focusAfterRender = null;
}

function queueRow(item) {
  return el(
    'tr',
    {},
    el('td', {}, levelBadge(item.level)),
    el('td', { class: 'num' }, String(item.score)),
    el('th', { scope: 'row' }, el('a', { href: route('application', item.application_id) }, item.application_id), item.provisional ? el('span', { class: 'note' }, ' (provisional)') : null),
    el('td', {}, item.company_id),
    el('td', {}, reasonList(item.reasons)),
    el('td', {}, el('a', { href: route('network', item.network_id), 'aria-label': `Network of ${item.application_id}` }, 'Network')),
  );
}

// filterForm: the level, company, stage and decision filters and the search box. A choice in a
// list applies at once; the text fields apply on Enter or the Apply button. Every change starts
// again at the first page.
function filterForm(filters) {
  const choice = (id, name, label, options) => {
    const select = el('select', { id, name }, options.map(([value, text]) => el('option', { value, selected: value === filters[name] }, text)));
    select.value = filters[name];
    select.addEventListener('change', () => {
      focusAfterRender = id;
      apply();
    });
    return el('div', { class: 'field' }, el('label', { for: id }, label), select);
  };
  const text = (id, name, label, attrs) =>
    el('div', { class: 'field' }, el('label', { for: id }, label), el('input', { id, name, type: 'search', value: filters[name], autocomplete: 'off', spellcheck: 'false', ...attrs }));
  const form = el(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter and search the queue' },
    choice('min-level', 'min_level', 'Level', LEVELS.map((name) => [name, `${name} and above`])),
    text('queue-search', 'q', 'Search', { placeholder: 'id, name, e-mail or phone', 'aria-describedby': 'search-help', size: '28' }),
    text('company-filter', 'company_id', 'Company id', { size: '12' }),
    choice('stage-filter', 'stage', 'Stage', [['', 'any stage'], ...STAGES.map((stage) => [stage, stage])]),
    choice('decision-filter', 'decision', 'Decision', [['', 'any'], ...Object.entries(DECISIONS)]),
    el('div', { class: 'field actions' }, el('button', { type: 'submit' }, 'Apply'), isFiltered(filters) ? el('a', { href: queueHash({ min_level: filters.min_level }, 0), id: 'clear-filters' }, 'Clear filters') : null),
    el('p', { id: 'search-help', class: 'note' }, 'A search looks people up, so it is kept in the audit log.'),
  );
  function apply() {
    const chosen = { min_level: form.elements.min_level.value };
    for (const name of FILTERS) chosen[name] = form.elements[name].value.trim();
    location.hash = queueHash(chosen, 0);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    focusAfterRender = document.activeElement?.id === 'queue-search' || document.activeElement?.id === 'company-filter' ? document.activeElement.id : null;
    apply();
  });
  return form;
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
