import { create } from '@bufbuild/protobuf';
import { PageRequestSchema, SortOrder, type PageRequest } from '@dangjian/contracts';
import { isCalendarDate, ValidationError, type FieldProblem } from '@dangjian/kit';

export interface ListQuery<F> {
  page: PageRequest;
  filter: F;
  /** For Content-Range: the first index asked for. */
  offset: number;
}

export type FilterSpec<F> = { [K in keyof F]-?: (value: unknown) => F[K] | undefined };

const MAX_PAGE = 500;

/**
 * react-admin's simple REST list parameters: `sort=["field","ASC"]`, `range=[0,24]`,
 * `filter={"q":"…"}`. Every problem is named by its parameter (and filter key).
 */
export function parseListQuery<F>(
  raw: Record<string, unknown>,
  sortable: readonly string[],
  filterSpec: FilterSpec<F>,
  defaults: { sortField: string },
): ListQuery<F> {
  const problems: FieldProblem[] = [];
  const sort = parseJson(raw['sort'], 'sort', problems) ?? [defaults.sortField, 'ASC'];
  const range = parseJson(raw['range'], 'range', problems) ?? [0, 24];
  const filterRaw = parseJson(raw['filter'], 'filter', problems) ?? {};

  let sortField = defaults.sortField;
  let sortOrder = SortOrder.ASC;
  if (!Array.isArray(sort) || sort.length !== 2 || !sortable.includes(String(sort[0])) || !['ASC', 'DESC'].includes(String(sort[1]))) {
    problems.push({ field: 'sort', description: `must be ["<field>","ASC"|"DESC"] with field one of ${sortable.join(', ')}` });
  } else {
    sortField = String(sort[0]);
    sortOrder = sort[1] === 'DESC' ? SortOrder.DESC : SortOrder.ASC;
  }

  let offset = 0;
  let limit = 25;
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n) && n >= 0) || range[1] < range[0] || range[1] - range[0] >= MAX_PAGE) {
    problems.push({ field: 'range', description: `must be [start, end] with 0 ≤ start ≤ end and at most ${MAX_PAGE} rows` });
  } else {
    offset = range[0];
    limit = range[1] - range[0] + 1;
  }

  const filter = {} as F;
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    problems.push({ field: 'filter', description: 'must be a JSON object' });
  } else {
    for (const [key, value] of Object.entries(filterRaw as Record<string, unknown>)) {
      const parse = (filterSpec as Record<string, (v: unknown) => unknown>)[key];
      if (!parse) {
        problems.push({ field: `filter.${key}`, description: `unknown filter; known: ${Object.keys(filterSpec).join(', ') || 'none'}` });
        continue;
      }
      const parsed = parse(value);
      if (parsed === undefined) problems.push({ field: `filter.${key}`, description: 'has a value of the wrong kind' });
      else (filter as Record<string, unknown>)[key] = parsed;
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { page: create(PageRequestSchema, { offset, limit, sortField, sortOrder }), filter, offset };
}

function parseJson(value: unknown, field: string, problems: FieldProblem[]): unknown {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    problems.push({ field, description: 'must be given once, as JSON' });
    return undefined;
  }
  try {
    return JSON.parse(value);
  } catch {
    problems.push({ field, description: 'is not valid JSON' });
    return undefined;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuidValue = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export const filterOf = {
  text: (value: unknown) => (typeof value === 'string' ? value : undefined),
  bool: (value: unknown) => (typeof value === 'boolean' ? value : undefined),
  uuid: (value: unknown) => (isUuidValue(value) ? value : undefined),
  /** A calendar date YYYY-MM-DD. */
  date: (value: unknown) => (typeof value === 'string' && isCalendarDate(value) ? value : undefined),
  int: (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined),
  /** One id or a list (react-admin's getMany sends `{"id":[…]}`). */
  uuids: (value: unknown) => (Array.isArray(value) && value.every(isUuidValue) ? value : isUuidValue(value) ? [value] : undefined),
  oneOf:
    <T extends string>(values: readonly T[]) =>
    (value: unknown) =>
      typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : undefined,
};

/** `Content-Range: <resource> <first>-<last>/<total>` as react-admin reads it. */
export function contentRange(resource: string, offset: number, count: number, total: number): string {
  const last = count === 0 ? offset : offset + count - 1;
  return `${resource} ${offset}-${last}/${total}`;
}
