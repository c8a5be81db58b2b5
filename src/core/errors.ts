// The one error type of livemig: a closed set of codes, structured details, and issue lists for bad input.
// Library code throws these; only the CLI prints them or turns them into exit codes.

/** Every way livemig can fail, as a closed union. */
export type ErrorCode =
  | 'invalid-argument'
  | 'invalid-input'
  | 'invalid-state'
  | 'not-found'
  | 'host-failure'
  | 'network-failure'
  | 'timeout'
  | 'cancelled'
  | 'actor-killed'
  | 'actor-failed'
  | 'deadlock'
  | 'vm-failure'
  | 'migration-failed'
  | 'migration-aborted'
  /** A phased migration failed in this phase (details: phase, reason, records). */
  | 'begin-failed'
  | 'prepare-failed'
  | 'perform-failed'
  | 'finish-failed'
  | 'confirm-failed'
  | 'protocol-failure'
  | 'driver-failure'
  | 'internal';

export interface LivemigErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class LivemigError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: LivemigErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LivemigError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** Where something is in a file, 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/** One problem with some input: a machine-readable code, where it is, and what to do. */
export interface Issue {
  code: string;
  /** Path of the offending value inside the document, e.g. `vms[0].ram` or `zone#AS0/link#l1`. */
  path: string;
  message: string;
  location?: SourceLocation;
  hint?: string;
}

export function formatLocation(location: SourceLocation | undefined): string {
  return location === undefined ? '' : `${location.file}:${location.line}:${location.col}`;
}

export function formatIssue(issue: Issue): string {
  const where = formatLocation(issue.location);
  const head = where === '' ? (issue.path === '' ? '' : `${issue.path}: `) : `${where}: `;
  const hint = issue.hint === undefined ? '' : `\n    hint: ${issue.hint}`;
  return `${head}${issue.message} [${issue.code}]${hint}`;
}

/** Bad input (a file, an API argument): every problem found, reported at once, before anything runs. */
export class InputError extends LivemigError {
  readonly issues: readonly Issue[];

  constructor(summary: string, issues: readonly Issue[], options: LivemigErrorOptions = {}) {
    const lines = issues.map((issue) => `  - ${formatIssue(issue)}`);
    super('invalid-input', [summary, ...lines].join('\n'), options);
    this.name = 'InputError';
    this.issues = issues;
  }
}

/** Thrown for a wrong argument to an API function (a programming error of the caller). */
export function invalidArgument(message: string, details: Record<string, unknown> = {}): LivemigError {
  return new LivemigError('invalid-argument', message, { details });
}

export function isLivemigError(value: unknown, code?: ErrorCode): value is LivemigError {
  return value instanceof LivemigError && (code === undefined || value.code === code);
}

/** The message of a thrown value, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
