import { create } from '@bufbuild/protobuf';
import { PageRequestSchema, SortOrder, type PageRequest } from '@dangjian/contracts';
import type { FieldProblemCode, ProblemParams } from '@dangjian/contracts';
import {
  fieldProblem,
  idCardProblem,
  isCalendarDate,
  isCalendarMonth,
  ValidationError,
  type FieldProblem,
} from '@dangjian/kit';
import { jsonProblems } from './request-body.js';

export interface ListQuery<F> {
  page: PageRequest;
  filter: F;
  /** For Content-Range: the first index asked for. */
  offset: number;
}

export type FilterSpec<F> = { [K in keyof F]-?: (value: unknown) => F[K] | FilterProblem };

const MAX_PAGE = 500;

/**
 * react-admin's simple REST list parameters: `sort=["field","ASC"]`, `range=[0,24]`,
 * `filter={"q":"…"}`. Every problem is named by its parameter (and filter key).
 */
export function parseListQuery<F>(
  raw: Record<string, unknown>,
  sortable: readonly string[],
  filterSpec: FilterSpec<F>,
  defaults: { sortField: string; required?: readonly string[] },
): ListQuery<F> {
  const problems: FieldProblem[] = [];
  const sort = parseJson(raw['sort'], 'sort', problems) ?? [defaults.sortField, 'ASC'];
  const range = parseJson(raw['range'], 'range', problems) ?? [0, 24];
  const filterRaw = parseJson(raw['filter'], 'filter', problems) ?? {};

  let sortField = defaults.sortField;
  let sortOrder = SortOrder.ASC;
  if (
    !Array.isArray(sort) ||
    sort.length !== 2 ||
    !sortable.includes(String(sort[0])) ||
    !['ASC', 'DESC'].includes(String(sort[1]))
  ) {
    problems.push(fieldProblem('sort', 'bad_sort', { allowed: sortable.join(', ') }));
  } else {
    sortField = String(sort[0]);
    sortOrder = sort[1] === 'DESC' ? SortOrder.DESC : SortOrder.ASC;
  }

  let offset = 0;
  let limit = 25;
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every((n) => Number.isInteger(n) && n >= 0) ||
    range[1] < range[0] ||
    range[1] - range[0] >= MAX_PAGE
  ) {
    problems.push(fieldProblem('range', 'bad_range', { max: MAX_PAGE }));
  } else {
    offset = range[0];
    limit = range[1] - range[0] + 1;
  }

  const filter = {} as F;
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    problems.push(fieldProblem('filter', 'bad_filter'));
  } else {
    for (const [key, value] of Object.entries(filterRaw as Record<string, unknown>)) {
      const parse = (filterSpec as Record<string, (v: unknown) => unknown>)[key];
      if (!parse) {
        problems.push(
          fieldProblem(`filter.${key}`, 'unknown_filter', {
            known: Object.keys(filterSpec).join(', ') || 'none',
          }),
        );
        continue;
      }
      const parsed = parse(value);
      if (parsed instanceof FilterProblem)
        problems.push(fieldProblem(`filter.${key}`, parsed.code, parsed.params));
      else (filter as Record<string, unknown>)[key] = parsed;
    }
  }
  for (const key of defaults.required ?? []) {
    const given = (filter as Record<string, unknown>)[key] !== undefined;
    if (!given && !problems.some((problem) => problem.field === `filter.${key}`))
      problems.push(fieldProblem(`filter.${key}`, 'required'));
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { page: create(PageRequestSchema, { offset, limit, sortField, sortOrder }), filter, offset };
}

function parseJson(value: unknown, field: string, problems: FieldProblem[]): unknown {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    problems.push(fieldProblem(field, 'bad_query_param'));
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    problems.push(fieldProblem(field, 'invalid_json'));
    return undefined;
  }
  // The same rules as bodies: depth, NUL characters, lone surrogates (named `filter.q`, …).
  const textProblems = jsonProblems(parsed, field);
  if (textProblems.length > 0) {
    problems.push(...textProblems);
    return undefined;
  }
  return parsed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuidValue = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** What a filter parser returns for a value it refuses: the problem, named like a body field's. */
export class FilterProblem {
  constructor(
    readonly code: FieldProblemCode,
    readonly params?: ProblemParams,
  ) {}
}
const refuse = (code: FieldProblemCode, params?: ProblemParams) => new FilterProblem(code, params);

/** The filters' parsers: the edge validates a list's filter once; services receive typed values. */
export const filterOf = {
  text: (value: unknown) => (typeof value === 'string' ? value : refuse('not_text')),
  bool: (value: unknown) => (typeof value === 'boolean' ? value : refuse('not_boolean')),
  uuid: (value: unknown) => (isUuidValue(value) ? value : refuse('not_an_id')),
  /** A calendar month YYYY-MM. */
  month: (value: unknown) =>
    typeof value === 'string' && isCalendarMonth(value) ? value : refuse('not_a_month'),
  /** A calendar date YYYY-MM-DD. */
  date: (value: unknown) =>
    typeof value === 'string' && isCalendarDate(value) ? value : refuse('not_a_date'),
  int: (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) ? value : refuse('not_an_integer'),
  /** One id or a list (react-admin's getMany sends `{"id":[…]}`), at most a page's worth. */
  uuids: (value: unknown) => {
    const ids = Array.isArray(value) ? value : [value];
    if (ids.length > MAX_PAGE) return refuse('too_many', { max: MAX_PAGE });
    return ids.every(isUuidValue) ? (ids as string[]) : refuse('not_ids');
  },
  /** A GB 11643 number: its check character is read here, not after a database round trip. */
  idCard: (value: unknown) => {
    if (typeof value !== 'string') return refuse('not_text');
    const problem = idCardProblem(value);
    return problem ? refuse(problem) : value;
  },
  /** One of the values, or a list of them (react-admin's multi-select). */
  someOf:
    <T extends string>(values: readonly T[]) =>
    (value: unknown) => {
      const items = Array.isArray(value) ? value : [value];
      if (items.length > MAX_PAGE) return refuse('too_many', { max: MAX_PAGE });
      return items.every((item) => typeof item === 'string' && (values as readonly string[]).includes(item))
        ? (items as T[])
        : refuse('not_one_of', { allowed: values.join(', ') });
    },
  oneOf:
    <T extends string>(values: readonly T[]) =>
    (value: unknown) =>
      typeof value === 'string' && (values as readonly string[]).includes(value)
        ? (value as T)
        : refuse('not_one_of', { allowed: values.join(', ') }),
};

/** `Content-Range: <resource> <first>-<last>/<total>` as react-admin reads it. */
export function contentRange(resource: string, offset: number, count: number, total: number): string {
  const last = count === 0 ? offset : offset + count - 1;
  return `${resource} ${offset}-${last}/${total}`;
}
