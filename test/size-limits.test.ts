// Size limits, enforced: no TypeScript file under src/ (the tests beside the code included), bench/, test/ or
// examples/ over 400 lines, no function there over 60 lines from its first line to its last. A long file is read
// twice; a long function is usually two, and each migration stage or protocol phase is its own function (issue 15).
// examples/simgrid/ is left out: each example follows its SimGrid program step after step, so that the two logs
// compare line by line.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = fileURLToPath(new URL('..', import.meta.url));
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 60;
const SIMGRID_PORTS = join(repo, 'examples', 'simgrid');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || path === SIMGRID_PORTS ? [] : files(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** A function's name as a reader finds it: its own, its variable's, its property's, or "(anonymous)". */
function nameOf(node: ts.SignatureDeclaration): string {
  if (node.name !== undefined) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name !== undefined) {
    return parent.name.getText();
  }
  return '(anonymous)';
}

interface LongFunction {
  file: string;
  name: string;
  line: number;
  lines: number;
}

/** Every function with a body in `text` longer than `max` lines, counted from its first line to its last. */
export function longFunctions(file: string, text: string, max = MAX_FUNCTION_LINES): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > max) found.push({ file, name: nameOf(node), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sources(): { file: string; text: string }[] {
  return ['src', 'bench', 'test', 'examples'].flatMap((dir) =>
    files(join(repo, dir)).map((path) => ({ file: relative(repo, path), text: readFileSync(path, 'utf8') })),
  );
}

function lineCount(text: string): number {
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

test(`no file under src/, bench/, test/ or examples/ is over ${MAX_FILE_LINES} lines`, () => {
  const over = sources().filter(({ text }) => lineCount(text) > MAX_FILE_LINES);
  assert.deepEqual(
    over.map(({ file, text }) => `${file}: ${lineCount(text)} lines`),
    [],
    'Split these files by concept',
  );
});

test(`no function under src/, bench/, test/ or examples/ is over ${MAX_FUNCTION_LINES} lines`, () => {
  const over = sources().flatMap(({ file, text }) => longFunctions(file, text));
  assert.deepEqual(
    over.map(({ file, name, line, lines }) => `${file}:${line} ${name}: ${lines} lines`),
    [],
    'Split these functions',
  );
});

test('the function measure counts a function from its first line to its last, nested ones apart', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  const x${i} = ${i};`).join('\n');
  const text = `function short() {\n${body(58)}\n}\nconst long = () => {\n${body(59)}\n};\nclass C {\n  m() {\n${body(61)}\n  }\n}\n`;
  assert.deepEqual(
    longFunctions('x.ts', text).map(({ name, line, lines }) => `${name}:${line}:${lines}`),
    ['long:61:61', 'm:123:63'],
  );
});
