// docs/architecture.md stays true: its picture of the layers has the layers of test/architecture.test.ts's table,
// in an order that every allowed and every actual import of src/ respects (down only); its table of where to add
// things states file counts that match the files it lists, which exist; the registries it names are the one list.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = fileURLToPath(new URL('..', import.meta.url));
const src = join(repo, 'src');
const doc = readFileSync(join(repo, 'docs/architecture.md'), 'utf8');

/** The text of the doc's section that starts with `heading`, up to the next `## ` heading. */
function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/architecture.md has no "${heading}" section`);
  const end = doc.indexOf('\n## ', start + heading.length + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** The picture's rows, top to bottom, each with the layers (`name/`) drawn on it. */
export function pictureRows(text: string): string[][] {
  const block = /```text\n([\s\S]*?)```/.exec(text)?.[1];
  assert.ok(block !== undefined, 'the layers section has no ```text picture');
  return block
    .split('\n')
    .map((line) => [...line.matchAll(/(?<=[\s│|])([a-z]+)\/(?=\s)/g)].map((m) => m[1] as string))
    .filter((row) => row.length > 0);
}

/** The table `ALLOWED` of test/architecture.test.ts (layer → layers it may import), read from its source. */
function allowedTable(): Map<string, string[]> {
  const file = join(repo, 'test/architecture.test.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const table = new Map<string, string[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'ALLOWED' && node.initializer !== undefined) {
      assert.ok(ts.isObjectLiteralExpression(node.initializer), 'ALLOWED is not an object literal');
      for (const property of node.initializer.properties) {
        assert.ok(ts.isPropertyAssignment(property) && ts.isArrayLiteralExpression(property.initializer));
        const layers = property.initializer.elements.map((element) => (element as ts.StringLiteral).text);
        table.set(property.name.getText().replace(/['"]/g, ''), layers);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  assert.ok(table.size > 0, 'test/architecture.test.ts declares no ALLOWED table');
  return table;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every import of one layer of src/ by another: [importing layer, imported layer, where]. */
function crossLayerImports(layers: ReadonlySet<string>): [string, string, string][] {
  const layerOf = (path: string) => {
    const first = relative(src, path).split(sep)[0] ?? '';
    return layers.has(first) ? first : undefined;
  };
  return files(src).flatMap((file) => {
    const from = layerOf(file);
    if (from === undefined) return [];
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => m[1]);
    return specs.flatMap((spec) => {
      const to = layerOf(normalize(join(dirname(file), spec as string)));
      const edge: [string, string, string] = [from, to ?? '', `${relative(repo, file)} imports ${spec}`];
      return to === undefined || to === from ? [] : [edge];
    });
  });
}

test('the picture of the layers draws exactly the layers of the layer table, each once', () => {
  const drawn = pictureRows(section('## The layers at a glance')).flat();
  const table = [...doc.matchAll(/^\| `([a-z]+)\/` \|/gm)].map((m) => m[1] as string);
  const allowed = [...allowedTable().keys()];
  assert.deepEqual([...drawn].sort(), [...new Set(drawn)].sort(), 'a layer is drawn twice');
  assert.deepEqual([...drawn].sort(), [...allowed].sort(), 'the picture and test/architecture.test.ts differ');
  assert.deepEqual([...table].sort(), [...allowed].sort(), 'the layer table and test/architecture.test.ts differ');
});

test('every allowed and every actual import between layers points down the picture', () => {
  const rows = pictureRows(section('## The layers at a glance'));
  const rowOf = new Map(rows.flatMap((row, index) => row.map((layer) => [layer, index] as const)));
  const allowed = allowedTable();
  const upward: string[] = [];
  for (const [layer, below] of allowed) {
    for (const other of below) {
      if ((rowOf.get(other) ?? -1) <= (rowOf.get(layer) ?? -1)) upward.push(`${layer} may import ${other}`);
    }
  }
  for (const [from, to, where] of crossLayerImports(new Set(allowed.keys()))) {
    if ((rowOf.get(to) ?? -1) <= (rowOf.get(from) ?? -1)) upward.push(`${where} (${from} → ${to})`);
  }
  assert.deepEqual(upward, [], 'draw these layers above the ones they import');
});

test('the picture check catches a layer drawn above one it imports', () => {
  const rows = pictureRows('```text\n │ vm/  VMs │\n │ control/ x │ kernel/ y │\n │ core/ z │\n```\n');
  assert.deepEqual(rows, [['vm'], ['control', 'kernel'], ['core']]);
});

/** The rows of the "where a newcomer adds things" table: what, the count stated, the paths listed. */
function additionRows(): { what: string; count: string; paths: string[] }[] {
  return [...section('## Where a newcomer adds things').matchAll(/^\| (a [^|]+?) \| ([^|]+?) \| ([^|]+) \|$/gm)].map(
    (m) => ({
      what: m[1] as string,
      count: m[2] as string,
      paths: [...(m[3] as string).matchAll(/`((?:src|test|bench|docs)\/[^`]+)`/g)].map((p) => p[1] as string),
    }),
  );
}

test('each file count of the newcomer table is the number of files it lists, and those files exist', () => {
  const rows = additionRows();
  assert.ok(rows.length >= 4, 'the newcomer table lost its rows');
  for (const row of rows.filter((r) => /^\d+$/.test(r.count))) {
    assert.equal(
      row.paths.length,
      Number(row.count),
      `${row.what}: ${row.count} files stated, ${row.paths.length} listed`,
    );
    for (const path of row.paths.filter((p) => !p.includes('NAME'))) {
      assert.ok(existsSync(join(repo, path)), `${row.what}: ${path} does not exist`);
    }
    for (const path of row.paths.filter((p) => p.includes('NAME'))) {
      assert.ok(existsSync(join(repo, dirname(path))), `${row.what}: no folder ${dirname(path)}`);
    }
  }
});

test('the algorithm registry lists every strategy file, and the contract suite runs every algorithm', () => {
  const registry = readFileSync(join(src, 'vm/migration/algorithms.ts'), 'utf8');
  const imported = new Set([...registry.matchAll(/from '\.\/strategies\/([a-z-]+)\.ts'/g)].map((m) => m[1]));
  const strategies = readdirSync(join(src, 'vm/migration/strategies'))
    // A `-table.ts` file beside an algorithm is the report table it contributes, not an algorithm.
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('-table.ts'))
    .map((name) => name.replace(/\.ts$/, ''));
  assert.deepEqual([...imported].sort(), strategies.sort());
  const body = /BUILT_IN_ALGORITHMS[^{]*\{([^}]*)\}/.exec(registry)?.[1] ?? '';
  const names = [...body.matchAll(/^\s*'?([a-z-]+)'?[:,]/gm)].map((m) => m[1] as string);
  assert.ok(names.length >= 5, `read only ${names.length} algorithms from the registry`);
  const suite = ['test/migration-contract.case.ts', 'test/migration-algorithms.test.ts']
    .map((path) => readFileSync(join(repo, path), 'utf8'))
    .join('\n');
  for (const name of names)
    assert.match(suite, new RegExp(`algorithm: '${name}'`), `${name} is not in the contract suite`);
});

test('the chart list of report-charts.ts imports every chart file', () => {
  const charts = join(src, 'report/charts');
  const list = readFileSync(join(charts, 'report-charts.ts'), 'utf8');
  const chartFiles = readdirSync(charts).filter((name) => name.endsWith('-chart.ts'));
  for (const name of chartFiles) assert.ok(list.includes(`from './${name}'`), `report-charts.ts does not list ${name}`);
});
