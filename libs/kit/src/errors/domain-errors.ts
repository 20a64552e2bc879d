import { create } from '@bufbuild/protobuf';
import {
  ErrorCode,
  ErrorDetailSchema,
  FieldViolationSchema,
  fieldProblemText,
  ruleText,
  type ErrorDetail,
  type FieldProblemCode,
  type ProblemParams,
  type RuleName,
} from '@dangjian/contracts';

/**
 * What is wrong with one field: a stable code (a field problem, or the rule the field broke), the
 * values its sentence names, and the sentence in English. People are told from code and params, in
 * their language (decision 0017).
 */
export interface FieldProblem {
  field: string;
  code: FieldProblemCode | RuleName;
  params?: ProblemParams;
  description: string;
}

/** A field problem by code; its English sentence comes from the catalogue. */
export function fieldProblem(field: string, code: FieldProblemCode, params?: ProblemParams): FieldProblem {
  return { field, code, ...(params ? { params } : {}), description: fieldProblemText(code, params) };
}

/** A field that broke a rule (e.g. one of several broken by a development step). */
export function ruleProblem(
  field: string,
  rule: RuleName,
  params?: ProblemParams,
  description?: string,
): FieldProblem {
  return {
    field,
    code: rule,
    ...(params ? { params } : {}),
    description: description ?? ruleText(rule, params),
  };
}

/** Base of every error a service means to tell its caller about; crosses NATS by code. */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly violations: FieldProblem[] = [];
  readonly rule: string = '';
  readonly ruleParams: ProblemParams = {};
}

export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(resource: string, id: string) {
    super(`${resource} ${id} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly code = ErrorCode.CONFLICT;
  override readonly violations: FieldProblem[];
  constructor(message: string, violations: FieldProblem[] = []) {
    super(message);
    this.violations = violations;
  }
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
}

/** What the service needs is away for now (its database): an outage, not a fault (503). */
export class UnavailableError extends DomainError {
  readonly code = ErrorCode.UNAVAILABLE;
}

export class ValidationError extends DomainError {
  readonly code = ErrorCode.VALIDATION;
  override readonly violations: FieldProblem[];
  /** One field problem, by code. */
  static of(field: string, code: FieldProblemCode, params?: ProblemParams): ValidationError {
    return new ValidationError([fieldProblem(field, code, params)]);
  }
  constructor(violations: FieldProblem[]) {
    super(`invalid input: ${violations.map((v) => `${v.field} ${v.description}`).join('; ')}`);
    this.violations = violations;
  }
}

/**
 * A domain rule refused the request. `rule` names the first rule broken; when several are broken
 * at once, each is listed in `violations` (field = the request field at fault, description starts
 * with the rule's name) so the user can fix them all in one go.
 */
export class RuleViolatedError extends DomainError {
  readonly code = ErrorCode.RULE_VIOLATED;
  override readonly rule: RuleName;
  override readonly violations: FieldProblem[];
  override readonly ruleParams: ProblemParams;
  /** `message`: the English sentence (the catalogue's when not given); params fill both languages. */
  constructor(rule: RuleName, message?: string, violations: FieldProblem[] = [], params: ProblemParams = {}) {
    super(message ?? ruleText(rule, params));
    this.rule = rule;
    this.violations = violations;
    this.ruleParams = params;
  }
}

/** An error received from another process, kept with its code and details. */
export class RemoteError extends DomainError {
  readonly code: ErrorCode;
  override readonly violations: FieldProblem[];
  override readonly rule: string;
  override readonly ruleParams: ProblemParams;
  readonly correlationId: string;
  constructor(detail: ErrorDetail) {
    super(detail.message);
    this.code = detail.code;
    this.violations = detail.violations.map((v) => ({
      field: v.field,
      code: v.code as FieldProblemCode,
      ...(Object.keys(v.params).length > 0 ? { params: v.params } : {}),
      description: v.description,
    }));
    this.rule = detail.rule;
    this.ruleParams = detail.ruleParams;
    this.correlationId = detail.correlationId;
  }
}

/** Params as protobuf carries them (a map of text). */
export const paramsAsText = (params: ProblemParams = {}): Record<string, string> =>
  Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]));

export function toErrorDetail(error: unknown, correlationId: string): ErrorDetail {
  if (error instanceof DomainError) {
    return create(ErrorDetailSchema, {
      code: error.code,
      message: error.message,
      rule: error.rule,
      ruleParams: paramsAsText(error.ruleParams),
      violations: error.violations.map((v: FieldProblem) =>
        create(FieldViolationSchema, {
          field: v.field,
          description: v.description,
          code: v.code,
          params: paramsAsText(v.params),
        }),
      ),
      correlationId: error instanceof RemoteError ? error.correlationId : '',
    });
  }
  // Unexpected: the caller learns only that it happened and where to look.
  return create(ErrorDetailSchema, {
    code: ErrorCode.INTERNAL,
    message: 'internal error',
    correlationId,
  });
}
