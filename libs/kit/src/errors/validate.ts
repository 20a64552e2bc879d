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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record ids are UUIDs everywhere on the platform. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
