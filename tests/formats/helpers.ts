// Shared pieces of the i18next resource tests: the news-site fixture in a throwaway project, a
// real i18next instance over a target file, and an order-keeping view of a JSON file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import { parseTree, type Node } from 'jsonc-parser';
import { makeWorkspace, REPO_ROOT, type Workspace } from '../helpers/workspace.js';

export const SITE_FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/i18next/locales/uk/site.json');
/** `settings.formats` holds date patterns (`dd.MM.yyyy`): letters, but not words to translate. */
export const SITE_CONFIG = { strings: { keep: ['settings.formats'] } };

export async function siteProject(config: object = SITE_CONFIG): Promise<Workspace> {
  const ws = await makeWorkspace();
  await ws.write('locales/uk/site.json', await readFile(SITE_FIXTURE));
  await ws.write('pereklad.config.json', JSON.stringify(config));
  await ws.write('source-texts/.keep', '');
  return ws;
}

/** Every member and value of a JSON file in document order, as `path = value` lines: two files
 *  with equal lists have the same keys in the same order with the same values. Read with
 *  jsonc-parser's tree directly, independently of the module under test. */
export function orderedJson(text: string): string[] {
  const lines: string[] = [];
  const walk = (node: Node | undefined, where: string): void => {
    if (!node) return;
    if (node.type === 'object') {
      lines.push(`${where} = {`);
      for (const p of node.children ?? []) walk(p.children?.[1], `${where}/${String(p.children?.[0]?.value)}`);
    } else if (node.type === 'array') {
      lines.push(`${where} = [`);
      (node.children ?? []).forEach((c, i) => walk(c, `${where}[${i}]`));
    } else lines.push(`${where} = ${JSON.stringify(node.value)}`);
  };
  walk(parseTree(text), '');
  return lines;
}

export async function i18nextFor(lang: string, file: string): Promise<i18n> {
  const resources = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const instance = i18next.createInstance();
  // No fallback language: a key the target lacks would come back as the key itself, not as Ukrainian.
  await instance.init({ lng: lang, fallbackLng: false, ns: ['site'], defaultNS: 'site', resources: { [lang]: { site: resources } }, interpolation: { escapeValue: false } });
  return instance;
}

export const COUNTS = [0, 1, 2, 5, 11, 21, 22, 25, 101];

/** Every variable the fixture interpolates, with realistic values. */
export function variables(count: number): Record<string, unknown> {
  return {
    count, minutes: count + 3, name: 'Olena', author: 'Iryna Kovalenko', date: new Date(Date.UTC(2025, 5, 21, 10, 30)),
    outlet: 'Reuters', photographer: 'Anna Ivanova', max: 500, email: 'reader@example.org', year: 2026,
  };
}
