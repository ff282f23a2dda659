// A consortium for the browser test: a real `crosscheck hub serve` whose members are the ring's
// five companies; four push their rows' keyed submission (`share encode`, `share push`) and acme
// runs a company node linked to the hub (`serve --hub`, syncing every second), so that acme's
// applications get the hub's findings as they would in use.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crosscheck, sha256, startNode, startServer } from './harness.mjs';

const EPOCH = '2026-12';
const COMPANIES = ['acme', 'globex', 'initech', 'umbrella', 'hooli'];

function writeSecret(path, text) {
  writeFileSync(path, text);
  chmodSync(path, 0o600); // key and token files must not be readable by others
}

// startConsortium runs the hub and acme's node in DIR over `ringCsv` (the header and rows of
// examples/applications.csv); resolves to {base, acmeCsv}: acme's node and its rows to post.
export async function startConsortium(dir, ringCsv) {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, 'consortium.key');
  crosscheck('share', 'keygen', '--out', key);
  writeFileSync(join(dir, 'members.csv'), 'company_id,token_sha256\n' + COMPANIES.map((company) => `${company},${sha256(`member-${company}`)}`).join('\n') + '\n');
  for (const company of COMPANIES) writeSecret(join(dir, `${company}.token`), `member-${company}\n`);
  const hub = await startServer(['hub', 'serve', '--listen', '127.0.0.1:0', '--store', join(dir, 'hub'), '--members', join(dir, 'members.csv'), '--k', '1'],
    /hub serving (http:\/\/127\.0\.0\.1:\d+)/);
  const [header, ...rows] = ringCsv.trimEnd().split('\n');
  const acmeRows = rows.filter((row) => row.startsWith('acme-'));
  writeFileSync(join(dir, 'others.csv'), [header, ...rows.filter((row) => !row.startsWith('acme-'))].join('\n') + '\n');
  crosscheck('share', 'encode', '--applications', join(dir, 'others.csv'), '--key-file', key, '--epoch', EPOCH, '--out', join(dir, 'subs'));
  for (const company of COMPANIES.slice(1)) {
    crosscheck('share', 'push', '--hub', hub.base, '--token-file', join(dir, `${company}.token`), join(dir, 'subs', `${company}.ccsub`));
  }
  const node = await startNode(join(dir, 'acme'), ['--hub', hub.base, '--token-file', join(dir, 'acme.token'), '--key-file', key, '--epoch', EPOCH,
    '--company-id', 'acme', '--hub-interval', '1']);
  return { base: node.base, acmeCsv: [header, ...acmeRows].join('\n') + '\n' };
}

// waitForFindings waits until acme's node holds the hub's findings and has folded them in.
export async function waitForFindings(base, seconds = 120) {
  for (let attempt = 0; attempt < seconds * 5; attempt += 1) {
    const health = await (await fetch(base + '/healthz')).json();
    if (health.hub?.findings > 0 && !health.resolving && health.provisional === 0) return health.hub;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no findings from the hub in ${seconds} s`);
}
