// `livemig validate <file>`: checks a scenario (YAML/JSON) or a platform (XML) and lists every problem at once; with
// --json, every issue as an object (code, path, message, hint, file, line, column) for editors and scripts.
import { resolve } from 'node:path';
import { formatIssue, InputError, type Issue, isLivemigError, loadPlatformXml, loadScenario } from '../../index.ts';
import { type FlagSpecs, type ParsedArgs, usageIssue } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';

const FLAGS: FlagSpecs = {
  json: { value: false, description: 'print the verdict and every issue as JSON on stdout (docs/cli.md)' },
};

export const validateCommand: Command = {
  arguments: '<scenario.yaml|scenario.json|platform.xml>',
  flags: FLAGS,
  notes: ['Exit 0 when the file is valid, 2 when it is not (every problem is listed, with file:line:col and a hint).'],
  examples: ['npx livemig validate my-scenario.yaml', 'npx livemig validate platform.xml --json'],
  async run(args: ParsedArgs, io: Io): Promise<number> {
    const [file, ...extra] = args.positionals;
    if (file === undefined || extra.length > 0) {
      throw new InputError('Bad arguments for "livemig validate":', [
        usageIssue('give exactly one file', 'livemig validate scenario.yaml'),
      ]);
    }
    const path = resolve(io.cwd, file);
    const kind = path.toLowerCase().endsWith('.xml') ? 'platform' : 'scenario';
    if (!args.flags.has('json')) {
      io.out(`${file}: ${describe(kind, path, (warning) => io.err(`warning: ${formatIssue(warning)}`))}`);
      return 0;
    }
    const warnings: Issue[] = [];
    try {
      const summary = describe(kind, path, (warning) => warnings.push(warning));
      io.out(json({ file, kind, valid: true, summary, issues: [], warnings: warnings.map(issueJson) }));
      return 0;
    } catch (error) {
      if (!isLivemigError(error) || !['invalid-input', 'not-found'].includes(error.code)) throw error;
      const issues =
        error instanceof InputError ? error.issues : [{ code: error.code, path: '', message: error.message }];
      io.out(json({ file, kind, valid: false, issues: issues.map(issueJson), warnings: warnings.map(issueJson) }));
      return 2;
    }
  },
};

function describe(kind: 'platform' | 'scenario', path: string, warn: (warning: Issue) => void): string {
  if (kind === 'platform') {
    const platform = loadPlatformXml(path);
    platform.warnings.forEach(warn);
    return `valid platform (${platform.hosts.length} hosts, ${platform.links.length} links).`;
  }
  const scenario = loadScenario(path);
  scenario.warnings.forEach(warn);
  return `valid scenario (${scenario.vms.length} VMs, ${scenario.actors.length} actors, ${scenario.events.length} events).`;
}

/** One issue for `--json`: every field present (null when unknown), the location spelt out. */
export function issueJson(issue: Issue) {
  return {
    code: issue.code,
    path: issue.path,
    message: issue.message,
    hint: issue.hint ?? null,
    file: issue.location?.file ?? null,
    line: issue.location?.line ?? null,
    column: issue.location?.col ?? null,
  };
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
