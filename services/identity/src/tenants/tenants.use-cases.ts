import { create } from '@bufbuild/protobuf';
import {
  SortOrder,
  TENANT_STATUS,
  TENANT_TYPE,
  TenantCreatedSchema,
  TenantUpdatedSchema,
  eventSubject,
  type CreateTenantRequest,
  type ListTenantsRequest,
  type Tenant,
  type UpdateTenantRequest,
} from '@dangjian/contracts';
import {
  ConflictError,
  NotFoundError,
  fieldProblem,
  Validator,
  asTenantId,
  pageWindow,
  requirePlatformOperator,
  writeOutboxEvent,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { IdentityDatabase } from '../db/identity-database.js';
import type { IdentityDirectory } from '../directory/identity-directory.js';
import { toTenantMessage } from './tenant-mapper.js';
import type { TenantTypeName } from './tenant-presets.js';
import { KNOWN_MODULES, TENANT_TYPE_PRESETS } from './tenant-presets.js';
import { TenantsRepository, type TenantListQuery } from './tenants.repository.js';

const SLUG = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;
const SORTABLE = ['slug', 'name', 'type', 'status', 'createdAt'] as const;

/** Platform administration of tenants: only platform operators, except the lookups the gateway needs. */
export class TenantsUseCases {
  private readonly tenants = new TenantsRepository();

  constructor(
    private readonly db: IdentityDatabase,
    private readonly directory: IdentityDirectory,
  ) {}

  async list(request: ListTenantsRequest): Promise<{ tenants: Tenant[]; total: number }> {
    requirePlatformOperator();
    const query = toListQuery(request);
    const { rows, total } = await this.db.database.platform((tx) => this.tenants.list(tx, query));
    return { tenants: rows.map(toTenantMessage), total };
  }

  async get(id: string): Promise<Tenant> {
    requirePlatformOperator();
    const row = await this.db.database.platform((tx) => this.tenants.findById(tx, id));
    if (!row) throw new NotFoundError('tenant', id);
    return toTenantMessage(row);
  }

  /** Tenant resolution: the gateway asks for every request (cached there), before it knows the caller. */
  async findBySlug(slug: string): Promise<Tenant> {
    const row = await this.db.database.platform((tx) => this.tenants.findBySlug(tx, slug));
    if (!row) throw new NotFoundError('tenant', slug);
    return toTenantMessage(row);
  }

  async create(request: CreateTenantRequest): Promise<Tenant> {
    requirePlatformOperator();
    const type = TENANT_TYPE.nameOf(request.type) as TenantTypeName | undefined;
    const modules = request.modules.length > 0 ? request.modules : type ? [...TENANT_TYPE_PRESETS[type]] : [];
    const branding = request.branding;
    new Validator()
      .check(SLUG.test(request.slug), 'slug', 'bad_slug')
      .check(request.name.trim().length > 0 && request.name.length <= 100, 'name', 'length_between', {
        min: 1,
        max: 100,
      })
      .check(type !== undefined, 'type', 'not_one_of', { allowed: 'enterprise, university, county' })
      .check(
        modules.every((m) => KNOWN_MODULES.includes(m)),
        'modules',
        'not_one_of',
        { allowed: KNOWN_MODULES.join(', ') },
      )
      .check(
        !branding?.primaryColour || COLOUR.test(branding.primaryColour),
        'branding.primaryColour',
        'not_a_colour',
      )
      .check(!branding?.logoUrl || isHttpUrl(branding.logoUrl), 'branding.logoUrl', 'not_a_url')
      .throwIfInvalid();
    const id = randomUUID();
    const row = await this.db.database.inTenant(asTenantId(id), async (tx) => {
      if (await this.tenants.findBySlug(tx, request.slug))
        throw new ConflictError(`tenant slug ${request.slug} is taken`, [fieldProblem('slug', 'taken')]);
      const inserted = await this.tenants.insert(tx, {
        id,
        slug: request.slug,
        name: request.name.trim(),
        type: type!,
        modules,
        displayName: branding?.displayName || request.name.trim(),
        logoUrl: branding?.logoUrl ?? '',
        primaryColour: branding?.primaryColour ?? '',
      });
      await writeOutboxEvent(tx, {
        subject: eventSubject('identity', 'tenant', 'created'),
        schema: TenantCreatedSchema,
        message: create(TenantCreatedSchema, { tenant: toTenantMessage(inserted) }),
        tenantId: id,
      });
      return inserted;
    });
    await this.directory.tenantCreated(toTenantMessage(row));
    return toTenantMessage(row);
  }

  async update(request: UpdateTenantRequest): Promise<Tenant> {
    requirePlatformOperator();
    const status = request.status ? TENANT_STATUS.nameOf(request.status) : undefined;
    const branding = request.branding;
    new Validator()
      .check(
        request.name === undefined || (request.name.trim().length > 0 && request.name.length <= 100),
        'name',
        'length_between',
        { min: 1, max: 100 },
      )
      .check(
        !request.modulesSet || request.modules.every((m) => KNOWN_MODULES.includes(m)),
        'modules',
        'not_one_of',
        { allowed: KNOWN_MODULES.join(', ') },
      )
      .check(!request.status || status !== undefined, 'status', 'not_one_of', {
        allowed: 'active, suspended',
      })
      .check(
        !branding?.primaryColour || COLOUR.test(branding.primaryColour),
        'branding.primaryColour',
        'not_a_colour',
      )
      .check(!branding?.logoUrl || isHttpUrl(branding.logoUrl), 'branding.logoUrl', 'not_a_url')
      .throwIfInvalid();
    const row = await this.db.database.inTenant(asTenantId(request.id), async (tx) => {
      if (!(await this.tenants.findById(tx, request.id))) throw new NotFoundError('tenant', request.id);
      const updated = await this.tenants.update(tx, request.id, {
        ...(request.name !== undefined ? { name: request.name.trim() } : {}),
        ...(status ? { status } : {}),
        ...(request.modulesSet ? { modules: request.modules } : {}),
        ...(branding
          ? {
              displayName: branding.displayName,
              logoUrl: branding.logoUrl,
              primaryColour: branding.primaryColour,
            }
          : {}),
      });
      await writeOutboxEvent(tx, {
        subject: eventSubject('identity', 'tenant', 'updated'),
        schema: TenantUpdatedSchema,
        message: create(TenantUpdatedSchema, { tenant: toTenantMessage(updated) }),
        tenantId: request.id,
      });
      return updated;
    });
    return toTenantMessage(row);
  }
}

function toListQuery(request: ListTenantsRequest): TenantListQuery {
  const page = request.page;
  const sortField = (page?.sortField || 'createdAt') as TenantListQuery['sortField'];
  new Validator()
    .check(SORTABLE.includes(sortField), 'sort', 'not_one_of', { allowed: SORTABLE.join(', ') })
    .check(
      !request.status || TENANT_STATUS.nameOf(request.status) !== undefined,
      'filter.status',
      'not_one_of',
      { allowed: 'pending, accepted, revoked, expired' },
    )
    .throwIfInvalid();
  return {
    offset: pageWindow(page).skip,
    limit: pageWindow(page).take,
    sortField,
    descending: page?.sortOrder === SortOrder.DESC,
    text: request.query.trim() || undefined,
    status: request.status ? TENANT_STATUS.nameOf(request.status) : undefined,
    type: request.type ? (TENANT_TYPE.nameOf(request.type) as TenantTypeName | undefined) : undefined,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
