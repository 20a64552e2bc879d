import type { FieldProblemCode, ProblemParams } from '@dangjian/contracts';
import { fieldProblem, ValidationError, type FieldProblem } from './domain-errors.js';

/**
 * Collects every field problem of a request before refusing it, so the caller learns all of them
 * at once, each with its field path.
 */
export class Validator {
  private readonly problems: FieldProblem[] = [];

  /** Records the field problem `code` (with its params) when the condition does not hold. */
  check(condition: boolean, field: string, code: FieldProblemCode, params?: ProblemParams): this {
    if (!condition) this.problems.push(fieldProblem(field, code, params));
    return this;
  }

  /** Records a problem made elsewhere (e.g. by a shared check). */
  add(problem: FieldProblem | undefined): this {
    if (problem) this.problems.push(problem);
    return this;
  }

  /** The problems found so far. */
  get found(): readonly FieldProblem[] {
    return this.problems;
  }

  throwIfInvalid(): void {
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record ids are UUIDs everywhere on the platform. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
