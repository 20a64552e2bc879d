import type {
  ListMyTransferDestinationsRequest,
  ListMyMeetingsRequest,
  ListMyThoughtReportsRequest,
  RequestMyLeaveRequest,
  SubmitMyThoughtReportRequest,
} from '@dangjian/contracts';
import { create } from '@bufbuild/protobuf';
import { GetMyHomeResponseSchema } from '@dangjian/contracts';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { TenantKeyRing } from '@dangjian/kit';
import { revealPii } from '../members/reveal-pii.js';
import { myDues } from './my-dues.js';
import { myHome } from './my-home.js';
import { MyMeetings } from './my-meetings.js';
import { findMyMember, myMember, type MyMemberRow } from './my-member.js';
import { myRecord } from './my-record.js';
import { MyThoughtReports } from './my-thought-reports.js';
import { myTransferDestinations } from './my-transfer-destinations.js';

/** The reason written to the audit log when members read their own numbers in full. */
export const SELF_VIEW_REASON = 'self-view';

/**
 * 党员e家 (issue 15): every call acts on the caller's own record in the request's tenant. Any role
 * may call (a secretary is a member too); someone without a record is told to have it linked.
 */
export class MemberSpaceUseCases {
  private readonly meetings: MyMeetings;
  private readonly reports: MyThoughtReports;

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly keyRing: TenantKeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.meetings = new MyMeetings(now);
    this.reports = new MyThoughtReports(now);
  }

  /** The home page answers everyone: without a record it says so, and the page tells them how to get it linked. */
  home() {
    return this.db.database.inRequestTenant(async (tx) => {
      const { member } = await findMyMember(tx);
      return member
        ? myHome(tx, member, this.meetings, this.now())
        : create(GetMyHomeResponseSchema, { hasRecord: false });
    });
  }

  record() {
    return this.mine(({ tx, member }) => myRecord(tx, member, this.now()));
  }

  /** The member's own ID-card number and phone in full: their right, audited like any unmasking. */
  revealPii() {
    return this.mine(async ({ tx, member, userId }) =>
      revealPii(tx, await this.keyRing.keysFor(tx, member.tenantId), member, userId, SELF_VIEW_REASON),
    );
  }

  listMeetings(request: ListMyMeetingsRequest) {
    return this.mine(({ tx, member }) =>
      this.meetings.list(tx, member, {
        ...(request.page ? { page: request.page } : {}),
        ...(request.when !== undefined ? { when: request.when } : {}),
      }),
    );
  }

  getMeeting(id: string) {
    return this.mine(({ tx, member }) => this.meetings.get(tx, member, id));
  }

  requestLeave(request: RequestMyLeaveRequest) {
    return this.mine(({ tx, member }) =>
      this.meetings.requestLeave(tx, member, request.meetingId, request.reason),
    );
  }

  listThoughtReports(request: ListMyThoughtReportsRequest) {
    return this.mine(({ tx, member }) => this.reports.list(tx, member, request.page));
  }

  submitThoughtReport(request: SubmitMyThoughtReportRequest) {
    return this.mine(({ tx, member, userId }) => this.reports.submit(tx, member, userId, request));
  }

  reportAttachment(reportId: string, id: string) {
    return this.mine(({ tx, member }) => this.reports.attachment(tx, member, reportId, id));
  }

  transferDestinations(request: ListMyTransferDestinationsRequest) {
    return this.mine(({ tx, member }) =>
      myTransferDestinations(tx, member, {
        ...(request.page ? { page: request.page } : {}),
        ...(request.query !== undefined ? { query: request.query } : {}),
      }),
    );
  }

  dues() {
    return this.mine(({ tx, member }) => myDues(tx, member, this.now()));
  }

  /** One transaction in the request's tenant, starting from the caller's own record. */
  private mine<T>(
    work: (context: { tx: OrganisationTx; member: MyMemberRow; userId: string }) => Promise<T>,
  ): Promise<T> {
    return this.db.database.inRequestTenant(async (tx) => work({ tx, ...(await myMember(tx)) }));
  }
}
