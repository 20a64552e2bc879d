import {
  ConflictError,
  fieldProblem,
  UnavailableError,
  ValidationError,
  type DomainError,
} from './domain-errors.js';

/*
 * Database refusals that are the caller's doing, mapped once for every service (issue 11): two
 * requests creating the same unique thing at once (23505: 409, not 500), and text Postgres cannot
 * store (22021 NUL, 22P05 untranslatable: 400 — the gateway refuses these at the edge already; this is
 * the net behind it). Prisma 7 with adapter-pg reports them as P2002 / P2010 / P20xx with the driver's
 * code in `meta.driverAdapterError.cause`; a raw `pg` client reports the SQLSTATE as `code`.
 */
interface DatabaseErrorShape {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  meta?: {
    driverAdapterError?: {
      cause?: {
        originalCode?: unknown;
        code?: unknown;
        constraint?: { index?: unknown; fields?: unknown };
        table?: unknown;
      };
    };
  };
}

export function fromDatabaseError(error: unknown): DomainError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const shape = error as DatabaseErrorShape;
  const cause = shape.meta?.driverAdapterError?.cause;
  const sqlState = String(
    cause?.originalCode ??
      cause?.code ??
      (typeof shape.code === 'string' && /^[0-9A-Z]{5}$/.test(shape.code) ? shape.code : ''),
  );
  if (shape.code === 'P2002' || sqlState === '23505') {
    const index = String(cause?.constraint?.index ?? shape.constraint ?? '');
    const table = String(cause?.table ?? shape.table ?? '');
    const field = fieldOfIndex(index, table);
    return new ConflictError(
      `a record with the same ${field || 'key'} already exists`,
      field ? [fieldProblem(field, 'already_exists')] : [],
    );
  }
  if (sqlState === '22021' || sqlState === '22P05') {
    return ValidationError.of('body', 'unstorable_text');
  }
  if (isDatabaseAway(error, sqlState)) return new UnavailableError('the database is not reachable');
  return undefined;
}

/**
 * The database stopped, restarting or unreachable (issue 20, item 3): connection exceptions (08xxx), an
 * administrator's shutdown or a server starting (57P01–57P03), Prisma's driver adapter's kinds for a
 * refused, closed or timed-out socket, Prisma's own codes (P1001 unreachable, P1017 closed, P2024 no
 * connection in time), and node-postgres's words for a connection it lost. A refused connection to
 * anything else (a mail relay) is not the database's and stays what it was.
 */
const AWAY_KINDS = ['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout'];
const AWAY_PRISMA_CODES = ['P1001', 'P1017', 'P2024'];
const AWAY_PG_MESSAGES = /^(Connection terminated|Client has encountered a connection error)/;

function isDatabaseAway(error: unknown, sqlState: string): boolean {
  if (/^08/.test(sqlState) || /^57P0[1-3]$/.test(sqlState)) return true;
  const shape = error as DatabaseErrorShape & { message?: unknown };
  const kind = (shape.meta?.driverAdapterError?.cause as { kind?: unknown } | undefined)?.kind;
  if (AWAY_KINDS.includes(String(kind))) return true;
  if (AWAY_PRISMA_CODES.includes(String(shape.code))) return true;
  return AWAY_PG_MESSAGES.test(String(shape.message ?? ''));
}

/** `people_username_key` on `people` → `username`; `members_tenant_id_code_key` → `code`. */
export function fieldOfIndex(index: string, table: string): string {
  let name = index;
  if (table && name.startsWith(`${table}_`)) name = name.slice(table.length + 1);
  name = name.replace(/_(key|idx|unique|pkey)$/, '').replace(/^tenant_id_/, '');
  if (!/^[a-z][a-z0-9_]*$/.test(name)) return '';
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
