/** Postgres for `npm start`: DATABASE_URL's, or the embedded one under .data/postgres. */
export function resolvePostgres(options?: {
  databaseUrl?: string;
  port?: number;
}): Promise<{ adminUrl: string; stop(): Promise<void> }>;

/** A Postgres of one test's own, which it may stop and start again (an outage). */
export function privatePostgres(): Promise<{
  adminUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its cluster. */
  remove(): Promise<void>;
}>;
