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
    actions: { suspend: 'Suspend', activate: 'Activate', add_child: 'Add below' },
    organisation_kinds: { committee: 'Committee', general_branch: 'General branch', branch: 'Branch', group: 'Group' },
    grid_labels: { community: 'Community grid', industry: 'Industry grid', building: 'Building grid' },
    stages: { applicant: 'Applicant', activist: 'Activist', candidate: 'Candidate', probationary: 'Probationary', full: 'Full member' },
    member_statuses: { active: 'Active', in_transfer: 'In transfer', suspended: 'Suspended', removed: 'Removed' },
    occupations: { salaried: 'Salaried', retired: 'Retired', annual_salary: 'Annual salary', self_employed: 'Self-employed', farmer: 'Farmer', student: 'Student', unemployed: 'Unemployed / relief' },
    members: { unmask: 'Show full numbers', reason: 'Reason (recorded)', history: 'History', phone_hint: 'leave empty to keep' },
    formation_warnings: {
      'fewer-than-3-full-members': 'Fewer than 3 full members: a joint branch?',
      'committee-needed-at-7-full-members': '7+ full members: a branch committee is due',
      'general-branch-suggested-at-50-members': '50+ members: a general branch?',
      'committee-suggested-at-100-members': '100+ members: a grassroots committee?',
    },
    organisation: { children: '%{smart_count} organisation below |||| %{smart_count} organisations below', members: '%{smart_count} member |||| %{smart_count} members', move_hint: 'A new parent moves the whole subtree' },
  },
  resources: {
    tenants: {
      name: 'Tenant |||| Tenants',
      fields: { slug: 'Slug', name: 'Name', type: 'Type', status: 'Status', modules: 'Modules', createdAt: 'Created', 'branding.displayName': 'Display name', 'branding.logoUrl': 'Logo URL', 'branding.primaryColour': 'Primary colour', q: 'Search' },
    },
    organisations: {
      name: 'Organisation |||| Organisations',
      fields: { name: 'Name', code: 'Code', kind: 'Kind', parentId: 'Parent', gridLabel: 'Grid', joint: 'Joint branch', contact: 'Contact', foundedOn: 'Founded', q: 'Search' },
    },
    members: {
      name: 'Member |||| Members',
      fields: {
        name: 'Name', organisationId: 'Organisation', developmentStage: 'Stage', idCardNumberMasked: 'ID-card number', phoneMasked: 'Phone', status: 'Status',
        gender: 'Gender', ethnicity: 'Ethnicity', birthDate: 'Born', education: 'Education', occupation: 'Occupation', joinedOn: 'Joined', confirmedOn: 'Confirmed',
        mobile: 'Mobile member', idCardNumber: 'ID-card number', phone: 'Phone', workUnit: 'Work unit', address: 'Address', reason: 'Reason for the change', q: 'Search',
      },
    },
    users: {
      name: 'Person |||| People',
      fields: { username: 'Username', displayName: 'Name', email: 'E-mail', roles: 'Roles', password: 'Initial password', createdAt: 'Joined', q: 'Search', role: 'Role' },
    },
  },
} as unknown as TranslationMessages;
