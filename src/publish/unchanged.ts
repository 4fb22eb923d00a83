// `publish` on unchanged inputs does no work: when every XLIFF of the project, the site's Ukrainian
// resource files, the glossaries and the run's settings are what the last publish saw, and every
// file it wrote is still the one it wrote, the run repeats its report and reads, renders and
// rewrites nothing (a copy's metadata holds the publish date, so rendering again would rewrite
// every copy). Inputs and outputs are known by stat (size, modification time, inode), which an edit
// always changes; anything else — a changed file, a deleted copy, a missing or damaged record —
// means the publish runs in full. A run with errors is never recorded.
import path from 'node:path';
import { listXliff } from '../project/layout.js';
import { listFiles } from '../project/listing.js';
import { fileStamp, readIfExists, writeAtomic } from '../project/io.js';
import { settingsHash } from '../project/incremental.js';
import type { Reporter } from '../project/reporter.js';
import { PEREKLAD_TOOL } from '../xliff/codec.js';

export const PUBLISH_RECORD_FILE = path.join('.pereklad', 'publish-record.json');

/** What a reporter said during a run, to say again when the run is repeated. */
export type SaidLine = ['info' | 'warn' | 'detail', string];

interface PublishRecord<S> {
  v: 1;
  inputs: string;
  outputs: Array<[file: string, stamp: string]>;
  summary: S;
  said: SaidLine[];
}

async function stampOf(file: string): Promise<string | undefined> {
  const st = await fileStamp(file).catch(() => undefined); // unreadable: no stamp, so the work is done (and faults there)
  return st ? `${st.size}:${st.mtimeNs}:${st.ino}` : undefined;
}

/** One hash of every input's stamp and the settings; `output`: the resource file publish itself
 *  writes in the source language folder (the articles namespace), which is no input. */
export async function publishInputs(localesRoot: string, settings: unknown, glossaryDir: string, output: string): Promise<string> {
  const files = (await listXliff(localesRoot)).map((f) => f.file);
  const resources = (await listFiles(localesRoot, ['uk/*.json'], { folder: 'the locales folder' }).catch(() => []))
    .filter((f) => path.basename(f) !== output).map((f) => path.join(localesRoot, f));
  const glossaries = (await listFiles(glossaryDir, ['*.tsv', '*.csv'], { folder: 'the glossary folder' }).catch(() => [])).map((f) => path.join(glossaryDir, f));
  const stamps: Array<[string, string | undefined]> = [];
  for (const file of [...files, ...resources, ...glossaries]) stamps.push([file, await stampOf(file)]);
  return settingsHash({ tool: PEREKLAD_TOOL.version, settings, stamps });
}

/** The record of the last publish when it still holds: its summary and what it said. */
export async function unchangedPublish<S>(localesRoot: string, inputs: string): Promise<{ summary: S; said: SaidLine[] } | undefined> {
  const text = await readIfExists(path.join(localesRoot, PUBLISH_RECORD_FILE));
  if (text === undefined) return undefined;
  let record: PublishRecord<S>;
  try {
    record = JSON.parse(text) as PublishRecord<S>;
  } catch {
    return undefined;
  }
  if (record.v !== 1 || record.inputs !== inputs || !Array.isArray(record.outputs)) return undefined;
  for (const [file, stamp] of record.outputs) if ((await stampOf(file)) !== stamp) return undefined;
  return { summary: record.summary, said: record.said };
}

/** Record a publish that ended without errors, with the files it wrote or found as they should be. */
export async function recordPublish<S>(localesRoot: string, inputs: string, outputs: readonly string[], summary: S, said: SaidLine[]): Promise<void> {
  const stamps: Array<[string, string]> = [];
  for (const file of outputs) {
    const stamp = await stampOf(file);
    if (stamp === undefined) return;
    stamps.push([file, stamp]);
  }
  const record: PublishRecord<S> = { v: 1, inputs, outputs: stamps, summary, said };
  await writeAtomic(path.join(localesRoot, PUBLISH_RECORD_FILE), `${JSON.stringify(record)}\n`);
}

/** A reporter that also keeps what it says (errors are not kept: a run with errors is not recorded). */
export function recordingReporter(reporter: Reporter): { reporter: Reporter; said: SaidLine[] } {
  const said: SaidLine[] = [];
  // Every method delegated by hand: the reporter may be a class instance, whose methods a spread
  // would not copy.
  return {
    said,
    reporter: {
      info: (line) => { said.push(['info', line]); reporter.info(line); },
      warn: (line) => { said.push(['warn', line]); reporter.warn(line); },
      detail: (line) => { said.push(['detail', line]); reporter.detail(line); },
      error: (line) => reporter.error(line),
      summary: (lines, result) => reporter.summary(lines, result),
      get progress() { return reporter.progress; },
      get json() { return reporter.json; },
    },
  };
}
