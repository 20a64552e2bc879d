import type { TenantTypeName } from '../tenants/tenant-presets.js';

/** The demo platform: what `npm start` seeds and what tests log in with. Development only. */
export const DEMO_PASSWORD = 'Passw0rd!';

export const DEMO_OPERATOR = { username: 'operator', displayName: '平台运营员' };

export const DEMO_TENANTS: readonly {
  slug: string;
  name: string;
  type: TenantTypeName;
  primaryColour: string;
  admin: { username: string; displayName: string };
  /** The tenant's discipline inspector (纪检委员), where supervision is on: the one who reads reports. */
  inspector?: { username: string; displayName: string };
}[] = [
  {
    slug: 'acme-corp',
    name: '艾克米集团党委',
    type: 'enterprise',
    primaryColour: '#c8102e',
    admin: { username: 'acme-admin', displayName: '艾克米党务管理员' },
    inspector: { username: 'acme-inspector', displayName: '艾克米纪检委员' },
  },
  {
    slug: 'east-univ',
    name: '东方大学党委',
    type: 'university',
    primaryColour: '#8b0000',
    admin: { username: 'univ-admin', displayName: '东方大学党务管理员' },
  },
  {
    slug: 'river-county',
    name: '临河县委组织部',
    type: 'county',
    primaryColour: '#b22222',
    admin: { username: 'county-admin', displayName: '临河县党务管理员' },
    inspector: { username: 'county-inspector', displayName: '临河县纪检委员' },
  },
];
