// Each migration's options read against the schema of its algorithm (src/vm/migration/strategies/): a key the
// algorithm does not take (with a suggestion among those it takes), a key it refuses with a reason, and a check across
// keys, each reported at its key in the file, by the file's names.
import type { Issue, SourceNode } from '../core/index.ts';
import { childPath, fromPlain, ReadContext } from '../core/index.ts';
import { BUILT_IN_ALGORITHMS, isBuiltInAlgorithm, type MigrateOptions, type MigrationAlgorithm } from '../vm/index.ts';
import { algorithmOptionsOf, fileKeyOf } from './format/migrate-options.ts';
import type { Scenario, Step } from './model.ts';
import { locate } from './source/locate.ts';

export function checkMigrateOptions(scenario: Scenario, root: SourceNode): Issue[] {
  const places = scenario.actors.flatMap((actor) =>
    migrateSteps(actor.steps).map((step) => ({ options: step.options, path: childPath(step.where.path, 'migrate') })),
  );
  const consolidation = scenario.consolidation;
  if (consolidation !== undefined && consolidation.policies !== undefined)
    places.push({ options: consolidation.migrate, path: childPath(consolidation.where.path, 'migrate') });
  return places.flatMap(({ options, path }) => optionIssues(options, path, root));
}

function optionIssues(options: MigrateOptions, path: string, root: SourceNode): Issue[] {
  const name = options.algorithm ?? 'simgrid-precopy';
  if (typeof name !== 'string' || !isBuiltInAlgorithm(name)) return []; // the file's schema reported it
  const schema = (BUILT_IN_ALGORITHMS[name] as MigrationAlgorithm).options;
  const given = algorithmOptionsOf(options);
  const keys = Object.keys(given);
  const issues = schema.keyIssues(keys, fileKeyOf).map((issue) => withOtherAlgorithms(issue, name));
  const taken = Object.fromEntries(Object.entries(given).filter(([key]) => schema.keys.includes(key)));
  const ctx = new ReadContext();
  schema.read(fromPlain(taken), '', ctx);
  for (const issue of ctx.issues) {
    const [option = '', ...rest] = issue.path.split('.');
    issues.push({ ...issue, path: [fileKeyOf(option) ?? option, ...rest].join('.') });
  }
  return issues.map((issue) => {
    const at = childPath(path, issue.path.split('.')[0] ?? '');
    const location = locate(root, at);
    const located: Issue = { ...issue, path: childPath(path, issue.path) };
    if (location !== undefined) located.location = location;
    else delete located.location;
    return located;
  });
}

/** Adds to the hint of a key the algorithm does not take the algorithms that take it. */
function withOtherAlgorithms(issue: Issue, chosen: string): Issue {
  if (issue.code !== 'unknown-option') return issue;
  const takers = Object.entries(BUILT_IN_ALGORITHMS as Record<string, MigrationAlgorithm>)
    .filter(
      ([name, algorithm]) => name !== chosen && algorithm.options.keys.some((key) => fileKeyOf(key) === issue.path),
    )
    .map(([name]) => name);
  if (takers.length === 0) return { ...issue, hint: `Remove ${issue.path}. ${issue.hint ?? ''}`.trim() };
  return { ...issue, hint: `${issue.hint ?? ''} ${issue.path} is an option of ${takers.join(', ')}.`.trim() };
}

function migrateSteps(steps: readonly Step[]): (Step & { kind: 'migrate' })[] {
  return steps.flatMap((step) => {
    if (step.kind === 'migrate') return [step];
    return step.kind === 'repeat' ? migrateSteps(step.steps) : [];
  });
}
