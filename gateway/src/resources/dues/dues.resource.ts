import {
  DUES_DIFFERENCE_STATES,
  DuesAssessmentSchema,
  DuesLedgerEntrySchema,
  DuesService,
  type DuesLedgerEntry,
  type DuesReportRow,
} from '@dangjian/contracts';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_ADMINS, ORGANISATION_STAFF } from '../access.js';
import {
  CreateDuesAssessmentDto,
  RecordDuesPaymentDto,
  RunDuesMonthDto,
  SettleDuesDifferenceDto,
} from './dues.dto.js';

/** 党费核定: a member's assessments, newest first; a new one supersedes from its month, history kept. */
export const DuesAssessmentsResource = bindResource({
  path: 'dues-assessments',
  tag: 'dues',
  routes: {
    list: list({
      rpc: DuesService.method.listDuesAssessments,
      summary: 'A member’s dues assessments, newest first',
      access: ORGANISATION_STAFF,
      sort: ['effectiveFrom'],
      filters: { memberId: filterOf.uuid },
      required: ['memberId'],
      items: 'assessments',
      filterExample: '{"memberId":"…"}',
    }),
    create: call({
      rpc: DuesService.method.createDuesAssessment,
      method: 'POST',
      summary: 'Assess a member’s monthly dues from a month on (reductions need both decisions)',
      access: ORGANISATION_STAFF,
      body: CreateDuesAssessmentDto,
      // The months already paid that the assessment raised became differences (补交差额): how many.
      reply: ({ assessment, differencesCreated }) => ({
        ...(assessment ? toJson(DuesAssessmentSchema, assessment) : {}),
        differencesCreated,
      }),
    }),
  },
});

/** One row per member and month: react-admin's id is both. */
const ledgerView = (entry: DuesLedgerEntry) => ({
  id: `${entry.memberId}:${entry.month}`,
  ...toJson(DuesLedgerEntrySchema, entry),
});

/** The monthly dues ledger: due, paid, outstanding per member and month; the outstanding list; the monthly run. */
export const DuesLedgerResource = bindResource({
  path: 'dues-ledger',
  tag: 'dues',
  routes: {
    list: list({
      rpc: DuesService.method.listDuesLedger,
      summary: 'The dues ledger: due, paid and outstanding per member and month, with the list’s totals',
      description:
        'The headers X-Dues-Total-Due-Fen and X-Dues-Total-Paid-Fen carry the whole filtered list’s totals (the collection rate is paid / due).',
      access: ORGANISATION_STAFF,
      sort: ['month'],
      filters: {
        withinId: filterOf.uuid,
        memberId: filterOf.uuid,
        month: filterOf.month,
        outstandingOnly: filterOf.bool,
      },
      items: 'entries',
      view: ledgerView,
      headers: (reply) => ({
        'X-Dues-Total-Due-Fen': String(reply.dueFen),
        'X-Dues-Total-Paid-Fen': String(reply.paidFen),
      }),
      filterExample: '{"withinId":"…","month":"2026-11","outstandingOnly":true}',
    }),
    // A month for a very large tenant takes a while (1 M members: see the benchmark); the run is
    // batched and safe to repeat, so a caller that gives up loses nothing.
    run: call({
      rpc: DuesService.method.runDuesMonth,
      method: 'POST',
      path: 'runs',
      status: 200,
      summary: 'Run a month’s dues for the whole tenant (safe to repeat)',
      access: ORGANISATION_ADMINS,
      body: RunDuesMonthDto,
      timeoutMs: 600_000,
    }),
  },
});

/** Dues payments: by the treasurer (offline provider) for one or more months, on behalf, with voluntary extras. */
export const DuesPaymentsResource = bindResource({
  path: 'dues-payments',
  tag: 'dues',
  routes: {
    list: list({
      rpc: DuesService.method.listDuesPayments,
      summary: 'Dues payments, newest first',
      access: ORGANISATION_STAFF,
      sort: ['paidOn'],
      filters: { memberId: filterOf.uuid, withinId: filterOf.uuid },
      items: 'payments',
      filterExample: '{"memberId":"…"}',
    }),
    create: call({
      rpc: DuesService.method.recordDuesPayment,
      method: 'POST',
      summary: 'Record a payment for one or more months (the treasurer, or a member through a provider)',
      access: { tenant: ['tenant-admin', 'secretary', 'member'], module: 'organisation' },
      body: RecordDuesPaymentDto,
      reply: 'payment',
    }),
  },
});

const reportView = (row: DuesReportRow) => {
  const [due, paid] = [Number(row.dueFen), Number(row.paidFen)];
  return {
    id: `${row.organisationId}:${row.scope}`,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    scope: row.scope,
    dueFen: due,
    paidFen: paid,
    // Basis points of the month's dues collected (10000 = all); null when nothing was due.
    collectionRateBasisPoints: due > 0 ? Math.floor((paid * 10_000) / due) : null,
    membersInArrears: row.membersInArrears,
    arrearsFen: Number(row.arrearsFen),
    collectedFen: Number(row.collectedFen),
    voluntaryFen: Number(row.voluntaryFen),
    largeVoluntaryPayments: row.largeVoluntaryPayments,
    unassessedMembers: row.unassessedMembers,
    unrunMembers: row.unrunMembers,
  };
};

/** 党费报表: a subtree's month, by the organisations directly below; the collection rate and what goes upward. */
export const DuesReportsResource = bindResource({
  path: 'dues-reports',
  tag: 'dues',
  routes: {
    list: list({
      rpc: DuesService.method.getDuesReport,
      summary: 'A subtree’s dues for a month, by the organisations directly below it, with the total',
      access: ORGANISATION_STAFF,
      sort: ['organisationName'],
      filters: { withinId: filterOf.uuid, month: filterOf.month },
      required: ['withinId', 'month'],
      items: 'rows',
      view: reportView,
      filterExample: '{"withinId":"…","month":"2026-11"}',
    }),
  },
});

/**
 * 补交差额: what a re-assessment adds to months already paid in full. The months stay paid; each
 * difference is owed on its own until the treasurer settles it, and never counts as a month without dues.
 */
export const DuesDifferencesResource = bindResource({
  path: 'dues-differences',
  tag: 'dues',
  routes: {
    list: list({
      rpc: DuesService.method.listDuesDifferences,
      summary: 'Dues differences a re-assessment created, open ones first',
      access: ORGANISATION_STAFF,
      sort: ['month'],
      filters: {
        memberId: filterOf.uuid,
        withinId: filterOf.uuid,
        state: filterOf.oneOf(DUES_DIFFERENCE_STATES),
      },
      items: 'differences',
      filterExample: '{"memberId":"…","state":"open"}',
    }),
    settle: call({
      rpc: DuesService.method.settleDuesDifference,
      method: 'POST',
      path: ':id/settle',
      status: 200,
      summary: 'Record a dues difference as paid (the treasurer)',
      access: ORGANISATION_STAFF,
      body: SettleDuesDifferenceDto,
      reply: 'difference',
    }),
  },
});
