import { fromBinary } from '@bufbuild/protobuf';
import { MeetingAttendanceRecordedSchema } from '@dangjian/contracts';
import { DurableConsumer, type Bus } from '@dangjian/kit';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import { grantForMeeting } from './points-ledger.js';

/**
 * Meetings attended, from the organisation service's attendance records: points where the tenant has
 * them on, taken back when a record is corrected. Each event is handled once (the inbox), in its tenant.
 */
export function meetingAttendanceConsumer(bus: Bus, db: LearningDatabase) {
  return new DurableConsumer<LearningTx>({
    bus,
    sourceService: 'organisation',
    durable: 'learning-meeting-points',
    filterSubject: 'events.organisation.meeting.attendance_recorded',
    database: db.database,
    handle: async (tx, event) => {
      const record = fromBinary(MeetingAttendanceRecordedSchema, event.data);
      await grantForMeeting(
        tx,
        { tenantId: event.tenantId!, userId: record.userId },
        { meetingId: record.meetingId, heldOn: record.heldOn, present: record.present },
      );
    },
  });
}
