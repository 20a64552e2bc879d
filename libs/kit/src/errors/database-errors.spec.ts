import { ErrorCode } from '@dangjian/contracts';
import { fieldOfIndex, fromDatabaseError } from './database-errors.js';

// The shapes below are what Prisma 7 with adapter-pg and a raw pg client threw here (issue 11).
const prismaUnique = {
  code: 'P2002',
  meta: {
    modelName: 'Person',
    driverAdapterError: {
      name: 'DriverAdapterError',
      cause: {
        originalCode: '23505',
        kind: 'UniqueConstraintViolation',
        constraint: { index: 'people_username_key' },
        table: 'people',
      },
    },
  },
};
const prismaRawUnique = {
  code: 'P2010',
  meta: {
    driverAdapterError: {
      cause: {
        originalCode: '23505',
        constraint: { index: 'organisations_tenant_id_code_key' },
        table: 'organisations',
      },
    },
  },
};
const prismaNul = {
  code: 'P2039',
  meta: { driverAdapterError: { cause: { originalCode: '22021', code: '22021', kind: 'postgres' } } },
};
const pgUnique = Object.assign(new Error('duplicate key'), {
  code: '23505',
  constraint: 'people_username_key',
  table: 'people',
});

describe('database refusals that are the caller’s doing', () => {
  it.each([
    ['Prisma P2002', prismaUnique, 'username'],
    ['Prisma raw query P2010', prismaRawUnique, 'code'],
    ['pg 23505', pgUnique, 'username'],
  ])('maps a unique violation (%s) to a conflict naming the field', (_name, error, field) => {
    const mapped = fromDatabaseError(error);
    expect(mapped?.code).toBe(ErrorCode.CONFLICT);
    expect(mapped?.violations).toEqual([{ field, code: 'already_exists', description: 'already exists' }]);
  });

  it('maps text Postgres cannot store to a validation error', () => {
    expect(fromDatabaseError(prismaNul)?.code).toBe(ErrorCode.VALIDATION);
  });

  it.each([
    [
      'Prisma, the server refused',
      { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } },
    ],
    [
      'Prisma, the connection closed',
      { meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } } },
    ],
    [
      'Prisma, an administrator shut it down',
      { meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01' } } } },
    ],
    ['Prisma, no connection in time', { code: 'P2024' }],
    ['pg, the server starting', { code: '57P03', message: 'the database system is starting up' }],
    ['pg, a connection failure', { code: '08006', message: 'connection failure' }],
    ['pg, the connection lost', new Error('Connection terminated unexpectedly')],
  ])('maps the database away (%s) to unavailable, an outage (503)', (_name, error) => {
    expect(fromDatabaseError(error)?.code).toBe(ErrorCode.UNAVAILABLE);
  });

  it('leaves every other error alone', () => {
    expect(fromDatabaseError(new Error('connection refused'))).toBeUndefined();
    expect(fromDatabaseError({ code: 'P2025' })).toBeUndefined();
    // A refused connection to something else (a mail relay) is not the database's.
    expect(fromDatabaseError({ code: 'ECONNREFUSED', syscall: 'connect', errno: -111 })).toBeUndefined();
    expect(fromDatabaseError(null)).toBeUndefined();
  });

  it('names fields from index names', () => {
    expect(fieldOfIndex('members_tenant_id_id_card_hash_key', 'members')).toBe('idCardHash');
    expect(fieldOfIndex('weird"name', 'x')).toBe('');
  });
});
