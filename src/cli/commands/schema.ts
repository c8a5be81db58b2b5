// `livemig schema`: the JSON Schema of scenario files, for editors and other tools.
import { scenarioJsonSchema } from '../../index.ts';
import { parseArgs } from '../args.ts';
import type { Io } from '../io.ts';
import type { Command } from '../main.ts';

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of scenario files',
  usage: 'Usage: livemig schema',
  async run(argv: readonly string[], io: Io): Promise<number> {
    parseArgs(argv, {}, 'schema');
    io.out(JSON.stringify(scenarioJsonSchema(), null, 2));
    return 0;
  },
};
