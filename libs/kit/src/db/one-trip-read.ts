import pg from 'pg';
import { preparedStatementNames } from './prepared-statements.js';
import { settingCalls } from './transaction-settings.js';

/**
 * A read-only unit of work of one statement, sent as one message (issue 20, item 6): `BEGIN READ
 * ONLY; SELECT set_config(…); EXECUTE <statement>(…); COMMIT` in the simple protocol. Prisma's
 * interactive transaction takes three round trips for the same (BEGIN, the statement, COMMIT), and on
 * this platform a request's cost is mostly its round trips: each is a write and a wake-up in the
 * service and in Postgres. The settings are transaction-scoped, as in every unit of work, so a pooled
 * connection never carries a tenant on; without them row-level security shows nothing.
 *
 * The statement is prepared once per connection (`PREPARE`, its own round trip the first time), so
 * Postgres parses it once and keeps its plan as it does for Prisma's named statements; sent as text
 * every time it cost Postgres more than the round trips saved. The simple protocol takes no
 * parameters: the values become escaped literals, which Postgres types from their context as it types
 * an untyped parameter. Only for statements written here (no `$n` inside their own quotes); results
 * are parsed by node-postgres' usual type parsers.
 */
export async function readInOneTrip<Row>(
  pool: pg.Pool,
  settings: Record<string, string>,
  sql: string,
  values: readonly unknown[],
): Promise<Row[]> {
  const name = statementName({ sql, args: values });
  const statement = name
    ? `EXECUTE ${name}${values.length > 0 ? `(${values.map(literal).join(', ')})` : ''}`
    : withLiterals(sql, values);
  const client = await pool.connect();
  try {
    if (name) await prepareOn(client, name, sql);
    const results = (await client.query(
      `BEGIN READ ONLY; SELECT ${settingCalls(settings)}; ${statement}; COMMIT`,
    )) as unknown as pg.QueryResult[];
    client.release();
    return results[2]!.rows as Row[];
  } catch (error) {
    // A failed statement leaves the transaction aborted: roll it back, or drop a broken connection.
    await client.query('ROLLBACK').then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw error;
  }
}

/** Texts this process prepares at most; beyond them, and for bulk values, a read sends its text. */
export const ONE_TRIP_STATEMENTS_MAX = 100;
// Not `dj_…`: Prisma's named statements share the connection's namespace.
const statementName = preparedStatementNames(ONE_TRIP_STATEMENTS_MAX, 'dj_read_');
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

async function prepareOn(client: pg.PoolClient, name: string, sql: string): Promise<void> {
  let prepared = preparedOn.get(client);
  if (!prepared) preparedOn.set(client, (prepared = new Set()));
  if (prepared.has(name)) return;
  await client.query(`PREPARE ${name} AS ${sql}`);
  prepared.add(name);
}

/** The statement with each `$n` replaced by its value as a literal. */
export function withLiterals(sql: string, values: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= values.length) throw new Error(`no value for $${n}`);
    return literal(values[index]);
  });
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return pg.escapeLiteral(arrayText(value));
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  switch (typeof value) {
    case 'string':
      return pg.escapeLiteral(storable(value));
    case 'number':
      if (!Number.isFinite(value)) throw new Error('a number that is not finite');
      return `'${value}'`;
    case 'bigint':
      return `'${value}'`;
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      throw new Error(`no literal for a ${typeof value}`);
  }
}

/** Postgres' text form of a one-dimensional array: every element quoted, NULL bare. */
function arrayText(values: readonly unknown[]): string {
  const elements = values.map((value) => {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint')
      throw new Error(`no array element for a ${typeof value}`);
    return `"${storable(String(value)).replace(/[\\"]/g, '\\$&')}"`;
  });
  return `{${elements.join(',')}}`;
}

/**
 * Text Postgres cannot store is refused as Postgres refuses a parameter holding it (22021, a 400):
 * in a literal a NUL would end the message's text early.
 */
function storable(text: string): string {
  if (text.includes('\u0000')) throw Object.assign(new Error('text with a NUL character'), { code: '22021' });
  return text;
}
