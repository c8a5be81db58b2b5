// The layer table of docs/architecture.md, enforced: every import in src/ points down (or stays in its layer),
// and crosses layers only through the target layer's index.ts; examples, bench and tests use src/index.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const src = join(repo, 'src');

/** Each layer and the layers it may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  solver: ['core'],
  kernel: ['core'],
  models: ['core', 'solver', 'kernel'],
  platform: ['core', 'kernel', 'models'],
  vm: ['core', 'kernel', 'models', 'platform'],
  control: ['core', 'kernel', 'models', 'platform', 'vm'],
  simulation: ['core', 'kernel', 'models', 'platform', 'vm', 'control'],
  consolidation: ['core', 'kernel', 'models', 'platform', 'vm', 'control', 'simulation'],
  drivers: ['core', 'kernel', 'models', 'platform', 'vm', 'control', 'simulation'],
  report: ['core', 'kernel', 'models', 'platform', 'vm', 'control', 'simulation', 'consolidation', 'drivers'],
  scenario: [
    'core',
    'solver',
    'kernel',
    'models',
    'platform',
    'vm',
    'control',
    'simulation',
    'consolidation',
    'drivers',
    'report',
  ],
  runners: [
    'core',
    'kernel',
    'models',
    'platform',
    'vm',
    'control',
    'simulation',
    'consolidation',
    'drivers',
    'report',
    'scenario',
  ],
  campaign: [
    'core',
    'kernel',
    'models',
    'platform',
    'vm',
    'control',
    'simulation',
    'consolidation',
    'drivers',
    'report',
    'scenario',
    'runners',
  ],
  cli: [],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map((m) => m[1] as string);
}

function layerOf(path: string): string | undefined {
  const rel = relative(src, path);
  if (rel.startsWith('..')) return undefined;
  const [first] = rel.split(sep);
  return first !== undefined && first in ALLOWED ? first : rel === 'index.ts' ? 'index' : undefined;
}

/** Why importing `spec` from `file` breaks the layering, or undefined when it is fine. */
function checkImport(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = normalize(join(dirname(file), spec));
  const where = relative(repo, file);
  const from = layerOf(file);
  if (from === undefined) {
    const outside = target.startsWith(src) && target !== join(src, 'index.ts');
    return outside ? `${where}: imports ${spec}; outside src/, import src/index.ts only` : undefined;
  }
  if (from === 'index') return undefined;
  const to = layerOf(target);
  if (to === from) return undefined;
  if (from === 'cli')
    return to === 'index' ? undefined : `${where}: cli imports ${spec}; it may import src/index.ts only`;
  if (to === undefined || to === 'index' || !(ALLOWED[from] ?? []).includes(to)) {
    return `${where}: layer "${from}" imports ${spec} (layer "${to ?? 'outside src'}")`;
  }
  if (target !== join(src, to, 'index.ts')) return `${where}: imports ${spec}; across layers, import ${to}/index.ts`;
  return undefined;
}

function violations(): string[] {
  const all = [src, ...['examples', 'bench', 'test'].map((dir) => join(repo, dir))].flatMap(files);
  return all.flatMap((file) => imports(file).map((spec) => checkImport(file, spec))).filter((v) => v !== undefined);
}

test('imports point down the layer table and cross layers only through index.ts', () => {
  assert.deepEqual(violations(), []);
});

test('the checker catches upward, sideways and index-bypassing imports', () => {
  const at = (path: string) => join(src, path);
  assert.match(checkImport(at('kernel/engine.ts'), '../models/index.ts') ?? '', /layer "kernel" imports/);
  assert.match(checkImport(at('solver/system.ts'), '../kernel/index.ts') ?? '', /layer "solver" imports/);
  assert.match(checkImport(at('vm/vm-manager.ts'), '../platform/host.ts') ?? '', /import platform\/index.ts/);
  assert.match(checkImport(at('cli/main.ts'), '../vm/index.ts') ?? '', /cli imports/);
  assert.match(checkImport(join(repo, 'test/x.test.ts'), '../src/vm/index.ts') ?? '', /import src\/index.ts only/);
  assert.equal(checkImport(at('vm/vm-manager.ts'), '../platform/index.ts'), undefined);
  assert.equal(checkImport(at('vm/migration/migrate.ts'), '../vm-manager.ts'), undefined);
  assert.match(checkImport(at('scenario/index.ts'), '../runners/index.ts') ?? '', /layer "scenario" imports/);
  assert.equal(checkImport(at('campaign/run-job.ts'), '../runners/index.ts'), undefined);
});

/** Where a driver's name may be written: its runner, its driver code, and the file format's list of names. */
const DRIVER_NAME_AT = ['runners/', 'drivers/', 'scenario/format/', 'scenario/run/real-options.ts'];

test("no layer tests a driver's name: each driver is one entry of the runners' registry", () => {
  const branches = files(src)
    .filter((file) => !file.endsWith('.test.ts') && !DRIVER_NAME_AT.some((dir) => relative(src, file).startsWith(dir)))
    .filter((file) => /driver\s*[!=]==\s*'qemu'/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(repo, file));
  assert.deepEqual(branches, []);
});

test('report/ names no algorithm and no hypervisor: they supply their own tables and titles', () => {
  const named = files(join(src, 'report'))
    .filter((file) => !file.endsWith('.test.ts') && /qemu|mplm/i.test(readFileSync(file, 'utf8')))
    .map((file) => relative(repo, file));
  assert.deepEqual(named, []);
});

test('drivers and runners wait through WallClock.sleep: any other timer is a deadline they clear', () => {
  const raw = [join(src, 'drivers'), join(src, 'runners')]
    .flatMap(files)
    .filter((file) => !file.endsWith('.test.ts') && !file.endsWith('wall-clock.ts'))
    .filter((file) => {
      const text = readFileSync(file, 'utf8');
      const timers = text.match(/\bsetTimeout\(/g)?.length ?? 0;
      return timers > (text.match(/\bclearTimeout\(/g)?.length ?? 0);
    })
    .map((file) => relative(repo, file));
  assert.deepEqual(raw, []);
});
