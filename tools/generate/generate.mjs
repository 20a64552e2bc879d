// `npm run generate -- service <name>` and `npm run generate -- resource <service> <name> [--label 中文名]`
// (issue 13): a working slice in the platform's shape, so a new service or resource is a generator run
// plus domain code. What it writes builds and passes its own tests (CI proves it: tools/generate/prove.mjs).
//
//   service:  proto (the service's health), package, Prisma schema and first migration (outbox from the
//             platform's shared SQL), config, database, module, main, migrate CLI, health handler, and a
//             test that migrations and schema agree
//   resource: proto (its own small proto service), handler, use cases, repository, migration (tenant
//             isolation and grants from the shared SQL), gateway binding and DTO, console list and
//             create pages with their words in zh-CN and English, and an end-to-end test (isolation
//             across tenants, a 400 naming the bad field)
//
// Lists that used to be edited by hand are derived afterwards (npm run derive): the contracts' index,
// the gateway's controllers and health checks, the console's resources, the platform's services and
// the lint scopes. The one edit is the service's own module, which gains the handler and use cases.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './modules.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [kind, ...args] = process.argv.slice(2);
const flag = (name) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args.splice(index, 2)[1] : undefined;
};

const created = [];
const edited = [];

function fail(message) {
  process.stderr.write(`generate: ${message}\n`);
  process.exit(1);
}

function create(path, text) {
  const full = join(root, path);
  if (existsSync(full)) fail(`${path} exists: the generator never overwrites`);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  created.push(path);
}

function edit(path, change) {
  const full = join(root, path);
  const before = readFileSync(full, 'utf8');
  const after = change(before);
  if (after === before) fail(`${path}: found no place to add to`);
  writeFileSync(full, after);
  edited.push(path);
}

const pascal = (name) =>
  name
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
const camel = (name) => pascal(name).charAt(0).toLowerCase() + pascal(name).slice(1);
const snake = (name) => name.replaceAll('-', '_');
/** A UTC timestamp for a migration folder, after every existing one of the service. */
function migrationStamp(service) {
  const dir = join(root, 'services', service, 'prisma/migrations');
  const existing = existsSync(dir) ? readdirSync(dir).filter((name) => /^\d{14}_/.test(name)) : [];
  const now = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const last = existing.sort().at(-1)?.slice(0, 14) ?? '0';
  return String(Math.max(Number(now), Number(last) + 1));
}

// ------------------------------------------------------------------------------------------------

function generateService(name) {
  if (!/^[a-z]+$/.test(name)) fail('a service name is lower-case letters only (it names roles and subjects)');
  if (existsSync(join(root, 'services', name))) fail(`services/${name} exists`);
  const Name = pascal(name);
  const ports = readdirSync(join(root, 'services')).flatMap((service) => {
    const config = join(root, 'services', service, 'src/config.ts');
    const match =
      existsSync(config) && /HEALTH_PORT: env\.int\(\{ default: (\d+)/.exec(readFileSync(config, 'utf8'));
    return match ? [Number(match[1])] : [];
  });
  const healthPort = Math.max(3100, ...ports) + 1;
  const dir = `services/${name}`;

  create(
    `proto/dangjian/${name}/v1/${name}_service.proto`,
    `syntax = "proto3";

package dangjian.${name}.v1;

// The ${name} service itself: its health (the gateway's /health asks every service's).

message ${Name}ServiceHealthRequest {}

message ${Name}ServiceHealthResponse {
  string status = 1;
  bool database = 2;
}

service ${Name}Service {
  rpc Health(${Name}ServiceHealthRequest) returns (${Name}ServiceHealthResponse);
}
`,
  );
  create(
    `${dir}/package.json`,
    `${JSON.stringify(
      {
        name: `@dangjian/${name}`,
        version: '0.0.0',
        private: true,
        type: 'module',
        scripts: {
          build: 'npm run db:generate && tsc -p tsconfig.build.json',
          // The generated Prisma client is the build's: typecheck waits for it (nx dependsOn) rather than
          // writing it at the same time (two `prisma generate`s into one folder fail with EEXIST).
          typecheck: 'tsc -p tsconfig.json --noEmit',
          lint: 'eslint src test',
          'db:generate': 'PRISMA_SCHEMA_ENGINE_BINARY=/bin/true prisma generate',
          'db:migrate': 'node dist/cli/migrate.js',
          serve: 'node dist/main.js',
        },
        dependencies: { '@dangjian/kit': '*', '@dangjian/contracts': '*' },
        dangjian: { startOrder: 10 },
        nx: {
          tags: [`scope:${name}`, 'type:app'],
          targets: {
            build: { outputs: ['{projectRoot}/dist', '{projectRoot}/src/generated'] },
            typecheck: { dependsOn: ['^build', 'build'] },
          },
        },
        exports: { '.': './dist/main.js' },
      },
      null,
      2,
    )}\n`,
  );
  create(
    `${dir}/prisma.config.ts`,
    `import { defineConfig } from 'prisma/config';

// Only \`prisma generate\` runs here: migrations are plain SQL applied by the kit's runner.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
`,
  );
  create(
    `${dir}/tsconfig.json`,
    `${JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: '.', noEmit: true, types: ['node', 'jest'] },
        include: ['src', 'test'],
      },
      null,
      2,
    )}\n`,
  );
  create(
    `${dir}/tsconfig.build.json`,
    `${JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
        include: ['src'],
        exclude: ['src/**/*.spec.ts', 'src/**/*-spec.ts'],
      },
      null,
      2,
    )}\n`,
  );
  create(
    `${dir}/prisma/schema.prisma`,
    `// ${Name} service data. Every table has tenant_id and is under row-level security.

generator client {
  provider            = "prisma-client"
  output              = "../src/generated/prisma"
  moduleFormat        = "esm"
  importFileExtension = "js"
}

datasource db {
  provider = "postgresql"
}

/// Events written in the same transaction as the change; the relay sends them (platform.outbox).
model OutboxEvent {
  id          String    @id @db.Uuid
  tenantId    String?   @map("tenant_id") @db.Uuid
  subject     String
  payload     Bytes
  traceparent String    @default("")
  createdAt   DateTime  @default(now()) @map("created_at") @db.Timestamptz(3)
  sentAt      DateTime? @map("sent_at") @db.Timestamptz(3)

  @@index([sentAt, createdAt])
  @@map("outbox")
}

/// Events a consumer has handled, so each is handled once (platform.outbox).
model ProcessedEvent {
  consumer    String
  eventId     String   @map("event_id") @db.Uuid
  tenantId    String?  @map("tenant_id") @db.Uuid
  processedAt DateTime @default(now()) @map("processed_at") @db.Timestamptz(3)

  @@id([consumer, eventId])
  @@map("processed_events")
}
`,
  );
  create(
    `${dir}/prisma/migrations/${migrationStamp(name)}_init/migration.sql`,
    `-- ${Name} service: the outbox and the inbox of processed events, from the platform's shared SQL
-- (libs/kit/src/db/platform-migrations.ts). Roles ${name}_app and ${name}_outbox are provisioned outside migrations.
select platform.outbox('${name}');
`,
  );
  create(
    `${dir}/src/config.ts`,
    `import { databaseConfig, env, sharedConfig } from '@dangjian/kit/config';

export const ${name}ConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: ${healthPort}, min: 0, max: 65535 }),
};
`,
  );
  create(
    `${dir}/src/db/${name}-database.ts`,
    `import { ServiceDatabase } from '@dangjian/kit';
import { PrismaClient } from '../generated/prisma/client.js';

export type ${Name}Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The ${name} service's only Prisma client: every unit of work goes through \`database\`. */
export class ${Name}Database extends ServiceDatabase<PrismaClient, ${Name}Tx> {
  constructor(databaseUrl: string) {
    super(PrismaClient, databaseUrl);
  }
}
`,
  );
  create(
    `${dir}/src/health/health.handler.ts`,
    `import { ${Name}Service } from '@dangjian/contracts';
import type { ${Name}ServiceHealthRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { ${Name}Database } from '../db/${name}-database.js';

/** The service's own health. */
@Controller()
export class HealthHandler implements RpcHandlers<typeof ${Name}Service> {
  constructor(@Inject(${Name}Database) private readonly db: ${Name}Database) {}

  @RpcMethod(${Name}Service.method.health)
  async health(_request: ${Name}ServiceHealthRequest) {
    const database = await this.db.ping().catch(() => false);
    return { status: database ? 'ok' : 'degraded', database };
  }
}
`,
  );
  create(
    `${dir}/src/app.module.ts`,
    `import { Module, type DynamicModule } from '@nestjs/common';
import { ${Name}Database } from './db/${name}-database.js';
import { HealthHandler } from './health/health.handler.js';

@Module({})
export class ${Name}Module {
  static register(db: ${Name}Database): DynamicModule {
    return {
      module: ${Name}Module,
      // One handler class per resource (and the service's health).
      controllers: [
        HealthHandler,
      ],
      providers: [
        { provide: ${Name}Database, useValue: db },
      ],
    };
  }
}
`,
  );
  create(
    `${dir}/src/main.ts`,
    `import { loadConfigOrExit } from '@dangjian/kit/config';
import { startTelemetry } from '@dangjian/kit/telemetry';
import { ${name}ConfigSpec } from './config.js';

// Telemetry first, then the application (imported afterwards so \`pg\` and \`http\` are instrumented).
const config = loadConfigOrExit(${name}ConfigSpec, '${name}');
const stopTelemetry = startTelemetry('${name}', config.OTEL_EXPORTER_OTLP_ENDPOINT);
const { runService } = await import('@dangjian/kit');
const { ${Name}Database } = await import('./db/${name}-database.js');
const { ${Name}Module } = await import('./app.module.js');
const db = new ${Name}Database(config.DATABASE_URL);
await runService({
  name: '${name}',
  module: ${Name}Module.register(db),
  bus: { url: config.NATS_URL, namespace: config.PLATFORM_NAMESPACE },
  outboxDatabaseUrl: config.OUTBOX_DATABASE_URL,
  healthPort: config.HEALTH_PORT,
  database: db,
  stopTelemetry,
});
`,
  );
  create(
    `${dir}/src/cli/migrate.ts`,
    `import { env, loadConfigOrExit, migrate } from '@dangjian/kit';
import { fileURLToPath } from 'node:url';

// Applies prisma/migrations with the owner's connection (not the service role's).
const config = loadConfigOrExit(
  { MIGRATION_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }) },
  '${name} migrate',
);
const dir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const result = await migrate(config.MIGRATION_DATABASE_URL, dir);
process.stdout.write(
  \`${name}: \${result.applied.length} migration(s) applied, \${result.alreadyApplied.length} already there\\n\`,
);
`,
  );
  create(
    `${dir}/test/schema-agreement.integration-spec.ts`,
    `import { dropDatabase, migrate, provisionServiceDatabase } from '@dangjian/kit';
import { migrationsVersusSchema, testPlatform } from '@dangjian/testing';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schema = readFileSync(fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url)), 'utf8');
const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

describe('${name} migrations and Prisma schema', () => {
  let checked: Awaited<ReturnType<typeof migrationsVersusSchema>>;
  beforeAll(async () => {
    checked = await migrationsVersusSchema({
      adminUrl: testPlatform().adminDatabaseUrl,
      service: '${name}',
      schema,
      migrationsDir,
      migrate,
      provision: provisionServiceDatabase,
      drop: dropDatabase,
    });
  });
  afterAll(() => checked?.dispose());

  it('agree table by table, column by column', () => {
    expect(checked.differences).toEqual([]);
  });
});
`,
  );
}

// ------------------------------------------------------------------------------------------------

function generateResource(service, name, label) {
  if (!/^[a-z]+(-[a-z]+)*s$/.test(name))
    fail('a resource name is plural, lower-case words joined by hyphens (e.g. study-plans)');
  const dir = `services/${service}`;
  if (!existsSync(join(root, dir, 'src/app.module.ts'))) fail(`no service ${service}`);
  const singular = name.replace(/ies$/, 'y').replace(/s$/, '');
  const [Service, Thing, Things, things, thing] = [
    pascal(service),
    pascal(singular),
    pascal(name),
    camel(name),
    camel(singular),
  ];
  const table = snake(name);
  const zhLabel = label ?? Things;
  const module = MODULES.includes(service) ? service : undefined;
  const moduleAccess = module ? `, module: '${module}'` : '';

  create(
    `proto/dangjian/${service}/v1/${table}.proto`,
    `syntax = "proto3";

package dangjian.${service}.v1;

import "dangjian/common/v1/page.proto";

// ${zhLabel} (${name}): generated by \`npm run generate -- resource ${service} ${name}\`; the fields
// beyond the name are the domain's to add.

message ${Thing} {
  string id = 1;
  string name = 2;
  optional string note = 3;
  string created_at = 4;
  string updated_at = 5;
}

message Create${Thing}Request {
  string name = 1;
  optional string note = 2;
}

message Create${Thing}Response { ${Thing} ${snake(singular)} = 1; }

message Get${Thing}Request { string id = 1; }

message Get${Thing}Response { ${Thing} ${snake(singular)} = 1; }

message List${Things}Request {
  dangjian.common.v1.PageRequest page = 1;
  // A part of the name.
  optional string query = 2;
}

message List${Things}Response {
  repeated ${Thing} ${table} = 1;
  int32 total = 2;
}

service ${Thing}Service {
  rpc Create${Thing}(Create${Thing}Request) returns (Create${Thing}Response);
  rpc Get${Thing}(Get${Thing}Request) returns (Get${Thing}Response);
  rpc List${Things}(List${Things}Request) returns (List${Things}Response);
}
`,
  );

  create(
    `${dir}/prisma/migrations/${migrationStamp(service)}_${table}/migration.sql`,
    `-- ${zhLabel} (${name}): tenant isolation and the service role's grants from the platform's shared SQL.
create table ${table} (
  id uuid primary key,
  tenant_id uuid not null,
  name text not null,
  note text,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  constraint ${table}_tenant_id_name_key unique (tenant_id, name)
);
select platform.tenant_table('${table}', '${service}_app', 'select, insert, update');
`,
  );
  edit(
    `${dir}/prisma/schema.prisma`,
    (text) => `${text}
/// ${zhLabel} (${name}).
model ${Thing} {
  id        String   @id @db.Uuid
  tenantId  String   @map("tenant_id") @db.Uuid
  name      String
  note      String?
  createdBy String   @map("created_by")
  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
  updatedAt DateTime @default(now()) @map("updated_at") @db.Timestamptz(3)

  @@unique([tenantId, name])
  @@map("${table}")
}
`,
  );

  const db = `${Service}Database`;
  const tx = `${Service}Tx`;
  create(
    `${dir}/src/${name}/${name}.repository.ts`,
    `import type { Prisma } from '../generated/prisma/client.js';
import type { ${tx} } from '../db/${service}-database.js';

/** ${zhLabel}: the only code that touches the \`${table}\` table (row-level security keeps it to the tenant). */
export class ${Things}Repository {
  async list(tx: ${tx}, query: { offset: number; limit: number; descending: boolean; text?: string }) {
    const where: Prisma.${Thing}WhereInput = query.text ? { name: { contains: query.text } } : {};
    const [rows, total] = await Promise.all([
      tx.${thing}.findMany({
        where,
        orderBy: [{ name: query.descending ? 'desc' : 'asc' }, { id: 'asc' }],
        skip: query.offset,
        take: query.limit,
      }),
      tx.${thing}.count({ where }),
    ]);
    return { rows, total };
  }

  findById(tx: ${tx}, id: string) {
    return tx.${thing}.findUnique({ where: { id } });
  }

  create(tx: ${tx}, data: Prisma.${Thing}UncheckedCreateInput) {
    return tx.${thing}.create({ data });
  }
}
`,
  );
  create(
    `${dir}/src/${name}/${name}.use-cases.ts`,
    `import { create } from '@bufbuild/protobuf';
import {
  ${Thing}Schema,
  SortOrder,
  type Create${Thing}Request,
  type List${Things}Request,
  type ${Thing},
} from '@dangjian/contracts';
import { NotFoundError, pageWindow, requireRole, requireTenant, Validator } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { ${db} } from '../db/${service}-database.js';
import type { ${Thing} as ${Thing}Row } from '../generated/prisma/client.js';
import { ${Things}Repository } from './${name}.repository.js';

const ROLES = ['tenant-admin', 'secretary'] as const;

function to${Thing}Message(row: ${Thing}Row): ${Thing} {
  return create(${Thing}Schema, {
    id: row.id,
    name: row.name,
    ...(row.note !== null ? { note: row.note } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** ${zhLabel}: who may act comes first, then the rules, then the repository. */
export class ${Things}UseCases {
  private readonly ${things} = new ${Things}Repository();

  constructor(private readonly db: ${db}) {}

  async list(request: List${Things}Request): Promise<{ ${things}: ${Thing}[]; total: number }> {
    requireRole(...ROLES);
    // The filter was validated at the edge (the gateway's resource binding).
    const { skip, take } = pageWindow(request.page);
    return this.db.database.inRequestTenant(async (tx) => {
      const { rows, total } = await this.${things}.list(tx, {
        offset: skip,
        limit: take,
        descending: request.page?.sortOrder === SortOrder.DESC,
        ...(request.query ? { text: request.query } : {}),
      });
      return { ${things}: rows.map(to${Thing}Message), total };
    });
  }

  async get(id: string): Promise<${Thing}> {
    requireRole(...ROLES);
    return this.db.database.inRequestTenant(async (tx) => {
      const row = await this.${things}.findById(tx, id);
      if (!row) throw new NotFoundError('${singular}', id);
      return to${Thing}Message(row);
    });
  }

  async create(request: Create${Thing}Request): Promise<${Thing}> {
    const principal = requireRole(...ROLES);
    const name = request.name.trim();
    new Validator()
      .check(name.length >= 1 && name.length <= 100, 'name', 'length_between', { min: 1, max: 100 })
      .check((request.note ?? '').length <= 1000, 'note', 'too_long', { max: 1000 })
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      to${Thing}Message(
        await this.${things}.create(tx, {
          id: randomUUID(),
          tenantId,
          name,
          note: request.note ?? null,
          createdBy: principal.userId,
        }),
      ),
    );
  }
}
`,
  );
  create(
    `${dir}/src/${name}/${name}.handler.ts`,
    `import { ${Thing}Service } from '@dangjian/contracts';
import type { Create${Thing}Request, Get${Thing}Request, List${Things}Request } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { ${Things}UseCases } from './${name}.use-cases.js';

/** ${zhLabel}'s RPCs: one line each. */
@Controller()
export class ${Things}Handler implements RpcHandlers<typeof ${Thing}Service> {
  constructor(@Inject(${Things}UseCases) private readonly ${things}: ${Things}UseCases) {}

  @RpcMethod(${Thing}Service.method.list${Things})
  list${Things}(request: List${Things}Request) {
    return this.${things}.list(request);
  }

  @RpcMethod(${Thing}Service.method.get${Thing})
  async get${Thing}(request: Get${Thing}Request) {
    return { ${thing}: await this.${things}.get(request.id) };
  }

  @RpcMethod(${Thing}Service.method.create${Thing})
  async create${Thing}(request: Create${Thing}Request) {
    return { ${thing}: await this.${things}.create(request) };
  }
}
`,
  );
  edit(`${dir}/src/app.module.ts`, (text) =>
    text
      .replace(
        /(\n)(@Module\(\{\}\))/,
        `\nimport { ${Things}Handler } from './${name}/${name}.handler.js';\nimport { ${Things}UseCases } from './${name}/${name}.use-cases.js';\n\n$2`,
      )
      .replace(/controllers: \[/, `controllers: [${Things}Handler, `)
      .replace(
        /providers: \[/,
        `providers: [{ provide: ${Things}UseCases, useValue: new ${Things}UseCases(db) }, `,
      ),
  );

  create(
    `gateway/src/resources/${name}/${singular}.dto.ts`,
    `import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class Create${Thing}Dto {
  @ApiProperty({ example: '${zhLabel}一' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}
`,
  );
  create(
    `gateway/src/resources/${name}/${name}.resource.ts`,
    `import { ${Thing}Service } from '@dangjian/contracts';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { Create${Thing}Dto } from './${singular}.dto.js';

const ACCESS = { tenant: ['tenant-admin', 'secretary']${moduleAccess} } as const;

/** ${zhLabel} (${name}). */
export const ${Things}Resource = bindResource({
  path: '${name}',
  routes: {
    list: list({
      rpc: ${Thing}Service.method.list${Things},
      summary: 'The tenant’s ${name.replaceAll('-', ' ')}',
      access: ACCESS,
      sort: ['name'],
      filters: { q: filterOf.text },
      request: ({ q }: { q?: string }) => ({ query: q }),
      items: '${table}',
      filterExample: '{"q":"…"}',
    }),
    get: call({
      rpc: ${Thing}Service.method.get${Thing},
      method: 'GET',
      path: ':id',
      summary: 'One ${singular.replaceAll('-', ' ')}',
      access: ACCESS,
      reply: '${thing}',
    }),
    create: call({
      rpc: ${Thing}Service.method.create${Thing},
      method: 'POST',
      summary: 'Add a ${singular.replaceAll('-', ' ')}',
      access: ACCESS,
      body: Create${Thing}Dto,
      reply: '${thing}',
    }),
  },
});
`,
  );

  create(
    `admin-ui/src/${name}/${name}.resource.tsx`,
    `import { Create, Datagrid, List, SimpleForm, TextField, TextInput, required } from 'react-admin';
import type { ConsoleResource } from '../layout/console-resource';
import { ChinaDateField } from '../layout/ChinaDateField';
import { TableBox } from '../layout/TableBox';

function ${Thing}List() {
  return (
    <List filters={[<TextInput key="q" source="q" alwaysOn />]} sort={{ field: 'name', order: 'ASC' }}>
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="name" />
          <TextField source="note" />
          <ChinaDateField source="createdAt" showTime />
        </Datagrid>
      </TableBox>
    </List>
  );
}

function ${Thing}Create() {
  return (
    <Create redirect="list">
      <SimpleForm>
        <TextInput source="name" validate={required()} />
        <TextInput source="note" multiline />
      </SimpleForm>
    </Create>
  );
}

/** ${zhLabel}: the list and the form, for admins and secretaries. */
export const ${things}Resource: ConsoleResource = {
  name: '${name}',
  roles: ['tenant-admin', 'secretary'],${module ? `\n  module: '${module}',` : ''}
  list: ${Thing}List,
  create: ${Thing}Create,
  recordRepresentation: 'name',
  messages: {
    'zh-CN': {
      name: '${zhLabel} |||| ${zhLabel}',
      fields: { name: '名称', note: '备注', createdAt: '创建时间', q: '搜索' },
    },
    en: {
      name: '${Thing.replace(/([a-z])([A-Z])/g, '$1 $2')} |||| ${Things.replace(/([a-z])([A-Z])/g, '$1 $2')}',
      fields: { name: 'Name', note: 'Note', createdAt: 'Created', q: 'Search' },
    },
  },
};
`,
  );

  create(
    `${dir}/test/${name}.e2e-spec.ts`,
    `import { api, invitePerson, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';

/*
 * ${zhLabel} (${name}) through the gateway, as generated: kept within its tenant, and a bad field is
 * a 400 that names it. Extend it with the domain's own rules.
 */
const platform = testPlatform();
const stamp = \`\${Date.now().toString(36)}-\${process.pid}\`;
const call = (token: string, tenant: string | undefined, method: string, path: string, body?: object) =>
  api(platform.gatewayUrl, method, path, { token, ...(tenant ? { tenant } : {}), ...(body ? { body } : {}) });

async function tenantWithAdmin(operator: string, slug: string): Promise<string> {
  const created = await call(operator, undefined, 'POST', '/api/v1/tenants', {
    slug,
    name: \`${zhLabel}测试 \${slug}\`,
    type: 'enterprise',
    modules: ['organisation', 'learning', 'disclosure', 'supervision'],
  });
  expect(created.status).toBe(201);
  const username = \`\${slug}-admin\`;
  await invitePerson(platform.gatewayUrl, { token: operator, tenant: slug }, {
    username,
    displayName: '测试管理员',
    password: 'Secret-123',
    roles: ['tenant-admin'],
  });
  return passwordLogin(platform.issuer, username, 'Secret-123');
}

describe('${name}', () => {
  const [a, b] = [\`gen-a-\${stamp}\`, \`gen-b-\${stamp}\`];
  let adminA: string;
  let adminB: string;

  beforeAll(async () => {
    const operator = await passwordLogin(platform.issuer, 'operator', 'Passw0rd!');
    [adminA, adminB] = [await tenantWithAdmin(operator, a), await tenantWithAdmin(operator, b)];
  });

  it('creates, reads and lists within the tenant, and another tenant sees none of it', async () => {
    const created = await call(adminA, a, 'POST', '/api/v1/${name}', { name: '第一项', note: '备注' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '第一项', note: '备注' });
    const id = created.body.id as string;
    expect((await call(adminA, a, 'GET', \`/api/v1/${name}/\${id}\`)).body.name).toBe('第一项');
    const listA = await call(adminA, a, 'GET', \`/api/v1/${name}?\${listQuery(['name', 'ASC'], [0, 9])}\`);
    expect(listA.body.map((row: { id: string }) => row.id)).toEqual([id]);
    expect(listA.headers.get('content-range')).toBe('${name} 0-0/1');

    expect((await call(adminB, b, 'GET', \`/api/v1/${name}/\${id}\`)).status).toBe(404);
    const listB = await call(adminB, b, 'GET', \`/api/v1/${name}?\${listQuery(['name', 'ASC'], [0, 9])}\`);
    expect(listB.body).toEqual([]);
  });

  it('answers a bad field with a 400 naming it, and a taken name with a 409', async () => {
    const missing = await call(adminA, a, 'POST', '/api/v1/${name}', { note: '没有名称' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toContain('name');
    const long = await call(adminA, a, 'POST', '/api/v1/${name}', { name: 'x'.repeat(101) });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].field).toBe('name');
    await call(adminA, a, 'POST', '/api/v1/${name}', { name: '同名' });
    expect((await call(adminA, a, 'POST', '/api/v1/${name}', { name: '同名' })).status).toBe(409);
    expect((await call(adminA, a, 'GET', '/api/v1/${name}/not-an-id')).status).toBe(400);
  });
});
`,
  );
}

// ------------------------------------------------------------------------------------------------

if (kind === 'service' && args.length === 1) generateService(args[0]);
else if (kind === 'resource' && args.length >= 2) generateResource(args[0], args[1], flag('label'));
else
  fail(
    'usage: npm run generate -- service <name>\n       npm run generate -- resource <service> <name> [--label 中文名]',
  );

// Derived lists and generated code follow what was written.
const run = (command, commandArgs, cwd = root) =>
  execFileSync(command, commandArgs, { cwd, stdio: 'inherit' });
run(join(root, 'node_modules/.bin/buf'), ['generate'], join(root, 'proto'));
// A new service is a new npm workspace: the lock file names it, or `npm ci` on a fresh clone refuses
// (issue 17's first CI run did). Only the lock is written; nothing is downloaded or run.
if (kind === 'service') {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, [
    'install',
    '--package-lock-only',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
  ]);
  edited.push('package-lock.json');
}
run(process.execPath, [join(root, 'tools/derive/derive.mjs')]);
run(join(root, 'node_modules/.bin/prettier'), [
  '--write',
  '--log-level=warn',
  ...created.concat(edited).filter((p) => /\.(ts|tsx|json)$/.test(p)),
]);

process.stdout.write(
  `\ncreated ${created.length} file(s):\n${created.map((p) => `  ${p}`).join('\n')}\n` +
    `edited ${edited.length} file(s):\n${edited.map((p) => `  ${p}`).join('\n') || '  (none)'}\n` +
    `lists derived (npm run derive): contracts index, gateway resources and health, console resources, platform services, lint scopes\n` +
    `next: the domain's fields and rules, docs/glossary.md, and \`npm test -- ${relative(root, join(root, 'services', args[0]))}\`\n`,
);
