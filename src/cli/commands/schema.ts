// `livemig schema`: the JSON Schema of scenario files, for editors and other tools.
import { InputError, scenarioJsonSchema } from '../../index.ts';
import { type ParsedArgs, usageIssue } from '../args.ts';
import type { Command } from '../command.ts';
import type { Io } from '../io.ts';

export const schemaCommand: Command = {
  arguments: '',
  flags: {},
  examples: ['npx livemig schema > scenario.schema.json'],
  async run(args: ParsedArgs, io: Io): Promise<number> {
    if (args.positionals.length > 0) {
      throw new InputError('Bad arguments for "livemig schema":', [
        usageIssue(`unexpected "${args.positionals[0]}"`, 'livemig schema takes no argument'),
      ]);
    }
    io.out(JSON.stringify(scenarioJsonSchema(), null, 2));
    return 0;
  },
};
