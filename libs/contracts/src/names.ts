import { InvitationStatus } from './gen/dangjian/identity/v1/invitations_pb.js';
import { TenantStatus, TenantType } from './gen/dangjian/identity/v1/tenants_pb.js';
import { GridLabel, OrganisationKind } from './gen/dangjian/organisation/v1/organisations_pb.js';
import { PositionKind } from './gen/dangjian/organisation/v1/positions_pb.js';

/**
 * The one mapping between proto enum values and the names used in REST, the database and the
 * console (glossary names). The gateway and the services both use these.
 */
export interface EnumNames<E extends number, N extends string> {
  readonly names: readonly N[];
  /** Any value of the enum; undefined for UNSPECIFIED and unknown values. */
  nameOf(value: number): N | undefined;
  valueOf(name: string): E | undefined;
}

function enumNames<E extends number, N extends string>(pairs: readonly (readonly [E, N])[]): EnumNames<E, N> {
  const byValue = new Map<number, N>(pairs.map(([value, name]) => [value, name]));
  const byName = new Map<string, E>(pairs.map(([value, name]) => [name, value]));
  return {
    names: pairs.map(([, name]) => name),
    nameOf: (value) => byValue.get(value),
    valueOf: (name) => byName.get(name),
  };
}

export const TENANT_TYPE = enumNames([
  [TenantType.ENTERPRISE, 'enterprise'],
  [TenantType.UNIVERSITY, 'university'],
  [TenantType.COUNTY, 'county'],
] as const);

export const TENANT_STATUS = enumNames([
  [TenantStatus.ACTIVE, 'active'],
  [TenantStatus.SUSPENDED, 'suspended'],
] as const);

export const ORGANISATION_KIND = enumNames([
  [OrganisationKind.COMMITTEE, 'committee'],
  [OrganisationKind.GENERAL_BRANCH, 'general_branch'],
  [OrganisationKind.BRANCH, 'branch'],
  [OrganisationKind.GROUP, 'group'],
] as const);

/** '' is "no grid" (UNSPECIFIED). */
export const GRID_LABEL = enumNames([
  [GridLabel.UNSPECIFIED, ''],
  [GridLabel.COMMUNITY, 'community'],
  [GridLabel.INDUSTRY, 'industry'],
  [GridLabel.BUILDING, 'building'],
] as const);

export const POSITION_KIND = enumNames([
  [PositionKind.SECRETARY, 'secretary'],
  [PositionKind.DEPUTY_SECRETARY, 'deputy_secretary'],
  [PositionKind.COMMITTEE_MEMBER, 'committee_member'],
] as const);

export const INVITATION_STATUS = enumNames([
  [InvitationStatus.PENDING, 'pending'],
  [InvitationStatus.ACCEPTED, 'accepted'],
  [InvitationStatus.REVOKED, 'revoked'],
  [InvitationStatus.EXPIRED, 'expired'],
] as const);

const BY_ENUM: Record<string, EnumNames<number, string>> = {
  'dangjian.identity.v1.TenantType': TENANT_TYPE,
  'dangjian.identity.v1.TenantStatus': TENANT_STATUS,
  'dangjian.identity.v1.InvitationStatus': INVITATION_STATUS,
  'dangjian.organisation.v1.OrganisationKind': ORGANISATION_KIND,
  'dangjian.organisation.v1.GridLabel': GRID_LABEL,
  'dangjian.organisation.v1.PositionKind': POSITION_KIND,
};

/** The names of a proto enum (by its full name) as REST and the console say them. */
export function enumNamesOf(typeName: string): EnumNames<number, string> | undefined {
  return BY_ENUM[typeName];
}
