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
    member_statuses: { active: 'Active', in_transfer: 'In transfer', transferred_out: 'Transferred out', suspended: 'Suspended', removed: 'Removed' },
    occupations: { salaried: 'Salaried', retired: 'Retired', annual_salary: 'Annual salary', self_employed: 'Self-employed', farmer: 'Farmer', student: 'Student', unemployed: 'Unemployed / relief' },
    members: { reasons: { created: 'Record created', development: 'Development: %{step}' }, unmask: 'Show full numbers', reason: 'Reason (recorded)', history: 'History', phone_hint: 'leave empty to keep', export: 'Export', stage_since_hint: 'for an applicant: the date of the written application' },
    steps: { application_talk: 'Application talk', activist_review: 'Activist review', to_activist: 'Name as activist', to_candidate: 'Name as candidate', to_probationary: 'Accept as probationary', probation_extension: 'Extend probation', confirmation: 'Confirm as full member' },
    objections: { none: 'No objection', pending: 'Objection pending', sustained: 'Objection sustained', dismissed: 'Objection dismissed' },
    genders: { male: 'Male', female: 'Female' },
    age_bands: { '30_or_under': '30 or under', '31_40': '31–40', '41_50': '41–50', '51_60': '51–60', '61_or_over': '61 or over' },
    overdue_steps: { application_talk: 'Talk overdue', activist_review: 'Review overdue', confirmation: 'Confirmation overdue' },
    rules: {
      'stage-order': 'Wrong stage for this step', 'member-active': 'Membership not active', 'decision-not-in-future': 'Decision date in the future', 'decision-after-stage-start': 'Decision before the stage began',
      'applicant-minimum-time': 'Not long enough as applicant', 'sponsors-count': 'One or two sponsors needed', 'sponsors-full-members': 'Sponsors must be full members',
      'activist-one-year': 'Less than a year as activist', 'introducers-two': 'Two introducers needed', 'introducers-full-members': 'Introducers must be full members',
      'political-review-concluded': 'Political review not concluded', 'training-hours': 'Training under 3 days / 24 hours', 'higher-pre-review': 'No higher pre-review', 'leaving-unit': 'Leaving the unit within 3 months',
      'vote-record': 'No vote record', 'vote-quorum': 'No quorum', 'vote-majority': 'No majority in favour',
      'higher-approval': 'Higher approval missing', 'higher-approval-deadline': 'Higher approval too late', 'publicity-required': 'No publicity period', 'publicity-not-ended': 'Publicity not over',
      'publicity-objection': 'Objection not settled', 'probation-start-known': 'Acceptance date missing', 'probation-one-year': 'Probation not over', 'confirmation-application': 'No written application', 'one-extension': 'Already extended once', 'extension-length': 'Extension must be 6–12 months',
    },
    development: { record_objection: 'Record objection', thought_reports: 'Thought reports', add_thought_report: 'Add thought report', timeline: 'Development timeline', publicity: 'Publicity', record: 'Record a step', open_publicity: 'Open publicity', check: 'Check rules', allowed: 'All rules met', none: 'None yet' },
    import: {
      title: 'Import', kind: 'Import', kinds: { members: 'Members', organisations: 'Organisations' }, template: 'Download template', file: 'Choose file', start: 'Start import', progress: 'Progress',
      summary: '%{done}/%{total} rows: %{created} new, %{skipped} already on record, %{failed} with errors', errors: 'Errors',
      statuses: { receiving: 'Uploading', queued: 'Queued', running: 'Importing', completed: 'Completed', failed: 'File refused', stopped: 'Stopped (resumable)' },
    },
    statistics: { title: 'Statistics', organisation: 'Organisation', members: 'Members', summary: '%{members} members · %{organisations} organisations · %{warnings} branches with formation warnings', by_stage: 'Stage', by_gender: 'Gender', by_age_band: 'Age', by_occupation: 'Occupation', by_education: 'Education', by_ethnicity: 'Ethnicity', overdue_steps: 'Overdue development steps' },
    settings: { title: 'Organisation settings', cadence_hint: 'Thought-report cadence in months (default quarterly)', applicant_hint: 'Minimum months from application to activist (default 6)', publicity_hint: 'Publicity period in working days (default 5)' },
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
        stageSince: 'In stage since', name: 'Name', organisationId: 'Organisation', developmentStage: 'Stage', idCardNumberMasked: 'ID-card number', phoneMasked: 'Phone', status: 'Status',
        gender: 'Gender', ethnicity: 'Ethnicity', birthDate: 'Born', education: 'Education', occupation: 'Occupation', joinedOn: 'Joined', confirmedOn: 'Confirmed',
        mobile: 'Mobile member', idCardNumber: 'ID-card number', phone: 'Phone', workUnit: 'Work unit', address: 'Address', reason: 'Reason for the change', q: 'Search',
      },
    },
    development: {
      name: 'Development step |||| Development steps',
      fields: { kind: 'Step', decidedOn: 'Date', toStage: 'Stage after', note: 'Note', sponsorIds: 'Sponsors', introducerIds: 'Introducers', trainingHours: 'Training hours', trainingDays: 'Training days', politicalReviewConcludedOn: 'Political review concluded', preReviewedOn: 'Higher pre-review', leavingUnitSoon: 'Leaves the unit within 3 months', 'vote.eligible': 'Voting members', 'vote.present': 'Present', 'vote.inFavour': 'In favour', higherApprovedOn: 'Higher approval', lateApprovalReason: 'Reason for approval after 3 months', appliedOn: 'Written application', extensionMonths: 'Extension (months)' },
    },
    'thought-reports': { name: 'Thought report |||| Thought reports', fields: { submittedOn: 'Submitted', title: 'Title', content: 'Content' } },
    'publicity-periods': { name: 'Publicity |||| Publicity', fields: { stage: 'For', startsOn: 'Starts', endsOn: 'Ends', objectionStatus: 'Objection', objectionNote: 'What was raised and found' } },
    'import-job-errors': { name: 'Error |||| Errors', fields: { rowNumber: 'Row', column: 'Column', reason: 'Reason' } },
    'organisation-settings': { name: 'Organisation settings', fields: { thoughtReportCadenceMonths: 'Thought-report cadence (months)', minApplicantMonths: 'Minimum months as applicant', publicityWorkingDays: 'Publicity (working days)' } },
    users: {
      name: 'Person |||| People',
      fields: { username: 'Username', displayName: 'Name', email: 'E-mail', roles: 'Roles', password: 'Initial password', createdAt: 'Joined', q: 'Search', role: 'Role' },
    },
  },
} as unknown as TranslationMessages;
