// One application: the applicant as submitted, each reason with its evidence, the consortium
// hub's finding and the hire's sign-in alerts (when there are any), the linked applications'
// match weights, the persona's other applications, the decisions with who and when, and the
// form to confirm fraud or clear (POST /v1/decisions, a note required). Reading it is audited by
// the node (read_application, read_persona).
import { api } from '../api.js';
import { append, el, levelBadge, route } from '../dom.js';
import { artifactKind, reasonTitle } from '../reasons.js';

const DECISIONS = {
  confirmed_fraud: 'Confirm fraud',
  cleared: 'Clear',
};
const DECIDED = {
  confirmed_fraud: 'Confirmed fraud',
  cleared: 'Cleared',
};

export async function renderApplication(view, id, context) {
  const detail = await api(`/v1/applications/${encodeURIComponent(id)}`);
  const persona = await api(`/v1/personas/${encodeURIComponent(detail.persona_id)}`).catch(() => null);
  if (context.stale()) return;
  const record = detail.application ?? {};
  append(view, 
    el('p', { class: 'crumbs' }, el('a', { href: '#/queue' }, 'Queue'), ' › ', 'Application ', detail.application_id),
    el(
      'h1',
      { class: 'applicant' },
      el('span', { class: 'applicant-name' }, record.full_name || '(no name given)'),
      ' ',
      levelBadge(detail.level),
      el('span', { class: 'score', title: 'Risk score 0–99' }, `score ${detail.score}`),
    ),
    el(
      'p',
      { class: 'lede' },
      `Application ${detail.application_id} at ${detail.company_id}. `,
      el('a', { href: route('network', detail.network_id), id: 'open-network' }, 'Open its network'),
      detail.provisional ? el('span', { class: 'note' }, ' — provisional: scored on arrival, the node is still resolving the whole store.') : null,
    ),
    el(
      'div',
      { class: 'columns' },
      el('div', {}, reasonsSection(detail.reasons), consortiumSection(detail.consortium), alertsSection(detail.alerts), linkedSection(detail), personaSection(persona, detail.application_id)),
      el('div', {}, decisionsSection(detail, view, context), submittedSection(record)),
    ),
  );
}

function reasonsSection(reasons) {
  return el(
    'section',
    { 'aria-labelledby': 'why' },
    el('h2', { id: 'why' }, 'Why it is flagged'),
    reasons.length === 0
      ? el('p', { class: 'empty' }, 'No reasons: nothing about this application stands out.')
      : el(
          'ol',
          { class: 'reasons' },
          reasons.map((reason) =>
            el(
              'li',
              {},
              el('h3', {}, reasonTitle(reason.code), ' ', el('code', {}, reason.code)),
              el('p', {}, reason.summary),
              reason.evidence?.length ? el('ul', { class: 'evidence' }, reason.evidence.map((item) => el('li', {}, item))) : null,
              el('p', { class: 'note' }, `weight ${Number(reason.log_odds).toFixed(2)} (log-odds); see docs/INDICATORS.md`),
            ),
          ),
        ),
  );
}

// consortiumSection: what the hub sees across member companies (counts only; its persona and
// network ids are its own, opaque here).
function consortiumSection(finding) {
  if (!finding) return null;
  return el(
    'section',
    { 'aria-labelledby': 'consortium', id: 'consortium-finding' },
    el('h2', { id: 'consortium' }, 'The consortium’s findings'),
    el('p', {}, 'The hub scores it ', levelBadge(finding.hub_level), ` ${finding.hub_score} across member companies (its network `, el('code', {}, finding.network), ').'),
    finding.reasons.length ? el('ul', {}, finding.reasons.map((reason) => el('li', {}, el('strong', {}, reasonTitle(reason.code)), ': ', reason.summary))) : null,
    finding.evidence.length
      ? el(
          'table',
          { class: 'compact' },
          el('caption', {}, 'Shared artifacts across the consortium'),
          el('thead', {}, el('tr', {}, ['Artifact', 'Applications', 'Other companies', 'Names'].map((name, index) => el('th', { scope: 'col', class: index ? 'num' : null }, name)))),
          el('tbody', {}, finding.evidence.map((item) => el('tr', {}, el('td', {}, artifactKind(item.kind).label), ...[item.applications, item.other_companies, item.names].map((count) => el('td', { class: 'num' }, String(count)))))),
        )
      : null,
  );
}

// alertsSection: the hire's sign-in alerts (POST /v1/signins), newest first.
function alertsSection(alerts) {
  if (!alerts?.length) return null;
  return el(
    'section',
    { 'aria-labelledby': 'alerts', id: 'signin-alerts' },
    el('h2', { id: 'alerts' }, `Sign-in alerts since the hire (${alerts.length})`),
    el('ol', { class: 'alerts', reversed: true }, [...alerts].reverse().map((alert) => el('li', {}, el('strong', {}, reasonTitle(alert.code)), ` at ${alert.at || 'an unknown time'} — `, alert.message))),
  );
}

function linkedSection(detail) {
  if (!detail.linked_pairs?.length) return null;
  return el(
    'section',
    { 'aria-labelledby': 'linked' },
    el('h2', { id: 'linked' }, 'Linked applications'),
    el('p', {}, 'Pairs the linker joined into one person, with what agreed and what did not.'),
    detail.linked_pairs.map((pair) => {
      const other = pair.application_left === detail.application_id ? pair.application_right : pair.application_left;
      return el(
        'details',
        { class: 'pair' },
        el('summary', {}, el('a', { href: route('application', other) }, other), ` — match probability ${(pair.match_probability * 100).toFixed(1)} %`),
        el(
          'table',
          {},
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, 'Comparison'), el('th', { scope: 'col', class: 'num' }, 'Weight'))),
          el('tbody', {}, pair.terms.map((term) => el('tr', {}, el('td', {}, term.field), el('td', {}, term.level), el('td', { class: 'num' }, Number(term.weight).toFixed(2))))),
        ),
      );
    }),
  );
}

function personaSection(persona, current) {
  const others = (persona?.applications ?? []).filter((member) => member.application_id !== current);
  if (others.length === 0) return null;
  return el(
    'section',
    { 'aria-labelledby': 'persona' },
    el('h2', { id: 'persona' }, 'The same person’s other applications'),
    el('ul', {}, others.map((member) => el('li', {}, el('a', { href: route('application', member.application_id) }, member.application_id), ` — ${member.full_name} at ${member.company_id} `, levelBadge(member.level)))),
  );
}

function submittedSection(record) {
  const rows = Object.entries(record).filter(([key, value]) => key !== 'extra' && value !== '' && value !== null);
  const extra = Object.entries(record.extra ?? {});
  return el(
    'section',
    { 'aria-labelledby': 'submitted' },
    el('h2', { id: 'submitted' }, 'As submitted'),
    el('dl', { class: 'fields' }, [...rows, ...extra].map(([key, value]) => [el('dt', {}, key.replaceAll('_', ' ')), el('dd', { class: key === 'resume_text' ? 'long' : null }, String(value))])),
  );
}

function decisionsSection(detail, view, context) {
  const note = el('textarea', { id: 'decision-note', name: 'note', rows: '3', required: true, 'aria-describedby': 'decision-help' });
  const message = el('p', { id: 'decision-message', role: 'status' });
  const choices = Object.entries(DECISIONS).map(([value, label], index) =>
    el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'decision', value, checked: index === 0 }), ' ', label),
  );
  const form = el(
    'form',
    { class: 'card decision', id: 'decision-form', novalidate: true },
    el('fieldset', {}, el('legend', {}, 'Decision'), choices),
    el('label', { for: 'decision-note' }, 'Note (required)'),
    el('p', { id: 'decision-help', class: 'note' }, 'Say what you checked. Decisions are kept with your name; a later decision supersedes, none is deleted.'),
    note,
    el('button', { type: 'submit' }, 'Record decision'),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const decision = form.querySelector('input[name="decision"]:checked')?.value;
    if (!note.value.trim()) {
      message.className = 'error';
      message.textContent = 'Write a note: what did you check?';
      note.focus();
      return;
    }
    try {
      await api('/v1/decisions', { method: 'POST', body: { application_id: detail.application_id, decision, note: note.value.trim() } });
      // Re-read the page: the decision changes the score and the list below.
      const fresh = el('div', { class: 'page' });
      await renderApplication(fresh, detail.application_id, context);
      view.replaceChildren(...fresh.childNodes);
      const status = view.querySelector('#decision-message');
      status.textContent = 'Decision recorded.';
      status.className = 'ok';
      status.focus?.();
    } catch (error) {
      message.className = 'error';
      message.textContent = `Not recorded: ${error.message}`;
    }
  });
  const decisions = [...(detail.decisions ?? [])].reverse();
  return el(
    'section',
    { 'aria-labelledby': 'decisions' },
    el('h2', { id: 'decisions' }, 'Decisions'),
    decisions.length === 0
      ? el('p', { class: 'empty' }, 'No decision yet.')
      : el(
          'ol',
          { class: 'decisions', reversed: true },
          decisions.map((decision, index) =>
            el(
              'li',
              { class: index === 0 ? 'current' : 'superseded' },
              el('strong', {}, DECIDED[decision.decision] ?? decision.decision),
              ` by ${decision.who} at ${decision.at}`,
              index === 0 ? ' (counts)' : ' (superseded)',
              decision.note ? el('blockquote', {}, decision.note) : null,
            ),
          ),
        ),
    form,
  );
}
