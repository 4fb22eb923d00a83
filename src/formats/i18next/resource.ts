// An i18next JSON v4 resource file (one namespace of one language) as an ordered tree, and the
// translatable strings in it. Key order is the file's own: JSON.parse would move integer-like keys
// ("404") to the front of an object, so the file is read with jsonc-parser (Microsoft's, the
// parser behind VS Code's JSON support), whose tree keeps every member in order with its offset,
// which also gives each error its line.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { BadInputError } from '../../errors.js';
import { DEFAULT_SYNTAX, hasTranslatableText, valueContent, type I18nextSyntax } from './syntax.js';
import { pluralForm, type PluralForm } from './plurals.js';

/** A JSON value with object members in file order. Numbers, booleans and null keep their source text. */
export type JsonNode =
  | { type: 'string'; value: string }
  | { type: 'literal'; raw: string }
  | { type: 'array'; items: JsonNode[] }
  | { type: 'object'; members: JsonMember[] };

export interface JsonMember { name: string; line: number; value: JsonNode }

export interface Resource {
  namespace: string;
  /** The file as the user names it (`locales/uk/site.json`), for messages. */
  file: string;
  root: JsonMember[];
  /** The indentation the file uses (two spaces when it cannot be told), so targets look alike. */
  indent: string;
  finalNewline: boolean;
}

/** One string of the source that is translated: its full key and value. */
export interface SourceString {
  key: string;
  value: string;
  line: number;
  plural?: PluralForm;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function parseResource(text: string, namespace: string, file: string): Resource {
  const errors: ParseError[] = [];
  const tree = parseTree(text.replace(/^\uFEFF/u, ''), errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) throw new BadInputError(file, `is not valid JSON (${printParseErrorCode(first.error)})`, lineAt(text, first.offset));
  if (!tree || tree.type !== 'object') throw new BadInputError(file, 'is not an i18next resource: the file must hold one JSON object');
  const convert = (node: Node): JsonNode => {
    switch (node.type) {
      case 'string': return { type: 'string', value: node.value as string };
      case 'array': return { type: 'array', items: (node.children ?? []).map(convert) };
      case 'object': {
        const members: JsonMember[] = [];
        const seen = new Set<string>();
        for (const property of node.children ?? []) {
          const [nameNode, valueNode] = property.children ?? [];
          if (!nameNode || !valueNode) continue;
          const name = nameNode.value as string;
          const line = lineAt(text, nameNode.offset);
          // i18next would silently take the last one; a translator's string would be lost with the other.
          if (seen.has(name)) throw new BadInputError(file, `key "${name}" appears twice in one object`, line);
          seen.add(name);
          members.push({ name, line, value: convert(valueNode) });
        }
        return { type: 'object', members };
      }
      default: return { type: 'literal', raw: text.slice(node.offset, node.offset + node.length) };
    }
  };
  const root = convert(tree);
  const indent = /\n([ \t]+)"/u.exec(text)?.[1] ?? '  ';
  return { namespace, file, root: root.type === 'object' ? root.members : [], indent, finalNewline: text.endsWith('\n') };
}

export interface ResourceOptions {
  syntax?: I18nextSyntax;
  /** Keys whose whole value is kept as it stands (objects a site reads with `returnObjects`). */
  keep?: readonly string[];
}

function joinKey(prefix: string, name: string, syntax: I18nextSyntax): string {
  return prefix === '' ? name : `${prefix}${syntax.keySeparator === false ? '.' : syntax.keySeparator}${name}`;
}

/**
 * Whether a member is a nested group of keys (walked) or a value kept as it stands. With
 * `keySeparator: false` i18next does not nest, so an object can only be a `returnObjects` value.
 */
function isGroup(member: JsonMember, key: string, options: ResourceOptions): member is JsonMember & { value: { type: 'object' } } {
  return member.value.type === 'object' && (options.syntax ?? DEFAULT_SYNTAX).keySeparator !== false && !(options.keep ?? []).includes(key);
}

/** Whether a string value is translated: it has a letter outside every i18next code. */
export function isTranslatable(value: string, syntax: I18nextSyntax): boolean {
  return value.trim() !== '' && hasTranslatableText(valueContent(value, syntax).content);
}

/** The translatable strings, in file order. Everything else (numbers, booleans, empty strings,
 *  arrays, kept objects, strings with nothing to translate) stays as it is in every target. */
export function sourceStrings(resource: Resource, options: ResourceOptions = {}): SourceString[] {
  const syntax = options.syntax ?? DEFAULT_SYNTAX;
  const out: SourceString[] = [];
  const seen = new Map<string, number>();
  const walk = (members: JsonMember[], prefix: string): void => {
    for (const member of members) {
      const key = joinKey(prefix, member.name, syntax);
      if (isGroup(member, key, options)) { walk(member.value.members, key); continue; }
      if (member.value.type !== 'string' || !isTranslatable(member.value.value, syntax)) continue;
      // `a.b` nested and `"a.b"` flat are one key to i18next: two values for it cannot both be right.
      const other = seen.get(key);
      if (other !== undefined) throw new BadInputError(resource.file, `key "${key}" is defined twice (also on line ${other})`, member.line);
      seen.set(key, member.line);
      const plural = pluralForm(member.name, syntax);
      out.push({ key, value: member.value.value, line: member.line, ...(plural ? { plural: { ...plural, base: joinKey(prefix, plural.base, syntax) } } : {}) });
    }
  };
  walk(resource.root, '');
  return out;
}

/** Every key `t()` can be called with on this resource: each leaf (text or not, kept objects
 *  too) and each plural group's base key (`comments.count` for `comments.count_one`). */
export function resourceKeys(resource: Resource, options: ResourceOptions = {}): Set<string> {
  const syntax = options.syntax ?? DEFAULT_SYNTAX;
  const keys = new Set<string>();
  const walk = (members: JsonMember[], prefix: string): void => {
    for (const member of members) {
      const key = joinKey(prefix, member.name, syntax);
      keys.add(key);
      if (isGroup(member, key, options)) { walk(member.value.members, key); continue; }
      const plural = pluralForm(member.name, syntax);
      if (plural) keys.add(joinKey(prefix, plural.base, syntax));
    }
  };
  walk(resource.root, '');
  return keys;
}

/** Walk the tree with full keys, for writers that rebuild it. */
export function walkMembers(members: JsonMember[], options: ResourceOptions, prefix = ''): Array<{ member: JsonMember; key: string; group: boolean }> {
  const syntax = options.syntax ?? DEFAULT_SYNTAX;
  return members.map((member) => {
    const key = joinKey(prefix, member.name, syntax);
    return { member, key, group: isGroup(member, key, options) };
  });
}

export function serializeJson(node: JsonNode, indent: string, level = 0): string {
  const pad = indent.repeat(level + 1);
  const close = indent.repeat(level);
  switch (node.type) {
    case 'string': return JSON.stringify(node.value);
    case 'literal': return node.raw;
    case 'array':
      return node.items.length === 0 ? '[]' : `[\n${node.items.map((item) => pad + serializeJson(item, indent, level + 1)).join(',\n')}\n${close}]`;
    case 'object':
      return node.members.length === 0 ? '{}' : `{\n${node.members.map((m) => `${pad}${JSON.stringify(m.name)}: ${serializeJson(m.value, indent, level + 1)}`).join(',\n')}\n${close}}`;
  }
}
