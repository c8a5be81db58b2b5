// Scenario text (YAML 1.2, or JSON) → a SourceNode tree with file:line:col on every node, or the syntax errors,
// each with its position. JSON is checked by JSON.parse first (strict JSON), then read by the YAML parser for positions.
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Issue, MapEntry, SourceLocation, SourceNode } from '../../core/index.ts';

export type SourceFormat = 'yaml' | 'json';

export type ReadResult = { ok: true; root: SourceNode } | { ok: false; issues: Issue[] };

/** Most nodes that aliases may expand to (a "billion laughs" document multiplies a small text). */
const ALIAS_NODE_BUDGET = 1_000_000;

/** `json` for a `.json` file or a text that starts with `{`, else `yaml`. */
export function sourceFormat(fileName: string, text: string): SourceFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

export function readSource(text: string, file: string, format: SourceFormat = sourceFormat(file, text)): ReadResult {
  const lineCounter = new LineCounter();
  if (format === 'json') {
    const problem = jsonSyntaxIssue(text, file);
    if (problem !== undefined) return { ok: false, issues: [problem] };
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourceLocation => ({ file, ...lineCounter.linePos(offset) });
  if (doc.errors.length > 0) {
    // A second error at the same place is a consequence of the first.
    const firstAt = new Map<number, (typeof doc.errors)[number]>();
    for (const error of doc.errors) if (!firstAt.has(error.pos[0])) firstAt.set(error.pos[0], error);
    const issues = [...firstAt.values()].map((error) =>
      isTooDeep(error.message)
        ? tooDeep(at(error.pos[0]))
        : {
            code: format === 'json' ? 'invalid-json' : 'invalid-yaml',
            path: '',
            message: `${format === 'json' ? 'JSON' : 'YAML'} syntax error: ${firstLine(error.message)}`,
            location: at(error.pos[0]),
            hint: syntaxHint(error.code),
          },
    );
    return { ok: false, issues };
  }
  const converter = new Converter(doc, at);
  const root = converter.convert(doc.contents, { file, line: 1, col: 1 });
  if (converter.issues.length > 0) return { ok: false, issues: converter.issues };
  return { ok: true, root };
}

class Converter {
  readonly issues: Issue[] = [];
  private aliasNodes = 0;
  private aliasDepth = 0;
  private readonly inProgress = new Set<Node>();

  constructor(
    private readonly doc: ReturnType<typeof parseDocument>,
    private readonly at: (offset: number) => SourceLocation,
  ) {}

  convert(node: Node | null | undefined, fallback?: SourceLocation): SourceNode {
    const location = node?.range === undefined || node.range === null ? fallback : this.at(node.range[0]);
    if (this.aliasDepth > 0 && ++this.aliasNodes > ALIAS_NODE_BUDGET) {
      if (this.aliasNodes === ALIAS_NODE_BUDGET + 1)
        this.fail('too-large', location, 'Aliases expand to too many nodes.');
      return { kind: 'scalar', value: null, location };
    }
    if (node === null || node === undefined) return { kind: 'scalar', value: null, location };
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (target === undefined) return this.fail('invalid-yaml', location, `Unknown alias *${node.source}.`);
      if (this.inProgress.has(target)) return this.fail('invalid-yaml', location, 'An alias refers to itself.');
      this.aliasDepth++;
      try {
        return this.guarded(target, () => ({ ...this.convert(target, location), location }));
      } finally {
        this.aliasDepth--;
      }
    }
    if (isMap(node)) return this.guarded(node, () => this.map(node.items, location));
    if (isSeq(node)) {
      return this.guarded(node, () => ({
        kind: 'seq',
        items: node.items.map((item) => this.convert(item as Node | null, location)),
        location,
      }));
    }
    if (isScalar(node)) {
      const value = node.value;
      const plain =
        value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? value
          : String(value);
      return { kind: 'scalar', value: plain, location };
    }
    return this.fail('invalid-yaml', location, 'Unsupported YAML node.');
  }

  private map(items: readonly { key: unknown; value: unknown }[], location: SourceLocation | undefined): SourceNode {
    const entries: MapEntry[] = [];
    for (const pair of items) {
      const keyNode = pair.key as Node | null;
      const keyLocation = keyNode?.range ? this.at(keyNode.range[0]) : location;
      if (keyNode !== null && !isScalar(keyNode)) {
        this.fail('invalid-key', keyLocation, 'A key must be a plain name, not a list or a map.');
        continue;
      }
      const key = keyNode === null ? '' : String(keyNode.value);
      entries.push({ key, keyLocation, value: this.convert(pair.value as Node | null, keyLocation) });
    }
    return { kind: 'map', entries, location };
  }

  private guarded(node: Node, convert: () => SourceNode): SourceNode {
    this.inProgress.add(node);
    try {
      return convert();
    } finally {
      this.inProgress.delete(node);
    }
  }

  private fail(code: string, location: SourceLocation | undefined, message: string): SourceNode {
    const issue: Issue = { code, path: '', message, hint: 'Write the document without this construct.' };
    if (location !== undefined) issue.location = location;
    if (this.issues.length < 20) this.issues.push(issue);
    return { kind: 'scalar', value: null, location };
  }
}

/** JSON.parse's verdict, with the position of the error as line:col. */
function jsonSyntaxIssue(text: string, file: string): Issue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position?.[1] === undefined ? text.length : Number(position[1]);
    const before = text.slice(0, offset).split('\n');
    const location = { file, line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
    if (isTooDeep(message)) return tooDeep(location);
    return {
      code: 'invalid-json',
      path: '',
      message: `JSON syntax error: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}.`,
      location,
      hint: 'Check the brackets, quotes and commas there (JSON allows no comments and no trailing commas).',
    };
  }
}

/** The parser ran out of stack: lists or maps nested hundreds deep. */
function isTooDeep(message: string): boolean {
  return message.includes('Maximum call stack size exceeded');
}

function tooDeep(location: SourceLocation): Issue {
  return {
    code: 'too-deep',
    path: '',
    message: 'Lists or maps are nested too deeply here for the parser (hundreds of levels).',
    location,
    hint: 'A scenario nests a few levels: close the brackets, or check that the file is a scenario.',
  };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function syntaxHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Each key may appear once in a map: remove or rename the second one.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'Check the indentation (spaces, not tabs) and the brackets and quotes around this place.';
    case 'MULTIPLE_DOCS':
      return 'A scenario file holds one document: remove the extra `---` separator.';
    default:
      return 'Fix the syntax at this place; quote values that contain ": " or start with a special character.';
  }
}
