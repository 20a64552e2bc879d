/**
 * The closed lists carried as strings in the contracts (glossary names), in one place for the
 * gateway's validation and the services' rules.
 */
export const OCCUPATIONS = ['salaried', 'retired', 'annual_salary', 'self_employed', 'farmer', 'student', 'unemployed'] as const;
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
export const TRANSFER_REQUESTED_ACTIONS = ['approve', 'send_back', 'withdraw', 'issue_letter', 'report_in', 'return_receipt', 'void', 'reissue'] as const;

/** Membership development steps (rules.md §3); the stage-changing ones end in the stage they name. */
export const DEVELOPMENT_STEP_KINDS = [
  'application_talk',
  'activist_review',
  'to_activist',
  'to_candidate',
  'to_probationary',
  'probation_extension',
  'confirmation',
] as const;

/** The stages a publicity period (公示期) announces. */
export const PUBLICITY_STAGES = ['activist', 'candidate', 'probationary', 'full'] as const;
export const OBJECTION_STATUSES = ['none', 'pending', 'sustained', 'dismissed'] as const;

export const IMPORT_KINDS = ['members', 'organisations'] as const;
/** Largest import file accepted (a 100,000-row member CSV is about 14 MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Import files cross NATS in chunks of this size, well under the server's 1 MB message limit. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;
