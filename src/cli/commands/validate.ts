// `livemig validate <file>`: checks a scenario (YAML/JSON) or a platform (XML) and lists every problem at once.
import { resolve } from 'node:path';
import { formatIssue, InputError, loadPlatformXml, loadScenario } from '../../index.ts';
import { parseArgs, usageIssue } from '../args.ts';
import type { Io } from '../io.ts';
import type { Command } from '../main.ts';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a scenario or platform file; list every problem with file:line:col',
  usage: 'Usage: livemig validate <scenario.yaml|scenario.json|platform.xml>',
  async run(argv: readonly string[], io: Io): Promise<number> {
    const args = parseArgs(argv, {}, 'validate');
    const [file, ...extra] = args.positionals;
    if (file === undefined || extra.length > 0) {
      throw new InputError('Bad arguments for "livemig validate":', [
        usageIssue('give exactly one file', 'livemig validate scenario.yaml'),
      ]);
    }
    const path = resolve(io.cwd, file);
    if (path.toLowerCase().endsWith('.xml')) {
      const platform = loadPlatformXml(path);
      for (const warning of platform.warnings) io.err(`warning: ${warning.message}`);
      io.out(`${file}: valid platform (${platform.hosts.length} hosts, ${platform.links.length} links).`);
    } else {
      const scenario = loadScenario(path);
      for (const warning of scenario.warnings) io.err(`warning: ${formatIssue(warning)}`);
      io.out(
        `${file}: valid scenario (${scenario.vms.length} VMs, ${scenario.actors.length} actors, ${scenario.events.length} events).`,
      );
    }
    return 0;
  },
};
