import { create } from '@bufbuild/protobuf';
import { DuesMonthRunSchema, DuesMonthRunService } from '@dangjian/contracts';
import type { ListDuesMonthRunsRequest } from '@dangjian/contracts';
import {
  dateColumn,
  isCalendarMonth,
  pageWindow,
  requireRole,
  RpcMethod,
  Validator,
  type RpcHandlers,
} from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { OrganisationDatabase } from '../db/organisation-database.js';

/** The monthly dues run's record (issue 14), newest month first: one read, so no use-case class of its own. */
@Controller()
export class DuesMonthRunsHandler implements RpcHandlers<typeof DuesMonthRunService> {
  constructor(@Inject(OrganisationDatabase) private readonly db: OrganisationDatabase) {}

  @RpcMethod(DuesMonthRunService.method.listDuesMonthRuns)
  async listDuesMonthRuns(request: ListDuesMonthRunsRequest) {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(request.month === undefined || isCalendarMonth(request.month), 'filter.month', 'not_a_month')
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const where = request.month ? { month: dateColumn(`${request.month}-01`) } : {};
      const [rows, total] = await Promise.all([
        tx.duesMonthRun.findMany({ where, orderBy: { month: 'desc' }, ...pageWindow(request.page) }),
        tx.duesMonthRun.count({ where }),
      ]);
      return {
        runs: rows.map((row) =>
          create(DuesMonthRunSchema, {
            month: row.month.toISOString().slice(0, 7),
            completedAt: row.completedAt.toISOString(),
            createdRows: row.createdRows,
            ranBy: row.ranBy,
          }),
        ),
        total,
      };
    });
  }
}
