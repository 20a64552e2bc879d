import { create } from '@bufbuild/protobuf';
import {
  ErrorCode,
  ErrorDetailSchema,
  FieldViolationSchema,
  type ErrorDetail,
} from '@dangjian/contracts';

export interface FieldProblem {
  field: string;
  description: string;
}

/** Base of every error a service means to tell its caller about; crosses NATS by code. */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly violations: FieldProblem[] = [];
  readonly rule: string = '';
}

export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(resource: string, id: string) {
    super(`${resource} ${id} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly code = ErrorCode.CONFLICT;
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
}

export class ValidationError extends DomainError {
  readonly code = ErrorCode.VALIDATION;
  override readonly violations: FieldProblem[];
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
  override readonly rule: string;
  override readonly violations: FieldProblem[];
  constructor(rule: string, message: string, violations: FieldProblem[] = []) {
    super(message);
    this.rule = rule;
    this.violations = violations;
  }
}

/** An error received from another process, kept with its code and details. */
export class RemoteError extends DomainError {
  readonly code: ErrorCode;
  override readonly violations: FieldProblem[];
  override readonly rule: string;
  readonly correlationId: string;
  constructor(detail: ErrorDetail) {
    super(detail.message);
    this.code = detail.code;
    this.violations = detail.violations.map((v) => ({ field: v.field, description: v.description }));
    this.rule = detail.rule;
    this.correlationId = detail.correlationId;
  }
}

export function toErrorDetail(error: unknown, correlationId: string): ErrorDetail {
  if (error instanceof DomainError) {
    return create(ErrorDetailSchema, {
      code: error.code,
      message: error.message,
      rule: error.rule,
      violations: error.violations.map((v: FieldProblem) => create(FieldViolationSchema, v)),
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
