/**
 * The closed lists carried as strings in the contracts (glossary names), in one place for the
 * gateway's validation and the services' rules.
 */
export const OCCUPATIONS = [
  'salaried',
  'retired',
  'annual_salary',
  'self_employed',
  'farmer',
  'student',
  'unemployed',
] as const;
export const DEVELOPMENT_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export const MEMBER_STATUSES = ['active', 'in_transfer', 'transferred_out', 'suspended', 'removed'] as const;

/** Relationship transfers (rules.md §5): where a member goes, the states, and what people do to one. */
export const TRANSFER_DESTINATIONS = ['within_tenant', 'other_tenant', 'outside_platform'] as const;
export const TRANSFER_STATES = [
  'applied',
  'first_approved',
  'approved',
  'letter_issued',
  'reported_in',
  'receipt_returned',
  'sent_back',
  'withdrawn',
  'voided',
  'expired',
] as const;
/** What a person does to a transfer; `expire` is the clock's move, never requested. */
export const TRANSFER_REQUESTED_ACTIONS = [
  'approve',
  'send_back',
  'withdraw',
  'issue_letter',
  'report_in',
  'return_receipt',
  'void',
  'reissue',
] as const;

/** Membership development steps (rules.md §3); the stage-changing ones end in the stage they name. */
export const DEVELOPMENT_STEP_KINDS = [
  'application_talk',
  'activist_review',
  'to_activist',
  'to_candidate',
  'to_probationary',
  'oath',
  'probation_extension',
  'confirmation',
] as const;

/** The stages a publicity period (公示期) announces. */
export const PUBLICITY_STAGES = ['activist', 'candidate', 'probationary', 'full'] as const;
export const OBJECTION_STATUSES = ['none', 'pending', 'sustained', 'dismissed'] as const;

export const IMPORT_KINDS = ['members', 'organisations'] as const;
/** Largest import file accepted (a 100,000-row member CSV is about 14 MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Questions in one imported file (its rows travel to the learning service in one message). */
export const MAX_QUESTION_IMPORT_ROWS = 1000;
/** Import files cross NATS in chunks of this size, well under the server's 1 MB message limit. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;

/** Organisational life (rules.md §4): 三会一课 and the other regular meetings. */
export const MEETING_KINDS = [
  'branch_general_meeting',
  'branch_committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'organisational_life_meeting',
  'member_appraisal',
] as const;
export const MEETING_STATES = ['scheduled', 'held', 'cancelled'] as const;
/** What an organiser does to a meeting. */
export const MEETING_ACTIONS = ['notify', 'hold', 'cancel'] as const;
/** excused: 请假, absent with a valid reason. */
export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export const ATTENDANCE_MODES = ['in_person', 'online', 'recorded'] as const;
/** 民主评议党员 grades: 优秀 / 合格 / 基本合格 / 不合格. */
export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
/** How meeting compliance stands for one period: met, missed (ended without one), due (running), upcoming. */
export const COMPLIANCE_STATUSES = ['met', 'missed', 'due', 'upcoming'] as const;

/** Self-withdrawal (rules.md §2): cases the monthly check opens; the branch closes them. */
export const WITHDRAWAL_CASE_STATES = ['warning', 'open', 'closed'] as const;
/** `resumed` is also the check's own closing of a warning once dues or life resume. */
/** 补交差额 (issue 14): open until settled; superseded when a later re-assessment of the month replaces it. */
export const DUES_DIFFERENCE_STATES = ['open', 'settled', 'superseded'] as const;

/** Where a graduating student member goes (rules.md §5). */
export const GRADUATE_DESTINATIONS = ['employed', 'further_study', 'unemployed', 'unknown'] as const;

export const WITHDRAWAL_RESOLUTIONS = ['resumed', 'valid_reason', 'removed_by_branch'] as const;
/** Months without dues or organisational life after which the member is regarded as having left (党章; rules.md §2). */
export const WITHDRAWAL_CASE_MONTHS = 6;
/** Largest meeting attachment (scanned minutes, photos): one NATS message, under the 1 MB limit. */
export const MAX_MEETING_ATTACHMENT_BYTES = 700 * 1024;
/** A thought report's files, all together (one NATS message), and how many; scans and photos only. */
export const MAX_REPORT_ATTACHMENTS_BYTES = 700 * 1024;
export const MAX_REPORT_ATTACHMENTS = 3;
export const REPORT_ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * The platform catalogue (issue 16, decision 0031): a tenant of its own, where platform operators
 * author courses once; a course published there is read by every tenant with learning.
 */
export const PLATFORM_CATALOGUE = {
  tenantId: '00000000-0000-0000-0000-000000000000',
  slug: 'platform-catalogue',
} as const;

/**
 * A report's photos (issue 18): how many, how large, and the part each way on the bus (whose limit is
 * 1 MB a message). The gateway and the supervision service hold a photo to the same numbers.
 */
export const MAX_REPORT_PHOTOS = 3;
export const MAX_REPORT_PHOTO_BYTES = 5 * 1024 * 1024;
export const REPORT_PHOTO_PART_BYTES = 512 * 1024;
