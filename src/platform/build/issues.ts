// Where a platform element comes from (a path, and a file position for XML) and how its problems become Issues.
import { InputError, type Issue, type SourceLocation } from '../../core/index.ts';

export interface Where {
  /** `zone#AS0/link#l1` in XML, `links[2].bandwidth` in a JSON spec. */
  path: string;
  location?: SourceLocation;
}

export function makeIssue(code: string, message: string, where: Where, hint?: string): Issue {
  const issue: Issue = { code, path: where.path, message };
  if (where.location !== undefined) issue.location = where.location;
  if (hint !== undefined) issue.hint = hint;
  return issue;
}

/** Collects the errors and warnings of one platform, to report them all at once. */
export class IssueList {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];

  error(code: string, message: string, where: Where, hint?: string): void {
    this.errors.push(makeIssue(code, message, where, hint));
  }

  warn(code: string, message: string, where: Where, hint?: string): void {
    this.warnings.push(makeIssue(code, message, where, hint));
  }

  /** The errors in file order (those without a position last, in the order found). */
  sortedErrors(): Issue[] {
    return inFileOrder(this.errors);
  }

  sortedWarnings(): Issue[] {
    return inFileOrder(this.warnings);
  }

  /** Adds the issues of an error thrown by a parser (an InputError), or rethrows anything else. */
  absorb(error: unknown): void {
    if (error instanceof InputError) {
      this.errors.push(...error.issues);
      return;
    }
    throw error;
  }

  /** Runs `read`; on a parse error, records its issues and returns `undefined`. */
  attempt<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      this.absorb(error);
      return undefined;
    }
  }
}

function inFileOrder(issues: readonly Issue[]): Issue[] {
  const rank = (issue: Issue): [number, number] => [
    issue.location?.line ?? Number.MAX_SAFE_INTEGER,
    issue.location?.col ?? 0,
  ];
  return [...issues].sort((a, b) => {
    const [lineA, colA] = rank(a);
    const [lineB, colB] = rank(b);
    return lineA - lineB || colA - colB;
  });
}
