/** Transaction control goes unnamed (the simple protocol: one message, nothing to prepare). */
const TRANSACTION_CONTROL = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/;

/** Distinct statement texts a process prepares at most; texts beyond them run unnamed, as before. */
export const PREPARED_STATEMENTS_MAX = 500;
/** Statements with more values than this, an array's elements each counted, run unnamed (bulk work). */
export const PREPARED_PARAMETERS_MAX = 32;

const valueCount = (args: readonly unknown[]): number =>
  args.reduce<number>((sum, arg) => sum + (Array.isArray(arg) ? arg.length : 1), 0);

/**
 * Names the statements Prisma sends, so each connection parses a text once and Postgres keeps it
 * prepared (issue 20, item 6): an unnamed statement is parsed and analysed again on every request.
 * Only a request's statements, few values each. A bulk call runs unnamed even when its text has a
 * name: a generic plan tests `id = any($2)` row by row against the whole array, where a plan for the
 * values hashes it — prepared, the monthly dues run took 5 s per batch of 20,000 members against a
 * tenant of 100,000, and the import's duplicate check 1.1 s per batch. The cap bounds what every
 * connection may hold if some code builds texts without end; the hot paths repeat a few hundred.
 */
export function preparedStatementNames(
  max = PREPARED_STATEMENTS_MAX,
  prefix = 'dj_',
): (query: { sql: string; args: readonly unknown[] }) => string {
  const names = new Map<string, string>();
  return ({ sql, args }) => {
    if (valueCount(args) > PREPARED_PARAMETERS_MAX || TRANSACTION_CONTROL.test(sql)) return '';
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= max) return '';
      name = `${prefix}${names.size.toString(36)}`;
      names.set(sql, name);
    }
    return name;
  };
}
