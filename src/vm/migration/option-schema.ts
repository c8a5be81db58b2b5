// The options an algorithm takes, declared with the schema DSL: one definition gives the reader (every problem at
// once: a key the algorithm does not take, with a suggestion; a wrong type; a value out of range), the type the
// algorithm's `create` receives, and the JSON Schema. Keys refused with a reason (MPLM has no downtime limit) and
// checks across keys (skipStage1 needs skipStage2) are part of the declaration.
import {
  capitalise,
  childPath,
  didYouMean,
  type Field,
  type Fields,
  type FieldsOutput,
  fieldsJson,
  fromPlain,
  InputError,
  type Issue,
  type JsonDefs,
  type JsonSchema,
  ReadContext,
  readFields,
  Schema,
  type SourceNode,
} from '../../core/index.ts';

/** Why a key is refused, and what to do instead. */
export interface RefusedKey {
  message: string;
  hint: string;
}

/** A problem across keys, reported at `key`. */
export interface CrossKeyProblem {
  key: string;
  message: string;
  hint: string;
}

export interface AlgorithmOptionsSpec<O> {
  /** Keys the algorithm refuses with a reason (instead of "takes no option"). */
  refused?: Readonly<Record<string, RefusedKey>>;
  /** A check across keys, once each key has been read. */
  check?(options: O): CrossKeyProblem | undefined;
}

type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends Field<unknown, 'optional'> ? K : never }[keyof F];

/** The options as read: an optional key may be left out. */
export type OptionsOutput<F extends Fields> = {
  [K in Exclude<keyof F, OptionalKeys<F>>]: FieldsOutput<F>[K];
} & { [K in OptionalKeys<F>]?: FieldsOutput<F>[K] };

/** How a key is named to the user: the API's name by default, a scenario file's key when a scenario is checked
 * (undefined: the key cannot be written there, and is not offered). */
export type KeyName = (key: string) => string | undefined;

export class AlgorithmOptionsSchema<O> extends Schema<O> {
  constructor(
    readonly algorithm: string,
    readonly fields: Fields,
    private readonly spec: AlgorithmOptionsSpec<O> = {},
  ) {
    super();
  }

  /** The keys it takes. */
  get keys(): string[] {
    return Object.keys(this.fields);
  }

  /** Issues for the keys it does not take (refused ones with their reason), named by `name`. */
  keyIssues(keys: readonly string[], name: KeyName = (key) => key): Issue[] {
    const known = this.keys;
    const names = known.flatMap((key) => name(key) ?? []);
    return keys
      .filter((key) => !known.includes(key))
      .map((key) => {
        const path = name(key) ?? key;
        const refused = this.spec.refused?.[key];
        if (refused !== undefined)
          return { code: 'option-not-applicable', path, message: refused.message, hint: refused.hint };
        const guess = didYouMean(path, names);
        const suggestion = guess === undefined ? '' : `${capitalise(guess)} `;
        const takes = names.length === 0 ? 'It takes no option of its own.' : `It takes ${names.join(', ')}.`;
        return {
          code: 'unknown-option',
          path,
          message: `The ${this.algorithm} algorithm takes no option "${path}".`,
          hint: `${suggestion}${takes}`,
        };
      });
  }

  read(node: SourceNode, path: string, ctx: ReadContext): O | undefined {
    if (node.kind !== 'map') return ctx.wrongType(node, path, this.expected());
    const keys = node.entries.map((entry) => entry.key);
    const unknown = this.keyIssues(keys);
    for (const issue of unknown) {
      const entry = node.entries.find((e) => e.key === issue.path);
      ctx.report(issue.code, entry?.keyLocation, childPath(path, issue.path), issue.message, issue.hint);
    }
    const extra = keys.filter((key) => !this.keys.includes(key));
    const options = readFields(this.fields, node, path, ctx, extra) as O | undefined;
    if (options === undefined || unknown.length > 0) return undefined;
    const problem = this.spec.check?.(options);
    if (problem === undefined) return options;
    const entry = node.entries.find((e) => e.key === problem.key);
    ctx.report('invalid-value', entry?.keyLocation, childPath(path, problem.key), problem.message, problem.hint);
    return undefined;
  }

  jsonSchema(defs: JsonDefs): JsonSchema {
    const { properties } = fieldsJson(this.fields, defs);
    return { type: 'object', properties, additionalProperties: false };
  }

  expected(): string {
    return `the options of the ${this.algorithm} algorithm (a map)`;
  }
}

/** Declares the options of an algorithm; their type is `OptionsOutput<F>` (`Infer` of the result). */
export function algorithmOptions<F extends Fields>(
  algorithm: string,
  fields: F,
  spec: AlgorithmOptionsSpec<OptionsOutput<F>> = {},
): AlgorithmOptionsSchema<OptionsOutput<F>> {
  return new AlgorithmOptionsSchema(algorithm, fields, spec);
}

/** Reads plain options (an API caller's) against an algorithm's schema: typed, or an InputError listing every
 * problem with its key. */
export function readAlgorithmOptions<O>(schema: AlgorithmOptionsSchema<O>, options: Record<string, unknown>): O {
  const ctx = new ReadContext();
  const read = schema.read(fromPlain(options), '', ctx);
  if (read === undefined || ctx.issues.length > 0) {
    throw new InputError(`Invalid options for the ${schema.algorithm} migration algorithm:`, ctx.issues);
  }
  return read;
}
