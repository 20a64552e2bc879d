import {
  fieldProblemText,
  isFieldProblemCode,
  type FieldProblemCode,
  type ProblemParams,
} from '@dangjian/contracts';
import { ValidationError as DomainValidationError, type FieldProblem } from '@dangjian/kit';
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

/**
 * Whitelisted, strict DTO validation whose failures name each field by its path, with a stable code
 * and params (decision 0017). After validation, a `null` in an optional field means what react-admin
 * means by it (a cleared input): an empty text (`''`), and for any other type "not given" — so no route
 * meets a null it did not ask for (issue 11).
 */
class GatewayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result = await super.transform(value, metadata);
    // Only a validated DTO: a body taken as it came (a file upload is a Buffer of megabytes) is not
    // walked key by key — that once held the event loop for ~20 s during a 100,000-member upload.
    if (
      metadata.type === 'body' &&
      metadata.metatype &&
      result instanceof metadata.metatype &&
      this.toValidate(metadata)
    )
      normaliseNulls(result);
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target lets a failure find its constraint's arguments (a maximum, the allowed values); values stay out.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new DomainValidationError(flatten(errors, '')),
  });
}

/**
 * Replaces nulls left in a validated DTO (only optional fields can still hold one), and in nested
 * DTOs; free-form JSON (plain objects) and binary values are left as they came.
 */
export function normaliseNulls(dto: unknown): void {
  if (!dto || typeof dto !== 'object' || Array.isArray(dto) || ArrayBuffer.isView(dto)) return;
  const record = dto as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (value === null) {
      if (Reflect.getMetadata('design:type', Object.getPrototypeOf(dto), key) === String) record[key] = '';
      else delete record[key];
    } else if (typeof value === 'object' && Object.getPrototypeOf(value) !== Object.prototype) {
      normaliseNulls(value);
    }
  }
}

type ConstraintCode = (args: unknown[]) => { code: FieldProblemCode; params?: ProblemParams };

/** Each class-validator constraint the DTOs use, as a field problem code with its params. */
export const CONSTRAINT_CODES: Record<string, ConstraintCode> = {
  isString: () => ({ code: 'not_text' }),
  isInt: () => ({ code: 'not_an_integer' }),
  isNumber: () => ({ code: 'not_an_integer' }),
  min: ([min]) => ({ code: 'too_small', params: { min: Number(min) } }),
  max: ([max]) => ({ code: 'too_large', params: { max: Number(max) } }),
  minLength: ([min]) => ({ code: 'too_short', params: { min: Number(min) } }),
  maxLength: ([max]) => ({ code: 'too_long', params: { max: Number(max) } }),
  isIn: ([allowed]) => ({
    code: 'not_one_of',
    params: { allowed: Array.isArray(allowed) ? allowed.join(', ') : '' },
  }),
  isUuid: () => ({ code: 'not_an_id' }),
  isBoolean: () => ({ code: 'not_boolean' }),
  isArray: () => ({ code: 'not_a_list' }),
  arrayMaxSize: ([max]) => ({ code: 'too_many', params: { max: Number(max) } }),
  arrayMinSize: ([min]) => ({ code: 'too_few', params: { min: Number(min) } }),
  isIso8601: () => ({ code: 'not_a_date' }),
  matches: () => ({ code: 'bad_format' }),
  whitelistValidation: () => ({ code: 'unknown_field' }),
  nestedValidation: () => ({ code: 'not_an_object' }),
  isObject: () => ({ code: 'not_an_object' }),
  isNotEmpty: () => ({ code: 'required' }),
  isDefined: () => ({ code: 'required' }),
};

/** The code of one failed constraint: the decorator's own (`context.code`), else the table's. */
function problemOf(error: ValidationError, field: string, constraint: string, message: string): FieldProblem {
  const own = error.contexts?.[constraint]?.['code'];
  if (typeof own === 'string' && isFieldProblemCode(own))
    return { field, code: own, description: fieldProblemText(own) };
  const target = error.target?.constructor;
  const args =
    (target &&
      getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .find((m) => m.propertyName === error.property && (m.name ?? m.type) === constraint)?.constraints) ??
    [];
  const mapped = CONSTRAINT_CODES[constraint]?.(args);
  if (!mapped) return { field, code: 'bad_format', description: message };
  return {
    field,
    code: mapped.code,
    ...(mapped.params ? { params: mapped.params } : {}),
    description: fieldProblemText(mapped.code, mapped.params),
  };
}

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) =>
      problemOf(error, field, constraint, message),
    );
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
