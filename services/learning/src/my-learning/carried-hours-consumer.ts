import { fromBinary } from '@bufbuild/protobuf';
import { MemberLoginTransferredSchema } from '@dangjian/contracts';
import { asTenantId, DurableConsumer, type Bus } from '@dangjian/kit';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';

/**
 * A member who transfers to another tenant keeps their study hours: when the organisation service
 * moves the login, the minutes earned in the sending tenant (and those carried into it before), by
 * year in China time, are written into the receiving tenant. Once per transfer (its key), in the
 * receiving tenant's transaction; the sending tenant's rows are only read.
 */
export function carriedHoursConsumer(bus: Bus, db: LearningDatabase) {
  return new DurableConsumer<LearningTx>({
    bus,
    sourceService: 'organisation',
    durable: 'learning-carried-hours',
    filterSubject: 'events.organisation.member.login_transferred',
    database: db.database,
    tenantOf: (event) => fromBinary(MemberLoginTransferredSchema, event.data).receivingTenantId,
    handle: async (tx, event) => {
      const moved = fromBinary(MemberLoginTransferredSchema, event.data);
      const earned = await db.database.inTenant(asTenantId(moved.sendingTenantId), (sending) =>
        sending.$queryRawUnsafe<{ year: number; minutes: number }[]>(
          `select year, sum(minutes)::int as minutes from (
             select extract(year from p.completed_at at time zone 'Asia/Shanghai')::int as year, l.study_minutes as minutes
               from lesson_progress p join lessons l on l.id = p.lesson_id
              where p.user_id = $1::uuid and p.completed_at is not null
             union all
             select year, minutes from carried_study_minutes where user_id = $1::uuid) earned
           group by year having sum(minutes) > 0`,
          moved.userId,
        ),
      );
      if (earned.length === 0) return;
      await tx.$executeRawUnsafe(
        `insert into carried_study_minutes (transfer_id, year, tenant_id, user_id, minutes, from_tenant_id)
         select $1::uuid, r.year, $2::uuid, $3::uuid, r.minutes, $4::uuid
           from jsonb_to_recordset($5::jsonb) as r(year int, minutes int)
         on conflict (transfer_id, year) do nothing`,
        moved.transferId,
        moved.receivingTenantId,
        moved.userId,
        moved.sendingTenantId,
        JSON.stringify(earned),
      );
    },
  });
}
