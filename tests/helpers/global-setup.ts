// Said once per run, not once per test file: which outside requirements are missing here, so the
// skipped tests are not a surprise (tests/helpers/requirements.ts).
import { ALL_REQUIREMENTS, missing } from './requirements.js';

export default function setup(): void {
  const reasons = ALL_REQUIREMENTS.map((r) => missing(r)).filter((r): r is string => r !== undefined);
  if (reasons.length > 0) {
    process.stderr.write(`pereklad tests: some are skipped here (with CI set they fail instead): ${reasons.map((r) => r.replace(/^missing /u, '')).join('; ')}\n`);
  }
}
