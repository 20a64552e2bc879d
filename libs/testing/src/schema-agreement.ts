import { createRequire } from 'node:module';
import pg from 'pg';

/*
 * Proves that SQL migrations and a Prisma schema describe the same tables. Prisma's own
 * `migrate diff` needs its schema-engine binary, which cannot be downloaded here; Prisma's schema
 * parser ships as WebAssembly on npm, so we read the schema with it and compare with what the
 * migrated database reports in information_schema.
 */
interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}

const require = createRequire(import.meta.url);

export function parsePrismaSchema(schema: string): DmmfModel[] {
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };
  return (
    JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: schema }))) as {
      datamodel: { models: DmmfModel[] };
    }
  ).datamodel.models;
}

function expectedType(field: DmmfField): string {
  const native = field.nativeType?.[0];
  const base = native
    ? ((
        {
          Uuid: 'uuid',
          Timestamptz: 'timestamptz',
          Timestamp: 'timestamp',
          VarChar: 'varchar',
          Text: 'text',
          Date: 'date',
          Char: 'bpchar',
          Inet: 'inet',
          JsonB: 'jsonb',
          SmallInt: 'int2',
          Integer: 'int4',
          BigInt: 'int8',
          Decimal: 'numeric',
          Money: 'money',
        } as Record<string, string>
      )[native] ?? native.toLowerCase())
    : ((
        {
          String: 'text',
          Int: 'int4',
          BigInt: 'int8',
          Boolean: 'bool',
          DateTime: 'timestamp',
          Json: 'jsonb',
          Bytes: 'bytea',
          Decimal: 'numeric',
          Float: 'float8',
        } as Record<string, string>
      )[field.type] ?? field.type);
  return field.isList ? `_${base}` : base;
}

/** Every difference between the schema and the database, as readable lines; empty when they agree. */
export async function schemaDifferences(schema: string, databaseUrl: string): Promise<string[]> {
  const models = parsePrismaSchema(schema);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{
      table_name: string;
      column_name: string;
      udt_name: string;
      is_nullable: string;
    }>(
      `select table_name, column_name, udt_name, is_nullable from information_schema.columns
       where table_schema = 'public' and table_name <> '_prisma_migrations'`,
    );
    const { rows: keys } = await client.query<{ table_name: string; columns: string[] }>(
      `select tc.table_name, array_agg(kcu.column_name::text order by kcu.ordinal_position) as columns
       from information_schema.table_constraints tc
       join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
       where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY' group by tc.table_name`,
    );
    const problems: string[] = [];
    const dbTables = new Map<string, Map<string, { type: string; nullable: boolean }>>();
    for (const c of columns) {
      if (!dbTables.has(c.table_name)) dbTables.set(c.table_name, new Map());
      dbTables.get(c.table_name)!.set(c.column_name, { type: c.udt_name, nullable: c.is_nullable === 'YES' });
    }
    const modelTables = new Set<string>();
    for (const model of models) {
      const table = model.dbName ?? model.name;
      modelTables.add(table);
      const dbColumns = dbTables.get(table);
      if (!dbColumns) {
        problems.push(`table ${table} (model ${model.name}) is not in the migrations`);
        continue;
      }
      const scalar = model.fields.filter((f) => f.kind !== 'object');
      const names = new Set<string>();
      for (const field of scalar) {
        const column = field.dbName ?? field.name;
        names.add(column);
        const db = dbColumns.get(column);
        if (!db) {
          problems.push(
            `column ${table}.${column} (field ${model.name}.${field.name}) is not in the migrations`,
          );
          continue;
        }
        if (db.type !== expectedType(field))
          problems.push(
            `column ${table}.${column} is ${db.type} in the database, ${expectedType(field)} in the schema`,
          );
        const nullable = !field.isRequired && !field.isList;
        if (db.nullable !== nullable)
          problems.push(
            `column ${table}.${column} is ${db.nullable ? '' : 'not '}nullable in the database, ${nullable ? '' : 'not '}in the schema`,
          );
      }
      for (const column of dbColumns.keys())
        if (!names.has(column))
          problems.push(`column ${table}.${column} is in the migrations, not in model ${model.name}`);
      const idField = scalar.find((f) => (f as DmmfField & { isId?: boolean }).isId);
      const expectedKey = model.primaryKey
        ? model.primaryKey.fields
            .map((name) => scalar.find((f) => f.name === name)!)
            .map((f) => f.dbName ?? f.name)
        : idField
          ? [idField.dbName ?? idField.name]
          : [];
      const dbKey = keys.find((k) => k.table_name === table)?.columns ?? [];
      if (expectedKey.join(',') !== dbKey.join(','))
        problems.push(
          `primary key of ${table} is (${dbKey.join(', ')}) in the database, (${expectedKey.join(', ')}) in the schema`,
        );
    }
    for (const table of dbTables.keys())
      if (!modelTables.has(table)) problems.push(`table ${table} is in the migrations, not in the schema`);
    return problems;
  } finally {
    await client.end();
  }
}

/**
 * Applies a service's migrations to a scratch database and compares it with the service's Prisma
 * schema; returns the differences (empty when they agree) and drops the scratch database.
 */
export async function migrationsVersusSchema(options: {
  adminUrl: string;
  service: string;
  schema: string;
  migrationsDir: string;
  migrate: (url: string, dir: string) => Promise<unknown>;
  provision: (adminUrl: string, service: string, database: string) => Promise<{ admin: string }>;
  drop: (adminUrl: string, database: string) => Promise<void>;
}): Promise<{ differences: string[]; databaseUrl: string; dispose(): Promise<void> }> {
  const scratch = `dangjian_scratch_${options.service}_${process.pid}`;
  await options.drop(options.adminUrl, scratch);
  const { admin } = await options.provision(options.adminUrl, options.service, scratch);
  await options.migrate(admin, options.migrationsDir);
  return {
    differences: await schemaDifferences(options.schema, admin),
    databaseUrl: admin,
    dispose: () => options.drop(options.adminUrl, scratch),
  };
}
