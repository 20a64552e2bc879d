/*
 * The stable codes of everything the platform refuses (issue 12, decision 0017): every field problem
 * and every domain rule has a code here with an English sentence whose {placeholders} are its params.
 * The API sends code, params and the English text; the console says it in the user's language from its
 * own translations of these codes (a test fails when one is missing). Codes never change meaning; a new
 * refusal gets a new code.
 */
export type ProblemParams = Record<string, string | number>;

/** Field problems: what is wrong with one field of a request (400, `errors[]`). */
export const FIELD_PROBLEMS = {
  // Shape of a value
  required: 'is required',
  not_text: 'must be text',
  not_an_image:
    'must be a JPEG or PNG photo (other files cannot be cleaned of what they say about their maker)',
  too_long: 'must be at most {max} characters',
  too_short: 'must be at least {min} characters',
  length_between: 'must be {min}–{max} characters',
  not_one_of: 'must be one of {allowed}',
  not_an_id: 'must be an id',
  not_ids: 'must be a list of ids, each named once',
  too_many: 'must hold at most {max}',
  too_few: 'must hold at least {min}',
  not_a_list: 'must be a list',
  not_an_object: 'must be an object',
  not_boolean: 'must be true or false',
  not_an_integer: 'must be a whole number',
  number_between: 'must be a whole number from {min} to {max}',
  too_small: 'must be {min} or more',
  too_large: 'must be {max} or less',
  not_a_date: 'must be a date YYYY-MM-DD',
  not_a_past_date: 'must be a date YYYY-MM-DD, not in the future',
  not_a_month: 'must be a month YYYY-MM',
  month_in_future: 'must not be after the current month',
  not_a_datetime_with_zone: 'must be a date and time with its zone, e.g. 2026-12-01T14:30:00+08:00',
  not_a_year: 'must be a year from {min} to {max}',
  holiday_ranges: 'must be one or more ranges of days {first, last} within the year, first not after last',
  working_weekends: 'must be Saturdays or Sundays within the year',
  not_after_start: 'must be after {start}',
  not_an_email: 'must be an e-mail address',
  not_a_url: 'must be an http(s) URL',
  not_a_colour: 'must be a colour #rrggbb',
  not_a_clock: 'must be a time of day HH:MM',
  quiet_hours_pair: 'needs both the start and the end of the quiet hours',
  private_target: 'must not be an address inside the platform’s own network',
  not_a_host: 'must be a host name or address',
  not_a_pem_key: 'must be a PEM key',
  length_exactly: 'must be exactly {length} characters',
  not_a_media_type: 'must be a media type such as application/pdf',
  bad_format: 'is not in the expected format',
  file_size: 'must be 1 byte to {max}',
  file_name: 'must end in .csv or .xlsx',
  unknown_field: 'is not a field of this request',
  // The edge (decision 0016)
  nul_character: 'must not contain the NUL character (U+0000)',
  invalid_unicode: 'must be valid Unicode text (a lone surrogate was found)',
  too_deep: 'is nested deeper than {max} levels',
  invalid_utf8: 'is not valid UTF-8',
  empty_body: 'is empty; send a JSON document',
  invalid_json: 'is not valid JSON',
  forbidden_key: 'is not an allowed field name',
  unstorable_text: 'holds text that cannot be stored (a NUL character or invalid Unicode)',
  already_exists: 'already exists',
  // Lists
  bad_sort: 'must be ["<field>","ASC"|"DESC"] with field one of {allowed}',
  bad_range: 'must be [start, end] with 0 ≤ start ≤ end and at most {max} rows',
  bad_filter: 'must be a JSON object',
  unknown_filter: 'is not a filter of this list; known: {known}',
  bad_filter_value: 'has a value of the wrong kind',
  bad_query_param: 'must be given once, as JSON',
  // Tenants and people
  no_tenant: 'no tenant given: use the host <slug>.<base domain>, the X-Tenant header or /t/<slug>/',
  tenant_conflict: 'host, X-Tenant and /t/<slug>/ name different tenants ({named}): name one',
  unknown_tenant: 'names no tenant of the platform',
  bad_slug: 'must be 3–40 lowercase letters, digits or hyphens, starting with a letter',
  bad_username: 'must be 3–64 lowercase letters, digits, dots, hyphens or underscores',
  bad_password: 'must be 8 to 200 characters',
  taken: 'is taken; choose another',
  person_owned: 'is the person’s own: only they change it',
  roles_required: 'must hold at least one role',
  secretary_scope_required: 'must name the organisations a secretary manages',
  scope_only_for_secretaries: 'is only for secretaries',
  organisations_not_in_tenant: 'names organisations that are not in this tenant',
  // Members
  id_card_format: 'must be 18 characters: 17 digits and a digit or X',
  id_card_address: 'has no valid address code',
  id_card_birth_date: 'has no valid birth date',
  id_card_check_character: 'has a wrong check character',
  id_card_mismatch: 'does not match the ID-card number',
  phone_format: 'must be an 11-digit mobile number starting with 1',
  phone_or_landline: 'must be a mobile number or a landline with its area code',
  join_date_required: 'is required for a probationary or full member',
  not_a_member_here: 'is not a member of this organisation',
  not_on_books_here: 'is not on the books of this organisation',
  member_in_transfer: 'belongs to a member in transfer',
  member_already_here: 'the member is already on record here',
  not_full_or_probationary: 'is not a full or probationary member',
  occupation_is: 'is recorded as {occupation}',
  // Organisations and meetings
  organisation_dissolved: 'is dissolved',
  organisation_code_format: 'must be 1–40 letters, digits, hyphens or underscores',
  organisation_module_off: 'does not use the organisation module',
  own_organisation: 'is the member’s own organisation',
  same_tenant: 'is this tenant',
  meeting_kind_is: 'is a {kind}',
  meeting_closed_to_online: 'the organiser has not opened it to online attendance',
  not_mobile_member: 'you are not recorded as a mobile member',
  outside_meeting_time: 'outside the meeting time',
  sign_in_token_required: 'is needed to sign in at the meeting (scan the QR code)',
  vote_present_range: 'must be 0 up to the number eligible',
  vote_in_favour_range: 'must be 0 up to the number present',
  grades_one_third: 'more than one third of those graded are 优秀 ({excellent} of {graded})',
  only_for_party_lecture: 'is given for a party lecture only',
  not_a_held_general_meeting: 'is not a branch general meeting recorded as held',
  votes_exceed_present: 'in favour, against and abstaining add up to more than the {present} present',
  vote_on_other_step: 'is a vote on another kind of step',
  unknown_vote: 'names no recorded vote of this tenant',
  vote_of_another_member: 'is a vote on another member',
  vote_held_on: 'must be the day the meeting was held ({heldOn})',
  vote_from_meeting: 'comes from the recorded vote: leave it out',
  unknown_member: 'names no member of this tenant',
  // Dues
  no_assessment: 'has no dues assessment for {months}',
  already_paid: 'already paid: {months}',
  month_before: '{month} is before {first}',
  // Transfers
  sending_side_only: 'is the sending side’s',
  receiving_side_only: 'is the receiving side’s',
  // Exports
  too_many_rows: '{total} match; export at most {max} at a time',
  // Imports (rows of a file)
  row_required: 'required',
  no_organisation_with_code: 'no organisation with this code among yours',
  graduation_for_students: 'graduation details are recorded for student members only',
  graduation_date_required: 'required when a graduate destination or employer is given',
  open_incoming_transfer:
    'has an open transfer letter to this tenant: take the member in from the incoming transfer',
  duplicate_in_file: 'same ID-card number as row {row}',
  parent_unknown: 'no organisation with code {code}',
  // Imports (the file as a whole)
  import_stopped: 'stopped by an internal error; resume to continue from the last completed batch',
  import_unreadable: 'the file could not be read as {format}',
  import_columns_missing: 'required columns missing: {columns} (see the import template)',
  // Learning (issue 16).
  media_kind: 'is not a {kind} file (its bytes are {found})',
  chunk_index: 'must be a chunk of the upload, 0 to {max}',
  chunk_length: 'must be {length} bytes for this chunk',
  upload_incomplete: 'is an upload still missing chunks, or of another kind',
  answer_shape: 'does not fit the question ({kind})',
  draw_exceeds_bank: 'asks for {count} of {category}, which holds {available}',
  not_in_bank: 'names questions that are not in the bank',
  not_in_paper: 'is not a question of this paper',
  grade_range: 'must be 0 to {max} points',
  unknown_column: 'is not a column of the question template',
  duplicate_column: 'names a column already given',
  duplicate_question_in_file: 'the same question as row {row}',
  already_in_bank: 'the bank already holds this question',
  import_too_large: 'holds more text than one import takes: split it into smaller files',
  windows_overlap: 'overlaps another multiplier window',
  member_without_login: 'the member has no login, so has sat no exam on the platform',
  not_a_training_exam: 'is not a training exam of this tenant (one with class hours or days)',
  training_exam_not_passed: 'the member has not passed the training exam {exam}',
  from_training_exam: 'comes from the training exam: leave it out',
  training_after_decision: 'was passed on {passedOn}, after the decision',
  one_discussion_place: 'name one place: a course or an organisation',
  not_in_topic: 'is not a post of this topic',
  stale_version: 'was changed by someone else since you opened it (now version {current}): reload',
} as const;

export type FieldProblemCode = keyof typeof FIELD_PROBLEMS;

/** Domain rules: a request refused by a rule of the party's (422, `rule`), named as in rules.md. */
export const RULES = {
  // People and tenants
  'demo-password': 'the demo password is refused in production',
  'self-removal': 'a tenant admin cannot remove their own membership',
  'self-grant': 'nobody gives or changes roles of their own; ask another tenant admin',
  // Organisations (rules.md §4)
  'organisation-dissolved': 'the organisation is dissolved',
  'organisation-root': 'only a tenant admin creates or dissolves a root organisation',
  'organisation-no-cycle': 'an organisation cannot be placed inside its own subtree',
  'organisation-not-empty':
    'the organisation still has {members} members and {organisations} organisations below it: name a successor',
  'organisation-nesting': 'a {kind} cannot be placed {under}',
  'position-holder-not-member-here': 'an office holder is a member of the organisation or one below it',
  'one-secretary': 'an organisation has one secretary at a time',
  // Members and development (rules.md §3)
  'applicant-age': 'an applicant must be at least {age} on the day of applying ({appliedOn})',
  'member-in-transfer':
    'this person has an open transfer letter to this tenant: take them in from the incoming transfer',
  'member-on-record': 'a member with this ID-card number is already on record in this tenant',
  'member-active': 'the member is not active',
  'stage-order': 'this step is for a member at another stage',
  'decision-not-in-future': 'the decision date cannot be in the future',
  'decision-after-stage-start': 'the decision date is before the member entered the stage ({stageSince})',
  'applicant-minimum-time':
    'an applicant can be named an activist after {months} months, on {earliest} at the earliest',
  'sponsors-count': 'an activist has one or two sponsors',
  'sponsors-full-members': 'sponsors must be active full members',
  'activist-one-year':
    'a candidate must have been an activist for at least one year: on {earliest} at the earliest',
  'introducers-two': 'a candidate needs two introducers',
  'introducers-full-members': 'introducers must be active full members',
  'political-review-concluded':
    'no admission without a political review concluded in writing before the meeting',
  'training-hours': 'centralised training of at least {days} days or {hours} class hours is required',
  'higher-pre-review': 'the higher committee must have pre-reviewed the candidate before the meeting',
  'leaving-unit': 'a candidate who leaves the unit within 3 months is not admitted there',
  'vote-record': "the branch general meeting's vote record is required",
  'vote-quorum': 'more than half of the {eligible} voting members must be present',
  'vote-majority': 'more than half of the {eligible} voting members must vote in favour',
  'higher-approval': "the higher committee's approval date is required, between the meeting and today",
  'higher-approval-deadline':
    'the higher committee approves within {months} months of the meeting (up to 6 with a reason)',
  'publicity-required': 'a publicity period must run before this step',
  'publicity-not-ended': 'the publicity period ends on {endsOn}: decide after it',
  'publicity-objection': 'an objection raised during the publicity period is not resolved',
  'probation-start-known': 'the date the member was accepted as probationary is not recorded',
  'probation-one-year': 'the probation runs until {endsOn}: confirmation is discussed when it is over',
  'confirmation-application': "confirmation needs the member's written application, dated before the meeting",
  'one-extension': 'the probation can be extended only once',
  'oath-once': 'the member took the oath on {takenOn}: it is taken once',
  'confirmation-oath': 'a probationary member takes the oath before confirmation',
  'extension-length': 'an extension lasts 6 to 12 months',
  'publicity-already-open': 'a publicity period for this stage is already running (until {endsOn})',
  'publicity-used': 'the step this publicity period preceded is already recorded',
  'publicity-stage': 'a publicity period names the stage the member is about to enter',
  'thought-report-stage':
    'thought reports are written by applicants, activists, candidates and probationary members',
  'graduation-student-only': 'a graduation is recorded for a student member',
  // Organisational life (rules.md §4)
  'meeting-organisation-dissolved': 'a dissolved organisation holds no meetings',
  'meeting-kind-organisation':
    'group meetings are held by party groups; other meetings by branches and committees',
  'meeting-update-not-allowed':
    'a meeting that was held or cancelled keeps its details (the minutes may change)',
  'meeting-notify-not-allowed': 'only a scheduled meeting is notified',
  'meeting-hold-not-allowed': 'only a scheduled meeting is held',
  'meeting-cancel-not-allowed': 'only a scheduled meeting is cancelled',
  'meeting-cancelled': 'the meeting is cancelled',
  'vote-general-meeting': 'a vote is taken at a branch general meeting recorded as held',
  'meeting-sign-in-closed': 'the meeting takes no more sign-ins',
  'meeting-online-not-allowed': 'this meeting is attended in person',
  'meeting-online-mobile-only': 'online attendance is for mobile members',
  'meeting-online-window': 'online sign-in is open from {before} minutes before the meeting until it ends',
  'sign-in-token-expired': 'the QR code has expired: scan the one on screen now',
  'sign-in-token-invalid': 'this QR code is not for this meeting',
  'meeting-not-participant':
    'attendance is for the probationary and full members of the meeting’s organisation',
  'appraisal-meeting-kind': 'grades belong to a member appraisal meeting',
  'appraisal-not-held': 'grades are recorded once the appraisal has been held',
  'appraisal-not-participant': 'grades are for members of the appraising organisation',
  'appraisal-probationary-no-grade': 'probationary members take part in the appraisal but get no grade',
  'appraisal-excellent-cap': 'at most one third of those graded are 优秀 ({max} of {graded})',
  'withdrawal-case-closed': 'the case is already closed',
  'leave-request-closed': 'leave is asked for, and decided, while the meeting is still scheduled',
  'leave-request-decided': 'the leave request is already decided',
  'leave-after-sign-in': 'you signed in to this meeting already',
  // The member's own space (issue 15)
  'wechat-not-configured': 'WeChat messages are not offered here',
  'sms-not-configured': 'text messages are not offered here',
  'no-member-record':
    'you have no member record in this tenant: ask your branch secretary to link it to your login',
  // Dues (rules.md §1)
  'dues-base-required': 'a base-rated member needs a monthly base',
  'dues-farmer-range': 'farmers pay ¥0.2–1.0 a month',
  'dues-occupation': 'the occupation category is unknown',
  'dues-reduction-approval':
    'a reduction or exemption needs the branch decision and, after it, the higher approval',
  'dues-reduced-amount': 'a reduced amount is below the standard amount (use exempt for zero)',
  'dues-back-payment-limit': 'back payment covers at most {months} months (the earliest is {earliest})',
  // No longer raised (decision 0023: ahead only quarterly, with consent); kept for stored records.
  'dues-prepayment-limit': 'prepayment covers at most {months} months ahead',
  'dues-ahead-needs-consent':
    "dues are paid monthly: paying {month} ahead needs the branch's consent to pay quarterly",
  'dues-quarter-limit': 'a quarterly payer pays at most to the end of the quarter ({last})',
  'dues-quarterly-consent': 'quarterly payment needs the day the branch consented',
  'dues-month-future': 'a month is run once it has begun',
  'publicity-calendar-unconfirmed':
    "the publicity period's end ({endsOn}) was counted without that year's holidays: confirm it first",
  'dues-assessment-too-far-back': 'an assessment takes effect at most {months} months back',
  'dues-difference-not-open': 'the difference is already settled or replaced',
  'dues-not-owed': 'only full and probationary members pay dues',
  'dues-online-not-configured': 'dues are not taken online here: pay your branch’s treasurer',
  'dues-order-open':
    'an order for {months} is waiting for payment: pay it, or wait until it expires at {expiresAt}',
  'dues-provider-failed': 'the payment provider could not take the order now: try again later',
  'dues-before-joining': 'dues start in {first}, the month the branch meeting accepted the member',
  'dues-unassessed': 'the member has no dues assessment in force for some months',
  'dues-already-paid': 'some months are already paid',
  // Relationship transfers (rules.md §5)
  'one-open-transfer': 'the member already has an open transfer',
  'transfer-closed': 'the transfer is finished and does not change any more',
  'transfer-order': 'this action does not apply to the transfer in its present state',
  'send-back-reason': 'sending back needs a reason',
  'void-reason': 'voiding a letter needs a reason',
  'reissue-reason': 're-issuing a letter needs a reason',
  'letter-validity': 'a letter is valid for at most {months} months',
  'letter-expired': 'the letter was valid until {validUntil}',
  'letter-still-valid': 'the letter is still valid (until {validUntil})',
  'reissue-window': 'a letter is re-issued within {months} months of expiring',
  'transfer-other-tenant': 'a transfer inside this tenant is a transfer within the tenant',
  'transfer-same-organisation': 'the member already belongs to this organisation',
  'transfer-short-absence':
    'an absence of less than {months} months makes a mobile member (流动党员), not a transfer',
  'second-approver': 'the second approval comes from someone other than the first approver',
  'transfer-peer-action': 'this side of a transfer between tenants does not take this action',
  'receiving-organisation': 'say which organisation the member joins',
  'receiving-tenant':
    'the receiving tenant does not take transfers on the platform; send a printed letter (outside the platform)',
  'letter-not-issued': 'the letter is printed once it is issued',
  // Imports
  'import-file-complete': 'the file of this job is complete',
  'import-file-size': 'the chunks exceed the announced size of the file',
  'import-file-incomplete': 'the file has not arrived whole ({received} of {size} bytes)',
  'exam-not-open': 'the exam is open from {opensAt} to {closesAt}',
  'exam-attempts-used': 'all {max} attempts are used',
  'exam-retake-delay': 'the next attempt may start at {at}',
  'exam-time-up': 'the time for this attempt is up: it was handed in',
  'exam-attempt-submitted': 'this attempt is handed in already',
  'exam-not-awaiting-grading': 'this attempt is not waiting for a grader',
  'own-post-report': 'a person does not report their own post',
  'platform-course-read-only': 'this course is the platform catalogue’s: it is changed there, not here',
  'catalogue-publication': 'only courses of the platform catalogue are published, by platform operators',
  // Disclosure (rules.md §6) and the publicity periods' objections
  'publicity-closed': 'objections are taken only while the publicity period runs',
  'disclosure-state': 'this step does not apply to the item as it stands now',
  'disclosure-findings':
    'the confidentiality review found {count} things that must not be public: remove or allow each first',
  'disclosure-id-card': 'an ID-card number is never public: remove it from the text',
  'disclosure-own-item': 'nobody reviews or approves an item they proposed themselves',
  'disclosure-approver': 'this item is approved by {organisation} (its secretaries or a tenant admin)',
  'disclosure-window': 'the item’s window ends before it would be published',
  'commitment-measurable': 'every target needs a number and a unit before the commitment is published',
  'commitment-state': 'this step does not apply to the commitment as it stands now',
  'commitment-appraised': 'you have appraised this commitment already',
  'commitment-reviewer':
    'a commitment is reviewed by the organisation above it (its secretaries) or a tenant admin',
  // Supervision (rules.md §7)
  'appeal-state': 'this step does not apply to the appeal as it stands now',
  'appeal-hand-over-same': 'the appeal is already with that organisation',
  'report-state': 'this step does not apply to the report as it stands now',
  'report-attachment-order': 'the parts of an attachment must come in order, from the start',
  'ballot-state': 'this step does not apply to the ballot as it stands now',
  'ballot-empty-roll': 'the organisation has no members to vote: the roll would be empty',
  'ballot-voted': 'you have voted on this ballot already',
  'ballot-not-on-roll': 'you are not on this ballot’s roll (taken when it opened)',
  'micro-wish-state': 'this step does not apply to the wish as it stands now (or someone else claimed it)',
} as const;

export type RuleName = keyof typeof RULES;

/** Why a member record changed (its history), as codes the console says in the person's language. */
export const MEMBER_CHANGE_REASONS = {
  created: 'created',
  edited: '{reason}',
  imported: 'imported from {fileName}',
  development: 'development: {step}',
  transferred_in: 'transferred in from {from} ({letter})',
  in_transfer: 'in transfer to {to} ({letter})',
  transfer_sent_back: 'transfer sent back: {reason}',
  transfer_voided: 'transfer voided: {reason}',
  transferred: 'transferred from {from} to {to} ({letter})',
  reported_in: 'reported in at {at} ({letter})',
  merged: '{from} merged into {into}: {reason}',
} as const;
export type MemberChangeReason = keyof typeof MEMBER_CHANGE_REASONS;

function fill(template: string, params: ProblemParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] !== undefined ? String(params[name]) : whole,
  );
}

/** The English sentence of a field problem. */
export function fieldProblemText(code: FieldProblemCode, params?: ProblemParams): string {
  return fill(FIELD_PROBLEMS[code], params);
}

/** The English sentence of a broken rule. */
export function ruleText(rule: RuleName, params?: ProblemParams): string {
  return fill(RULES[rule], params);
}

export function isFieldProblemCode(code: string): code is FieldProblemCode {
  return Object.prototype.hasOwnProperty.call(FIELD_PROBLEMS, code);
}

export function isRuleName(rule: string): rule is RuleName {
  return Object.prototype.hasOwnProperty.call(RULES, rule);
}
