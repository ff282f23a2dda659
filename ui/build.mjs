// Bundles the web UI for `crosscheck serve`: src/main.js (with Cytoscape.js) into one minified
// app.js, src/style.css into app.css, and copies index.html — into the directory given, which
// CMake embeds in the binary (cmake/embed_files.cmake). Usage: node build.mjs OUT_DIR
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const common = { bundle: true, minify: true, logLevel: 'warning', legalComments: 'none', target: ['chrome110', 'firefox110', 'safari16'] };
await build({ ...common, entryPoints: [join(here, 'src/main.js')], outfile: resolve(out, 'app.js'), format: 'iife' });
await build({ ...common, entryPoints: [join(here, 'src/style.css')], outfile: resolve(out, 'app.css') });
copyFileSync(join(here, 'index.html'), resolve(out, 'index.html'));
