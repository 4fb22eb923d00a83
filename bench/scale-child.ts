// Runs the pereklad CLI in this process and, when it exits, writes the process's own resource
// usage (CPU, peak RSS) as JSON to file descriptor 3, for bench/scale.ts.
import { writeSync } from 'node:fs';

process.on('exit', (code) => {
  const usage = process.resourceUsage();
  writeSync(3, JSON.stringify({ code, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime, maxRssKb: usage.maxRSS }));
});
await import('../src/cli/main.js');
