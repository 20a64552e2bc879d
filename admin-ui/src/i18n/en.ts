import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

export const en = {
  ...englishMessages,
  dj: {
    app: { title: 'Dangjian Cloud · Console', tenant: 'Tenant', language: 'Language', login_hint: 'Sign in with the platform identity', login: 'Sign in' },
    tenant_types: { enterprise: 'Enterprise', university: 'University', county: 'County' },
    tenant_statuses: { active: 'Active', suspended: 'Suspended' },
    roles: { 'tenant-admin': 'Tenant admin', secretary: 'Secretary', inspector: 'Inspector', member: 'Member' },
    modules: {
      organisation: 'Organisation', learning: 'Learning', disclosure: 'Disclosure', supervision: 'Supervision',
      'feature:dues-by-salary': 'Dues by salary', 'feature:student-pipeline': 'Student membership development', 'feature:graduation-transfers': 'Graduation transfers',
      'feature:appeals': 'Appeals', 'feature:micro-wishes': 'Micro-wishes', 'feature:grid-branches': 'Grid branches',
    },
    actions: { suspend: 'Suspend', activate: 'Activate' },
  },
  resources: {
    tenants: {
      name: 'Tenant |||| Tenants',
      fields: { slug: 'Slug', name: 'Name', type: 'Type', status: 'Status', modules: 'Modules', createdAt: 'Created', 'branding.displayName': 'Display name', 'branding.logoUrl': 'Logo URL', 'branding.primaryColour': 'Primary colour', q: 'Search' },
    },
    users: {
      name: 'Person |||| People',
      fields: { username: 'Username', displayName: 'Name', email: 'E-mail', roles: 'Roles', password: 'Initial password', createdAt: 'Joined', q: 'Search', role: 'Role' },
    },
  },
} as unknown as TranslationMessages;
