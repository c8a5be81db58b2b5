// The public API as text: every name src/index.ts exports, its kind and its type (functions with their signatures,
// classes and interfaces with their public members), compared with test/public-api.snapshot.txt so that any change
// of the API shows in review. After an intended change: LIVEMIG_UPDATE_SNAPSHOT=1 node --import tsx --test <this>.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { recordRun, Simulation } from '../src/index.ts';

const index = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const snapshotFile = fileURLToPath(new URL('public-api.snapshot.txt', import.meta.url));
const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType;
const HIDDEN = ts.ModifierFlags.Private | ts.ModifierFlags.Protected;

function program(): ts.Program {
  const config = ts.readConfigFile(fileURLToPath(new URL('../tsconfig.json', import.meta.url)), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, fileURLToPath(new URL('..', import.meta.url)));
  return ts.createProgram([index], parsed.options);
}

/** `  name: type` for each public member of a class instance, an interface or a class's static side. */
function members(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): string[] {
  return checker
    .getPropertiesOfType(type)
    .filter((member) => {
      if (member.name === 'prototype' || member.name.startsWith('#')) return false;
      const declaration = member.valueDeclaration ?? member.declarations?.[0];
      return declaration === undefined || (ts.getCombinedModifierFlags(declaration) & HIDDEN) === 0;
    })
    .map((member) => {
      const optional = member.flags & ts.SymbolFlags.Optional ? '?' : '';
      const memberType = checker.typeToString(checker.getTypeOfSymbolAtLocation(member, at), at, FLAGS);
      return `  ${member.name}${optional}: ${memberType}`;
    })
    .sort();
}

function describeClass(checker: ts.TypeChecker, name: string, target: ts.Symbol, at: ts.Node): string[] {
  const staticSide = checker.getTypeOfSymbolAtLocation(target, at);
  const constructors = staticSide
    .getConstructSignatures()
    .map((signature) => `  new${checker.signatureToString(signature, at, FLAGS)}`);
  const statics = members(checker, staticSide, at).map((line) => `  static ${line.trimStart()}`);
  const instance = members(checker, checker.getDeclaredTypeOfSymbol(target), at);
  return [`${name}: class`, ...constructors, ...statics, ...instance];
}

/** The lines that describe one exported name. */
function describe(checker: ts.TypeChecker, exported: ts.Symbol, at: ts.Node): string[] {
  const name = exported.name;
  const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const flags = target.flags;
  if (flags & ts.SymbolFlags.Class) return describeClass(checker, name, target, at);
  if (flags & ts.SymbolFlags.Function) {
    const type = checker.getTypeOfSymbolAtLocation(target, at);
    return type.getCallSignatures().map((s) => `${name}: function${checker.signatureToString(s, at, FLAGS)}`);
  }
  if (flags & ts.SymbolFlags.Variable) {
    return [`${name}: const ${checker.typeToString(checker.getTypeOfSymbolAtLocation(target, at), at, FLAGS)}`];
  }
  const declared = checker.getDeclaredTypeOfSymbol(target);
  if (flags & ts.SymbolFlags.Interface) return [`${name}: interface`, ...members(checker, declared, at)];
  if (flags & ts.SymbolFlags.TypeAlias) {
    const text = checker.typeToString(declared, at, FLAGS | ts.TypeFormatFlags.InTypeAlias);
    return [`${name}: type = ${text}`];
  }
  return [`${name}: ${ts.SymbolFlags[flags] ?? flags}`];
}

/** The whole public API, one name after another in alphabetical order. */
export function publicApiText(): string {
  const built = program();
  const checker = built.getTypeChecker();
  const source = built.getSourceFile(index);
  assert.ok(source !== undefined, `TypeScript could not read ${index}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  assert.ok(moduleSymbol !== undefined, 'src/index.ts exports nothing');
  const exported = checker.getExportsOfModule(moduleSymbol).sort((a, b) => (a.name < b.name ? -1 : 1));
  const lines = exported.flatMap((symbol) => describe(checker, symbol, source));
  // A type not exported by name prints as import("/abs/path/src/x").Name: keep the name, drop the machine's path.
  return `${lines.join('\n').replace(/import\("[^"]*"\)\./g, '')}\n`;
}

test('the public API (names, kinds and types) matches test/public-api.snapshot.txt', () => {
  const text = publicApiText();
  if (process.env.LIVEMIG_UPDATE_SNAPSHOT === '1') writeFileSync(snapshotFile, text);
  const saved = readFileSync(snapshotFile, 'utf8');
  assert.equal(text, saved, 'The public API changed: review the diff, then LIVEMIG_UPDATE_SNAPSHOT=1 to accept it');
});

test('src/index.ts lists its names one by one, with no export *', () => {
  const text = readFileSync(index, 'utf8');
  assert.doesNotMatch(text, /export\s*\*/);
  assert.doesNotMatch(text, /^import /m);
});

test('engine internals are not part of the public API', () => {
  const names = new Set(publicApiText().match(/^\w+(?=: )/gm));
  for (const internal of ['MigrationRun', 'Transfer', 'PostCopyPhase', 'Recorder', 'MigrationStatsRecorder']) {
    assert.equal(names.has(internal), false, `${internal} is exported from src/index.ts`);
  }
  assert.ok(names.has('Simulation') && names.has('runScenario') && names.has('recordRun'));
});

test('recordRun records a run built in code and returns the same report on later calls', async () => {
  const platform = fileURLToPath(new URL('../examples/simgrid/platforms/small_platform.xml', import.meta.url));
  const sim = new Simulation({ platform });
  const recording = recordRun(sim, { scenario: { name: 'demo' } });
  const vm = sim.createMigratableVm('Fafard', 'vm0', {
    ramMiB: 64,
    migrationSpeedMiBps: 100,
    dirtyIntensityPercent: 0,
  });
  vm.start();
  sim.spawn('operator', 'Tremblay', async () => {
    await vm.migrate(sim.host('Jupiter'));
  });
  await sim.run();
  const report = recording.finish();
  assert.equal(report.scenario?.name, 'demo');
  assert.equal(report.migrations.length, 1);
  assert.equal(report.migrations[0]?.vm, 'vm0');
  assert.ok(report.vms.some((entry) => entry.name === 'vm0'));
  assert.equal(recording.finish(), report);
});
