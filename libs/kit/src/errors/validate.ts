import { ValidationError, type FieldProblem } from './domain-errors.js';

/**
 * Collects every field problem of a request before refusing it, so the caller learns all of them
 * at once, each with its field path.
 */
export class Validator {
  private readonly problems: FieldProblem[] = [];

  check(condition: boolean, field: string, description: string): this {
    if (!condition) this.problems.push({ field, description });
    return this;
  }

  throwIfInvalid(): void {
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }
}
