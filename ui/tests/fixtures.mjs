// The browser test's data: a hostile applicant (markup in every field it fills) and its hire's
// sign-ins, a laptop farm of a few hundred people posted to a real node, and generated networks
// of a given size answered in place of GET /v1/networks/{id} for the network page's timings.

export const HOSTILE_NAME = '<img src=x onerror=window.__pwned=1>';
export const HOSTILE_ID = 'evil-<i>1';
export const HOSTILE_EMAIL = '"<img src=x onerror=window.__pwned=4>"@example.org';
export const HOSTILE_LOGIN = '<img src=x onerror=window.__pwned=5>@hooli.example';

// csvField quotes a CSV field (RFC 4180).
export const csvField = (value) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

// hostileCsv: a new name on the Walker ring's payout account and device (so it is flagged and in
// the ring's network), with markup in its id, name, e-mail, address, resume and an extra column.
export function hostileCsv() {
  const header = 'application_id,company_id,submitted_at,full_name,email,phone,street,city,country,resume_text,payout_account,device_id,recruiter_notes';
  const row = [HOSTILE_ID, 'hooli', '2025-03-12T10:00:00Z', HOSTILE_NAME, HOSTILE_EMAIL, '(512) 555-0177', '<iframe src=javascript:window.__pwned=6>', '<svg onload=window.__pwned=7>',
    'US', '<script>window.__pwned=2</script><b>bold</b>', 'US-CHASE-000111222', 'dev-7f3a', '<a href=javascript:window.__pwned=8>notes</a>'];
  return `${header}\n${row.map(csvField).join(',')}\n`;
}

// hostileSignins: ten sign-ins of the hostile hire from a proxy in Shanghai (Okta System Log
// NDJSON) and the employees.csv that ties its login, markup in it, to the hostile application.
export function hostileSignins() {
  const events = [];
  for (let day = 1; day <= 10; day += 1) {
    events.push(JSON.stringify({
      uuid: `ev-${day}`, eventType: 'user.session.start', published: `2025-04-${String(day).padStart(2, '0')}T02:00:00.000Z`,
      actor: { alternateId: HOSTILE_LOGIN }, outcome: { result: 'SUCCESS' }, securityContext: { isProxy: true },
      client: { ipAddress: `101.86.4.${day}`, geographicalContext: { country: 'China', city: 'Shanghai' } },
    }));
  }
  return { employees: `login,application_id,company_id\n${[HOSTILE_LOGIN, HOSTILE_ID, 'hooli'].map(csvField).join(',')}\n`, signins: events.join('\n') + '\n' };
}

// generatedNetwork: a flagged network of `people` personas (two applications each) as
// GET /v1/networks/{id} answers it, tied by `ties` shared artifacts of nine kinds: a spanning tree
// (so everyone is drawn) plus cross ties. For the network page's timings beyond what the engine's
// community detection makes of the test's farm.
export function generatedNetwork(id, people, ties) {
  const kinds = ['payout_account', 'device', 'phone', 'email', 'shipping_address', 'national_id', 'github', 'ip', 'photo'];
  const levels = ['critical', 'high', 'medium'];
  const persona = (index) => `pg${String(index).padStart(6, '0')}`;
  // Reasons as long as the engine's (the farm's network answer is about 4.8 kB per application).
  const reasons = kinds.map((kind, rank) => ({ code: `SHARED_${kind.toUpperCase()}`, log_odds: 3 - rank * 0.2,
    summary: `${kind} ${'*'.repeat(12)} #${rank}a${rank}b held by 4 independent parties (3 other persona(s)) in 4 companies (specificity 0.8${rank}); `.repeat(4) }));
  const applications = [];
  for (let index = 0; index < people; index += 1) {
    for (const copy of [0, 1]) {
      applications.push({ application_id: `gen-${index}-${copy}`, company_id: `co-${(index * 7 + copy) % 40}`, persona_id: persona(index), network_id: id,
        full_name: `Person ${index} ${copy ? 'Alias' : 'Given'}`, level: levels[index % 3], score: 90, reasons, provisional: false });
    }
  }
  const edges = [];
  for (let index = 0; index < ties; index += 1) {
    const target = index < people - 1 ? index + 1 : (index * 37) % people;
    const source = index < people - 1 ? Math.floor((index * 13) % (index + 1)) : (index * 11 + 5) % people;
    if (source === target) continue;
    edges.push({ persona_left: persona(source), persona_right: persona(target), kind: kinds[index % kinds.length], value: `v-****${index}`, weight: 0.5 });
  }
  return { network_id: id, flagged: true, score: 99, level: 'critical', applications, edges, omitted_edges: 0, linked_pairs: [],
    personas: Array.from({ length: people }, (_, index) => persona(index)), companies: Array.from({ length: 40 }, (_, index) => `co-${index}`) };
}

// graphForm is a network answer as GET /v1/networks/{id}?view=graph sends it: without each
// member's reasons and the linked pairs.
export function graphForm(network) {
  const { linked_pairs: _pairs, ...rest } = network;
  return { ...rest, applications: network.applications.map(({ reasons: _reasons, ...member }) => member) };
}

// farmCsv: a laptop farm of `people` personas, each applying 4 times under different names with
// one shared mailbox (so the linker makes 4 applications one persona); across personas, groups of
// 4 applications share a phone, a shipping address, a payout account, a device, a national id, a
// GitHub and a LinkedIn handle, an IP and a photo, each kind grouped differently so that the
// evidence ties everyone into one network (critical, its 300 strongest ties listed).
export function farmCsv(people) {
  const size = people * 4;
  const first = ['Alex', 'Sam', 'Chris', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Drew', 'Avery', 'Quinn'];
  const last = ['Reed', 'Hale', 'Stone', 'Park', 'Lane', 'Cole', 'Ward', 'Fox', 'Gray', 'Moss', 'Nash', 'Price', 'Vance'];
  const strides = [1, 7, 11, 13, 17, 19, 23, 29, 31, 37];
  const group = (kind, index) => Math.floor(((index * strides[kind] + kind * 5) % size) / 4);
  const pad = (number) => String(1000 + number).padStart(4, '0');
  const rows = ['application_id,company_id,submitted_at,full_name,email,phone,country,shipping_address,payout_account,device_id,national_id,github,linkedin,ip_address,photo_hash'];
  for (let index = 0; index < size; index += 1) {
    rows.push([`farm-${index}`, `co-${index}`, '2025-04-01T10:00:00Z', `${first[index % 12]} ${last[Math.floor(index / 12) % 13]} ${index}`,
      `farm.box.${group(0, index)}@example.org`, `+1 206 555 ${pad(group(1, index))}`, 'US', `${100 + group(2, index)} Depot Rd, Tacoma, WA 98402`,
      `US-FARM-${group(3, index)}`, `dev-farm-${group(4, index)}`, `900-00-${pad(group(5, index))}`, `farmdev${group(6, index)}`,
      `linkedin.com/in/farm-${group(7, index)}`, `203.0.113.${group(8, index) % 250}`, (0xa1b2c3d4e5f60000n + BigInt(group(9, index)) * 0x1111n).toString(16),
    ].map(csvField).join(','));
  }
  return rows.join('\n') + '\n';
}
