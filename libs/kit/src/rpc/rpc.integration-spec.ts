import { create } from '@bufbuild/protobuf';
import {
  ErrorCode,
  PrincipalSchema,
  TenantContextSchema,
  TenantSchema,
  TenantService,
  UserService,
} from '@dangjian/contracts';
import { spawnNatsServer } from '@dangjian/testing';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { connect } from '@nats-io/transport-node';
import { currentContext, requireTenant } from '../context/request-context.js';
import {
  fieldProblem,
  NotFoundError,
  RemoteError,
  RuleViolatedError,
  ValidationError,
} from '../errors/domain-errors.js';
import { createNatsMicroservice } from './microservice.js';
import { RpcClient, ServiceTimeoutError, ServiceUnavailableError } from './rpc-client.js';
import { RpcMethod } from './rpc-method.js';

/** A fixture service answering two identity methods, to exercise the transport end to end. */
@Controller()
class FixtureController {
  @RpcMethod(TenantService.method.findTenantBySlug)
  async findTenantBySlug(request: { slug: string }) {
    const context = currentContext();
    switch (request.slug) {
      case 'missing':
        throw new NotFoundError('tenant', 'missing');
      case 'invalid':
        throw new ValidationError([
          fieldProblem('slug', 'bad_slug'),
          fieldProblem('branding.logoUrl', 'too_long', { max: 500 }),
        ]);
      case 'rule':
        throw new RuleViolatedError('probation-one-year', undefined, [], { endsOn: '2027-07-01' });
      case 'crash':
        throw new Error('database password is hunter2');
      case 'slow':
        await new Promise((r) => setTimeout(r, 1500));
        break;
      case 'tenant':
        requireTenant();
        break;
    }
    // Echo what arrived in the headers, to prove the context crossed.
    return {
      tenant: create(TenantSchema, {
        slug: request.slug,
        id: context?.tenant?.tenantId ?? '',
        name: context?.principal?.username ?? '',
        realm: context?.requestId ?? '',
      }),
    };
  }
}

/** The same method answered by a second platform on the same NATS, under another namespace. */
@Controller()
class OtherPlatformController {
  @RpcMethod(TenantService.method.findTenantBySlug)
  async findTenantBySlug() {
    return { tenant: create(TenantSchema, { slug: 'other-platform' }) };
  }
}

describe('request-reply over NATS with the protobuf codec', () => {
  let nats: Awaited<ReturnType<typeof spawnNatsServer>>;
  let service: INestMicroservice;
  let client: RpcClient;

  beforeAll(async () => {
    nats = await spawnNatsServer();
    const { Module } = await import('@nestjs/common');
    @Module({ controllers: [FixtureController] })
    class FixtureModule {}
    service = await createNatsMicroservice('identity', FixtureModule, { url: nats.url, namespace: 'alpha' });
    await service.listen();
    // Calls that are not about timing wait as production's gateway does; the timeout is tested with its own
    // (a first call once took over the 1 s this had, beside a full suite on two CPUs: CI, 2026-12).
    client = new RpcClient({ url: nats.url, namespace: 'alpha' }, 5000);
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
    await service.close();
    await nats.stop();
  });

  const context = {
    requestId: 'req-42',
    tenant: create(TenantContextSchema, {
      tenantId: '11111111-1111-4111-8111-111111111111',
      slug: 'acme-corp',
    }),
    principal: create(PrincipalSchema, { userId: 'u-1', username: 'acme-admin', roles: ['tenant-admin'] }),
  };

  it('decodes the reply and restores tenant, principal and request id from headers on the other side', async () => {
    const reply = await client.call(TenantService.method.findTenantBySlug, { slug: 'echo' }, { context });
    expect(reply.tenant).toMatchObject({
      slug: 'echo',
      id: context.tenant.tenantId,
      name: 'acme-admin',
      realm: 'req-42',
    });
  });

  it('sends plain protobuf on the subject <namespace>.<service>.v1.<Method>, answerable by any NATS client', async () => {
    const nc = await connect({ servers: nats.url });
    try {
      const { toBinary, fromBinary } = await import('@bufbuild/protobuf');
      const { FindTenantBySlugRequestSchema, RpcReplySchema, FindTenantBySlugResponseSchema } =
        await import('@dangjian/contracts');
      const raw = await nc.request(
        'alpha.identity.v1.FindTenantBySlug',
        toBinary(FindTenantBySlugRequestSchema, create(FindTenantBySlugRequestSchema, { slug: 'plain' })),
        { timeout: 5000 },
      );
      const reply = fromBinary(RpcReplySchema, raw.data);
      expect(reply.result.case).toBe('payload');
      expect(fromBinary(FindTenantBySlugResponseSchema, reply.result.value as Uint8Array).tenant?.slug).toBe(
        'plain',
      );
    } finally {
      await nc.close();
    }
  });

  it.each([
    ['missing', ErrorCode.NOT_FOUND, [], ''],
    [
      'invalid',
      ErrorCode.VALIDATION,
      [
        {
          field: 'slug',
          code: 'bad_slug',
          description: 'must be 3–40 lowercase letters, digits or hyphens, starting with a letter',
        },
        // Codes and their params cross the bus intact (params as text).
        {
          field: 'branding.logoUrl',
          code: 'too_long',
          params: { max: '500' },
          description: 'must be at most 500 characters',
        },
      ],
      '',
    ],
    ['rule', ErrorCode.RULE_VIOLATED, [], 'probation-one-year'],
  ])('carries a %s domain error across intact', async (slug, code, violations, rule) => {
    const error = await client
      .call(TenantService.method.findTenantBySlug, { slug }, { context })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code, violations, rule });
  });

  it("carries a rule's params across, to be said in the person's language", async () => {
    const error = (await client
      .call(TenantService.method.findTenantBySlug, { slug: 'rule' }, { context })
      .catch((e: unknown) => e)) as RemoteError;
    expect(error.ruleParams).toEqual({ endsOn: '2027-07-01' });
    expect(error.message).toBe(
      'the probation runs until 2027-07-01: confirmation is discussed when it is over',
    );
  });

  it('turns an unexpected error into INTERNAL with a correlation id and no details', async () => {
    const error = (await client
      .call(TenantService.method.findTenantBySlug, { slug: 'crash' }, { context })
      .catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe(ErrorCode.INTERNAL);
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).not.toContain('hunter2');
  });

  it('fails closed when a tenant-scoped handler gets no tenant', async () => {
    const error = (await client
      .call(TenantService.method.findTenantBySlug, { slug: 'tenant' }, { context: { requestId: 'r' } })
      .catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
  });

  it('gives up after the timeout with ServiceTimeoutError', async () => {
    const started = Date.now();
    const error = await client
      .call(TenantService.method.findTenantBySlug, { slug: 'slow' }, { context, timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceTimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports no responders at once with ServiceUnavailableError', async () => {
    const started = Date.now();
    const error = await client
      .call(UserService.method.listUsers, {}, { context, timeoutMs: 5000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps two platforms on one NATS apart: each namespace answers only its own requests', async () => {
    const { Module } = await import('@nestjs/common');
    @Module({ controllers: [OtherPlatformController] })
    class OtherModule {}
    const other = await createNatsMicroservice('identity', OtherModule, { url: nats.url, namespace: 'beta' });
    await other.listen();
    const otherClient = new RpcClient({ url: nats.url, namespace: 'beta' }, 5000);
    const nobody = new RpcClient({ url: nats.url, namespace: 'gamma' }, 5000);
    await otherClient.connect();
    await nobody.connect();
    try {
      const ask = (c: RpcClient) =>
        c.call(TenantService.method.findTenantBySlug, { slug: 'echo' }, { context });
      const mine = await Promise.all(Array.from({ length: 20 }, () => ask(client)));
      const theirs = await Promise.all(Array.from({ length: 20 }, () => ask(otherClient)));
      expect(new Set(mine.map((r) => r.tenant?.slug))).toEqual(new Set(['echo']));
      expect(new Set(theirs.map((r) => r.tenant?.slug))).toEqual(new Set(['other-platform']));
      // A namespace nobody serves gets no responders, not another platform's answer.
      await expect(ask(nobody)).rejects.toBeInstanceOf(ServiceUnavailableError);
    } finally {
      await nobody.close();
      await otherClient.close();
      await other.close();
    }
  });

  it('answers the requests it has taken before it closes, and a replica beside it takes the rest', async () => {
    const { Module } = await import('@nestjs/common');
    @Module({ controllers: [FixtureController] })
    class ReplicaModule {}
    const bus = { url: nats.url, namespace: 'rolling' };
    const first = await createNatsMicroservice('identity', ReplicaModule, bus);
    await first.listen();
    const caller = new RpcClient(bus, 5000);
    await caller.connect();
    try {
      const call = (slug: string) =>
        caller.call(TenantService.method.findTenantBySlug, { slug }, { context }).then(
          (r) => r.tenant?.slug,
          (error: Error) => error.constructor.name,
        );
      // Four slow requests in the hands of the first instance, then it is told to stop.
      const taken = ['slow', 'slow', 'slow', 'slow'].map(call);
      await new Promise((r) => setTimeout(r, 200));
      const second = await createNatsMicroservice('identity', ReplicaModule, bus);
      await second.listen();
      const closing = first.close();
      const during = call('echo');
      expect(await Promise.all(taken)).toEqual(['slow', 'slow', 'slow', 'slow']);
      expect(await during).toBe('echo');
      await closing;
      expect(await call('after')).toBe('after');
      await second.close();
    } finally {
      await caller.close();
    }
  });
});
