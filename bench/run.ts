// `npm run bench`: runs every benchmark in this folder (each bench/*.ts that runs itself when
// executed), one after another, so one command measures everything.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const here = import.meta.dirname;
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js' && !f.includes('-'))
  .filter((f) => only.length === 0 || only.includes(path.basename(f, '.js')));
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n== bench/${path.basename(file, '.js')} ==\n`);
  const run = spawnSync(process.execPath, [path.join(here, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
