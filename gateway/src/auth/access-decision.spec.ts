import { ErrorCode } from '@dangjian/contracts';
import type { DomainError } from '@dangjian/kit';
import { decideAccess, type TenantAccess } from './access-decision.js';
import type { RouteAccess } from './access.decorators.js';
import type { VerifiedToken } from './token-verifier.js';

const member: VerifiedToken = {
  subject: 'u1',
  username: 'a',
  displayName: '',
  realmRoles: [],
  organizations: ['acme-corp'],
};
const operator: VerifiedToken = {
  subject: 'op',
  username: 'operator',
  displayName: '',
  realmRoles: ['platform-operator'],
  organizations: [],
};
const acme: TenantAccess = {
  tenantId: 't1',
  slug: 'acme-corp',
  suspended: false,
  modules: ['organisation'],
  member: true,
  roles: ['secretary'],
  organisationScope: [],
};
const secretaryRoute: RouteAccess = { kind: 'tenant', roles: ['secretary', 'tenant-admin'] };

function refusal(fn: () => unknown): ErrorCode | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('decideAccess', () => {
  it.each<[string, RouteAccess, VerifiedToken, TenantAccess | undefined, ErrorCode | undefined]>([
    ['a member with the role', secretaryRoute, member, acme, undefined],
    [
      'a member without the role',
      { kind: 'tenant', roles: ['tenant-admin'] },
      member,
      acme,
      ErrorCode.FORBIDDEN,
    ],
    [
      'a token not naming the tenant',
      secretaryRoute,
      { ...member, organizations: ['east-univ'] },
      acme,
      ErrorCode.FORBIDDEN,
    ],
    [
      'a token naming it but no membership any more',
      secretaryRoute,
      member,
      { ...acme, member: false, roles: [] },
      ErrorCode.FORBIDDEN,
    ],
    [
      'a suspended tenant, even for an operator',
      secretaryRoute,
      operator,
      { ...acme, suspended: true },
      ErrorCode.FORBIDDEN,
    ],
    [
      'a module the tenant has not enabled',
      { kind: 'tenant', roles: ['secretary'], module: 'supervision' },
      member,
      acme,
      ErrorCode.NOT_FOUND,
    ],
    [
      'a module the tenant has enabled',
      { kind: 'tenant', roles: ['secretary'], module: 'organisation' },
      member,
      acme,
      undefined,
    ],
    ['no tenant given', secretaryRoute, member, undefined, ErrorCode.VALIDATION],
    ['an operator in any tenant', secretaryRoute, operator, { ...acme, member: false, roles: [] }, undefined],
    ['a platform route for an operator', { kind: 'platform' }, operator, undefined, undefined],
    [
      'a platform route for a tenant admin',
      { kind: 'platform' },
      { ...member, realmRoles: ['tenant-admin'] },
      undefined,
      ErrorCode.FORBIDDEN,
    ],
    ['an authenticated route', { kind: 'authenticated' }, member, undefined, undefined],
  ])('%s', (_name, access, token, tenant, expected) => {
    expect(refusal(() => decideAccess(access, token, tenant))).toBe(expected);
  });

  it('passes on the roles the identity service holds, not the token', () => {
    expect(decideAccess(secretaryRoute, member, acme)).toEqual({ roles: ['secretary'] });
  });
});
