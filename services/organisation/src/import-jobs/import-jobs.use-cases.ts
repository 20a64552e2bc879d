import { create, fromJson, toJson, type JsonValue } from '@bufbuild/protobuf';
import {
  CreateOrganisationRequestSchema,
  eventSubject,
  ImportColumnSchema,
  ImportJobFinishedSchema,
  ImportJobSchema,
  ImportRowErrorSchema,
  ImportValueSchema,
  PrincipalSchema,
  TenantContextSchema,
  type AppendImportChunkRequest,
  type CreateImportJobRequest,
  type ImportColumn,
  type ImportJob,
  type ImportRowError,
  type ListImportJobErrorsRequest,
  isRuleName,
  type ProblemParams,
  fieldProblemText,
  type FieldProblemCode,
} from '@dangjian/contracts';
import {
  asTenantId,
  type TenantId,
  chinaToday,
  currentContext,
  DomainError,
  isUuid,
  logger,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  RuleViolatedError,
  runInContext,
  type RequestContext,
  ValidationError,
  Validator,
  writeOutboxEvent,
  fieldProblem,
  ruleProblem,
  paramsAsText,
  type FieldProblem,
} from '@dangjian/kit';
import {
  GRID_LABEL,
  IMPORT_CHUNK_BYTES,
  IMPORT_KINDS,
  MAX_IMPORT_BYTES,
  ORGANISATION_KIND,
  type PageRequest,
} from '@dangjian/contracts';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import { Prisma, type ImportJob as JobRow } from '../generated/prisma/client.js';
import { observeGauge, type TenantKeyRing } from '@dangjian/kit';
import { TreeAccess } from '../access/tree-access.js';
import type { OrganisationsUseCases } from '../organisations/organisations.use-cases.js';
import { TEMPLATES, type ImportKind } from './import-template.js';
import {
  prepareMemberBatch,
  writeMemberBatch,
  type BatchOutcome,
  type MemberImportContext,
} from './member-import.js';
import {
  IMPORT_FORMATS,
  readRows,
  surveyFile,
  type FileRow,
  type ImportFormat,
} from '@dangjian/kit/spreadsheet';
import { missingHeaders, rowProblem, templateReader, type TemplateRow } from './template-rows.js';

const MEMBER_BATCH = 1000;
const ORGANISATION_BATCH = 100;
/** A running job whose progress has not moved for this long is taken over by the next start. */
const STALE_AFTER_MS = 2 * 60 * 1000;

/** The tenant and principal a job was started as (JSON in `import_jobs.started_as`). */
interface StartedAs {
  tenant: JsonValue;
  principal: JsonValue;
}

const startedAsOf = (context: RequestContext) =>
  ({
    tenant: toJson(TenantContextSchema, context.tenant!),
    principal: toJson(PrincipalSchema, context.principal!),
  }) as Prisma.InputJsonObject;

const isStartedAs = (value: unknown): value is StartedAs =>
  typeof value === 'object' && value !== null && 'tenant' in value && 'principal' in value;

const contextOf = (startedAs: StartedAs): RequestContext => ({
  requestId: randomUUID(),
  tenant: fromJson(TenantContextSchema, startedAs.tenant),
  principal: fromJson(PrincipalSchema, startedAs.principal),
});

function toMessage(row: JobRow): ImportJob {
  return create(ImportJobSchema, {
    id: row.id,
    kind: row.kind,
    format: row.format,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    status: row.status,
    totalRows: row.totalRows,
    rowsDone: row.rowsDone,
    createdCount: row.createdCount,
    skippedCount: row.skippedCount,
    failedCount: row.failedCount,
    failure: row.failure || undefined,
    failureCode: row.failureCode || undefined,
    failureParams: paramsAsText(row.failureParams as ProblemParams),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString(),
  });
}

/** Bulk import of members and organisations: upload in chunks, then batches with progress. */
export class ImportJobsUseCases {
  private readonly access = new TreeAccess();
  /** Jobs this process is working on, so a second start does not run them twice here. */
  private readonly running = new Map<string, Promise<void>>();
  /** Rows of the jobs this process runs, for the progress metric (replicas add up). */
  private readonly progress = new Map<string, { total: number; done: number }>();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly keyRing: TenantKeyRing,
    private readonly organisations: OrganisationsUseCases,
    private readonly now: () => Date = () => new Date(),
  ) {
    observeGauge(
      'dangjian.import.rows',
      'Rows of the import jobs this process is running (state=total, state=done)',
      '{row}',
      (report) => {
        const all = [...this.progress.values()];
        report(
          all.reduce((sum, p) => sum + p.total, 0),
          { state: 'total' },
        );
        report(
          all.reduce((sum, p) => sum + p.done, 0),
          { state: 'done' },
        );
      },
    );
    observeGauge('dangjian.import.jobs', 'Import jobs this process is running', '{job}', (report) =>
      report(this.running.size, { state: 'running' }),
    );
  }

  template(kind: string): ImportColumn[] {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check((IMPORT_KINDS as readonly string[]).includes(kind), 'kind', 'not_one_of', {
        allowed: IMPORT_KINDS.join(', '),
      })
      .throwIfInvalid();
    return TEMPLATES[kind as ImportKind].map((column) =>
      create(ImportColumnSchema, {
        header: column.header,
        field: column.field,
        required: column.required,
        description: column.description,
        example: column.example,
        values: Object.entries(column.values ?? {}).map(([label, code]) =>
          create(ImportValueSchema, { code, label }),
        ),
      }),
    );
  }

  async create(request: CreateImportJobRequest): Promise<ImportJob> {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check((IMPORT_KINDS as readonly string[]).includes(request.kind), 'kind', 'not_one_of', {
        allowed: IMPORT_KINDS.join(', '),
      })
      .check((IMPORT_FORMATS as readonly string[]).includes(request.format), 'format', 'not_one_of', {
        allowed: IMPORT_FORMATS.join(', '),
      })
      .check(
        request.fileName.trim().length > 0 && request.fileName.length <= 200,
        'fileName',
        'length_between',
        { min: 1, max: 200 },
      )
      .check(request.sizeBytes > 0 && request.sizeBytes <= MAX_IMPORT_BYTES, 'sizeBytes', 'file_size', {
        max: `${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
      })
      .throwIfInvalid();
    const principal = requirePrincipal();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await tx.importJob.create({
        data: {
          id: randomUUID(),
          tenantId,
          kind: request.kind,
          format: request.format,
          fileName: request.fileName.trim(),
          sizeBytes: request.sizeBytes,
          createdBy: principal.userId,
        },
      });
      return toMessage(row);
    });
  }

  async appendChunk(request: AppendImportChunkRequest): Promise<number> {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(isUuid(request.jobId), 'jobId', 'not_an_id')
      .check(request.sequence >= 0, 'sequence', 'too_small', { min: 0 })
      .check(request.data.length > 0 && request.data.length <= IMPORT_CHUNK_BYTES, 'data', 'file_size', {
        max: `${IMPORT_CHUNK_BYTES} bytes`,
      })
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const job = await this.ownJob(tx, request.jobId);
      if (job.status !== 'receiving')
        throw new RuleViolatedError('import-file-complete', 'the file of this job is complete');
      const received = await this.receivedBytes(tx, job.id);
      if (received + request.data.length > job.sizeBytes) {
        throw new RuleViolatedError(
          'import-file-size',
          `the chunks exceed the announced size of ${job.sizeBytes} bytes`,
        );
      }
      await tx.importJobChunk.create({
        data: { jobId: job.id, sequence: request.sequence, tenantId, data: Buffer.from(request.data) },
      });
      return received + request.data.length;
    });
  }

  /**
   * Starts a job whose file is complete, or resumes one that stopped or was interrupted (from its
   * last batch). Exactly one process claims a job: the claim is a conditional update, so two
   * replicas, or a person and the resume job, cannot both run it.
   */
  async start(jobId: string): Promise<ImportJob> {
    requireRole('tenant-admin', 'secretary');
    new Validator().check(isUuid(jobId), 'jobId', 'not_an_id').throwIfInvalid();
    const tenantId = requireTenant();
    const context = currentContext()!;
    const { job, claimed } = await this.db.database.inTenant(tenantId, async (tx) => {
      let current = await this.ownJob(tx, jobId);
      if (current.status === 'receiving') {
        const received = await this.receivedBytes(tx, current.id);
        if (received !== current.sizeBytes) {
          throw new RuleViolatedError(
            'import-file-incomplete',
            `received ${received} of ${current.sizeBytes} bytes`,
          );
        }
        current = await tx.importJob.update({
          where: { id: current.id },
          data: { status: 'queued', updatedAt: new Date() },
        });
      }
      if (!this.startable(current) || this.running.has(current.id)) return { job: current, claimed: false };
      const now = new Date();
      const { count } = await tx.importJob.updateMany({
        where: { id: current.id, status: current.status, updatedAt: current.updatedAt },
        data: {
          status: 'running',
          failure: '',
          failureCode: '',
          failureParams: {},
          updatedAt: now,
          startedAs: startedAsOf(context),
        },
      });
      return count === 1
        ? {
            job: {
              ...current,
              status: 'running',
              failure: '',
              failureCode: '',
              failureParams: {},
              updatedAt: now,
            },
            claimed: true,
          }
        : { job: current, claimed: false };
    });
    if (claimed) {
      const work = runInContext(context, () => this.run(job.id))
        .catch(async (error: unknown) => {
          // Committed batches stay; the job can be resumed from the last one.
          logger.error({ err: error, jobId: job.id }, 'import job stopped');
          await runInContext(context, () =>
            this.finish(asTenantId(tenantId), job.id, 'stopped', { code: 'import_stopped' }),
          ).catch(() => undefined);
        })
        .finally(() => {
          this.running.delete(job.id);
          this.progress.delete(job.id);
        });
      this.running.set(job.id, work);
    }
    return toMessage(job);
  }

  /**
   * Resumes, in every tenant, the jobs a restart interrupted: queued or running, with no progress for
   * STALE_AFTER_MS, each as the person who last started it. A job stopped by an error is left to a
   * person, since the error may come back. Run periodically by the service (and safe on replicas).
   */
  async resumeInterrupted(): Promise<{ resumed: number }> {
    const staleBefore = new Date(this.now().getTime() - STALE_AFTER_MS);
    let resumed = 0;
    for (const tenantId of await this.db.tenantIds()) {
      const jobs = await this.db.database.inTenant(tenantId, (tx) =>
        tx.importJob.findMany({
          where: {
            status: { in: ['queued', 'running'] },
            updatedAt: { lt: staleBefore },
            NOT: { startedAs: { equals: Prisma.DbNull } },
          },
          select: { id: true, startedAs: true },
        }),
      );
      for (const job of jobs) {
        if (this.running.has(job.id) || !isStartedAs(job.startedAs)) continue;
        try {
          const started = await runInContext(contextOf(job.startedAs), () => this.start(job.id));
          // Another replica, or a person, may have claimed it first.
          if (this.running.has(job.id)) {
            resumed += 1;
            logger.info(
              { jobId: job.id, tenant: tenantId, rowsDone: started.rowsDone },
              'interrupted import job resumed',
            );
          }
        } catch (error) {
          // The person may have lost the right to it since (a 404 here): it waits for someone who has.
          logger.warn({ err: error, jobId: job.id }, 'interrupted import job not resumed');
        }
      }
    }
    return { resumed };
  }

  private startable(job: JobRow): boolean {
    const staleBefore = new Date(this.now().getTime() - STALE_AFTER_MS);
    return (
      job.status === 'queued' ||
      job.status === 'stopped' ||
      (job.status === 'running' && job.updatedAt < staleBefore)
    );
  }

  async get(id: string): Promise<ImportJob> {
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => toMessage(await this.ownJob(tx, id)));
  }

  async list(page: PageRequest | undefined): Promise<{ jobs: ImportJob[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    const principal = requirePrincipal();
    return this.db.database.inRequestTenant(async (tx) => {
      // A secretary sees the jobs they started; a tenant admin sees all.
      const where =
        principal.roles.includes('tenant-admin') || principal.platformOperator
          ? {}
          : { createdBy: principal.userId };
      const [rows, total] = await Promise.all([
        tx.importJob.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          ...pageWindow(page),
        }),
        tx.importJob.count({ where }),
      ]);
      return { jobs: rows.map(toMessage), total };
    });
  }

  async errors(request: ListImportJobErrorsRequest): Promise<{ errors: ImportRowError[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    const jobId = request.jobId;
    if (jobId === undefined) throw ValidationError.of('filter.jobId', 'required');
    return this.db.database.inRequestTenant(async (tx) => {
      const job = await this.ownJob(tx, jobId);
      const where = { jobId: job.id };
      const [rows, total] = await Promise.all([
        tx.importJobError.findMany({
          where,
          orderBy: [{ rowNumber: 'asc' }, { id: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.importJobError.count({ where }),
      ]);
      return {
        errors: rows.map((e) =>
          create(ImportRowErrorSchema, {
            rowNumber: e.rowNumber,
            column: e.columnName,
            reason: e.reason,
            code: e.code,
            params: paramsAsText(e.params as ProblemParams),
          }),
        ),
        total,
      };
    });
  }

  /** Resolves when the job this process runs has finished (tests and the CLI wait on it). */
  async settled(jobId: string): Promise<void> {
    await this.running.get(jobId);
  }

  private async run(jobId: string): Promise<void> {
    const tenantId = asTenantId(requireTenant());
    const principal = requirePrincipal();
    const job = await this.db.database.inTenant(tenantId, (tx) =>
      tx.importJob.findUniqueOrThrow({ where: { id: jobId } }),
    );
    const format = job.format as ImportFormat;
    const chunks = () => this.chunksOf(tenantId, jobId);
    const columns = TEMPLATES[job.kind as ImportKind];
    // A first pass keeps nothing: the encoding and the rows for progress; an .xlsx file that cannot be
    // read fails here, before anything is written (a CSV broken part-way fails where it breaks).
    let survey: Awaited<ReturnType<typeof surveyFile>>;
    try {
      survey = await surveyFile(chunks, format);
    } catch (error) {
      logger.info({ jobId, err: (error as Error).message }, 'import file unreadable');
      await this.finish(tenantId, jobId, 'failed', { code: 'import_unreadable', params: { format } });
      return;
    }
    const groups = readRows(chunks(), format, survey.encoding)[Symbol.asyncIterator]();
    const nextGroup = async () => {
      try {
        return await groups.next();
      } catch (error) {
        throw new UnreadableFile(error);
      }
    };
    try {
      let next = await nextGroup();
      while (!next.done && next.value.length === 0) next = await nextGroup();
      const first = next.done ? undefined : next.value;
      const header = first?.[0]?.number === 1 ? first[0].cells : [];
      const missing = missingHeaders(header, columns);
      if (missing.length > 0) {
        await groups.return?.(undefined);
        await this.finish(tenantId, jobId, 'failed', {
          code: 'import_columns_missing',
          params: { columns: missing.join('、') },
        });
        return;
      }
      // Every template has required columns, so a file whose first row is not row 1 failed above.
      const read = templateReader(header, columns);
      let dataRows = 0;
      const templateRowsOf = (group: FileRow[]) => {
        const rows = group.flatMap((row) => read(row.cells, row.number) ?? []);
        dataRows += rows.length;
        return rows;
      };
      const rows = (async function* () {
        yield templateRowsOf(first!.slice(1));
        for (let more = await nextGroup(); !more.done; more = await nextGroup())
          yield templateRowsOf(more.value);
      })();
      await this.db.database.inTenant(tenantId, (tx) =>
        tx.importJob.update({
          where: { id: jobId },
          data: { totalRows: survey.rows, updatedAt: new Date() },
        }),
      );
      this.progress.set(jobId, { total: survey.rows, done: job.rowsDone });
      if (job.kind === 'members') await this.runMembers(tenantId, job, rows, principal.userId);
      else await this.runOrganisations(tenantId, job, rows);
      // The survey counted a CSV's blank lines too.
      await this.finish(tenantId, jobId, 'completed', undefined, dataRows);
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      // A CSV is parsed as it streams in: batches before the bad place stay, as after a stop, and the
      // corrected file can be imported again (rows on record are skipped).
      logger.info({ jobId, err: (error.cause as Error).message }, 'import file unreadable');
      await this.finish(tenantId, jobId, 'failed', { code: 'import_unreadable', params: { format } });
    }
  }

  /** The job's file chunk by chunk, each in a short read of its own: never whole in memory. */
  private async *chunksOf(tenantId: TenantId, jobId: string): AsyncGenerator<Uint8Array> {
    for (let after = -1; ;) {
      const chunk = await this.db.database.inTenant(tenantId, (tx) =>
        tx.importJobChunk.findFirst({
          where: { jobId, sequence: { gt: after } },
          orderBy: { sequence: 'asc' },
          select: { sequence: true, data: true },
        }),
      );
      if (!chunk) return;
      after = chunk.sequence;
      yield chunk.data;
    }
  }

  /**
   * Members in batches of one transaction each, with the progress. A batch is checked and encrypted
   * while the one before it is written, so the service's work and the database's overlap.
   */
  private async runMembers(
    tenantId: string,
    job: JobRow,
    rows: AsyncIterable<TemplateRow[]>,
    userId: string,
  ): Promise<void> {
    const context = await this.db.database.inTenant(
      asTenantId(tenantId),
      async (tx): Promise<MemberImportContext> => {
        const organisations = await tx.organisation.findMany({
          where: { status: 'active' },
          select: { id: true, code: true, path: true },
        });
        return {
          tenantId,
          keys: await this.keyRing.keysFor(tx, tenantId),
          userId,
          fileName: job.fileName,
          today: chinaToday(this.now()),
          organisations: new Map(organisations.map((o) => [o.code, { id: o.id, path: o.path }])),
          scope: await this.access.scopePaths(tx),
          seen: new Map(),
        };
      },
    );
    let writing: Promise<void> | undefined;
    // Rows before the resume point were committed with the progress; their ID numbers are on record.
    try {
      for await (const { batch, rowsDone } of inBatches(rows, MEMBER_BATCH, job.rowsDone)) {
        const prepared = await prepareMemberBatch(context, batch);
        await writing;
        writing = this.db.database.inTenant(asTenantId(tenantId), async (tx) => {
          const outcome = await writeMemberBatch(tx, prepared);
          await this.recordProgress(tx, job.id, tenantId, rowsDone, outcome);
        });
        // Awaited with the next batch (or after the last); a failure meanwhile is not unhandled.
        writing.catch(() => undefined);
      }
    } catch (error) {
      // The file failed part-way: the batch being written lands (or not) before the job ends.
      await writing?.catch(() => undefined);
      throw error;
    }
    await writing;
  }

  private async runOrganisations(
    tenantId: string,
    job: JobRow,
    rows: AsyncIterable<TemplateRow[]>,
  ): Promise<void> {
    const codes = new Map(
      (
        await this.db.database.inTenant(asTenantId(tenantId), (tx) =>
          tx.organisation.findMany({ select: { id: true, code: true } }),
        )
      ).map((o) => [o.code, o.id]),
    );
    const header = Object.fromEntries(TEMPLATES.organisations.map((c) => [c.field, c.header]));
    for await (const { batch, rowsDone } of inBatches(rows, ORGANISATION_BATCH, job.rowsDone)) {
      const outcome: BatchOutcome = { created: 0, skipped: 0, errors: [] };
      for (const row of batch) {
        const v = row.values;
        const problems = [...row.problems];
        if (v['parentCode'] && !codes.has(v['parentCode']))
          problems.push(rowProblem(header['parentCode']!, 'parent_unknown', { code: v['parentCode'] }));
        if (problems.length > 0) {
          outcome.errors.push(...problems.map((p) => ({ ...p, rowNumber: row.rowNumber })));
          continue;
        }
        if (codes.has(v['code']!)) {
          outcome.skipped += 1;
          continue;
        }
        // Each organisation goes through the same use case as the API: nesting rules, scope, history, event.
        const request = create(CreateOrganisationRequestSchema, {
          name: v['name']!,
          code: v['code']!,
          kind: ORGANISATION_KIND.valueOf(v['kind']!)!,
          parentId: v['parentCode'] ? codes.get(v['parentCode'])! : '',
          joint: v['joint'] === 'true',
          gridLabel: GRID_LABEL.valueOf(v['gridLabel'] ?? '')!,
          contact: v['contact'] ?? '',
          foundedOn: v['foundedOn'] ?? '',
        });
        try {
          const created = await this.organisations.create(request);
          codes.set(created.code, created.id);
          outcome.created += 1;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const fields: FieldProblem[] =
            error.violations.length > 0
              ? error.violations
              : isRuleName(error.rule)
                ? [ruleProblem('', error.rule, error.ruleParams, error.message)]
                : [fieldProblem('', 'bad_format')];
          outcome.errors.push(
            ...fields.map((f) => ({
              rowNumber: row.rowNumber,
              column: header[f.field] ?? '',
              code: f.code,
              ...(f.params ? { params: f.params } : {}),
              reason: f.description,
            })),
          );
        }
      }
      await this.db.database.inTenant(asTenantId(tenantId), (tx) =>
        this.recordProgress(tx, job.id, tenantId, rowsDone, outcome),
      );
    }
  }

  private async recordProgress(
    tx: OrganisationTx,
    jobId: string,
    tenantId: string,
    rowsDone: number,
    outcome: BatchOutcome,
  ): Promise<void> {
    const progress = this.progress.get(jobId);
    if (progress) progress.done = rowsDone;
    if (outcome.errors.length > 0) {
      await tx.importJobError.createMany({
        data: outcome.errors.map((e) => ({
          id: randomUUID(),
          tenantId,
          jobId,
          rowNumber: e.rowNumber,
          columnName: e.column,
          reason: e.reason,
          code: e.code,
          params: e.params ?? {},
        })),
      });
    }
    const failedRows = new Set(outcome.errors.map((e) => e.rowNumber)).size;
    await tx.importJob.update({
      where: { id: jobId },
      data: {
        rowsDone,
        createdCount: { increment: outcome.created },
        skippedCount: { increment: outcome.skipped },
        failedCount: { increment: failedRows },
        updatedAt: new Date(),
      },
    });
  }

  private async finish(
    tenantId: string,
    jobId: string,
    status: 'completed' | 'failed' | 'stopped',
    failure?: { code: FieldProblemCode; params?: ProblemParams },
    totalRows?: number,
  ): Promise<void> {
    const failureText = failure ? fieldProblemText(failure.code, failure.params) : '';
    await this.db.database.inTenant(asTenantId(tenantId), async (tx) => {
      const row = await tx.importJob.update({
        where: { id: jobId },
        data: {
          status,
          failure: failureText,
          failureCode: failure?.code ?? '',
          failureParams: failure?.params ?? {},
          finishedAt: status === 'stopped' ? null : new Date(),
          updatedAt: new Date(),
          ...(totalRows === undefined ? {} : { totalRows }),
        },
      });
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'import_job', 'finished'),
        schema: ImportJobFinishedSchema,
        message: create(ImportJobFinishedSchema, { job: toMessage(row) }),
        tenantId,
      });
    });
  }

  /** A job of the caller's tenant that the caller may see (its creator, or a tenant admin). */
  private async ownJob(tx: OrganisationTx, id: string): Promise<JobRow> {
    if (!isUuid(id)) throw new NotFoundError('import job', id);
    const principal = requireRole('tenant-admin', 'secretary');
    const row = await tx.importJob.findUnique({ where: { id } });
    const mayRead =
      principal.platformOperator ||
      principal.roles.includes('tenant-admin') ||
      row?.createdBy === principal.userId;
    if (!row || !mayRead) throw new NotFoundError('import job', id);
    return row;
  }

  private async receivedBytes(tx: OrganisationTx, jobId: string): Promise<number> {
    const [row] = (await tx.$queryRawUnsafe(
      'select coalesce(sum(length(data)), 0)::int as bytes from import_job_chunks where job_id = $1::uuid',
      jobId,
    )) as { bytes: number }[];
    return row?.bytes ?? 0;
  }
}

/** A file that cannot be read as its format (found part-way through a CSV, which streams). */
class UnreadableFile extends Error {
  constructor(cause: unknown) {
    super('the file cannot be read', { cause });
  }
}

/**
 * Groups of rows in batches of `size`, after the first `skip` rows (a resumed job's committed ones),
 * each with the count of rows done once it is written.
 */
async function* inBatches<T>(
  groups: AsyncIterable<T[]>,
  size: number,
  skip: number,
): AsyncGenerator<{ batch: T[]; rowsDone: number }> {
  let seen = 0;
  let batch: T[] = [];
  for await (const group of groups) {
    for (const row of group) {
      seen += 1;
      if (seen <= skip) continue;
      batch.push(row);
      if (batch.length === size) {
        yield { batch, rowsDone: seen };
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield { batch, rowsDone: seen };
}
