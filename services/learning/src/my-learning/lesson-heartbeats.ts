import { create } from '@bufbuild/protobuf';
import { LessonProgressSchema, type LessonProgress } from '@dangjian/contracts';
import type { LearningTx } from '../db/learning-database.js';
import type { LessonProgress as ProgressRow } from '../generated/prisma/client.js';

export function progressMessage(row: ProgressRow): LessonProgress {
  return create(LessonProgressSchema, {
    lessonId: row.lessonId,
    positionSeconds: row.positionSeconds,
    dwellSeconds: row.dwellSeconds,
    studied: row.completedAt !== null,
    completedAt: row.completedAt?.toISOString() ?? '',
  });
}

/**
 * One heartbeat of a person on a lesson (issue 16). The server, not the page, decides what counts:
 * a beat credits the time since the previous beat of the same session, and only when the person was
 * active and the previous beat came within `maxGapSeconds` — a sleeping tab, a closed lid or a new
 * page credits nothing, so leaving a lesson open earns nothing. The lesson is studied once the
 * credited time reaches its minimum dwell; a media position is kept to resume on any device.
 */
export async function recordHeartbeat(
  tx: LearningTx,
  beat: {
    tenantId: string;
    userId: string;
    lesson: { id: string; courseId: string; minDwellSeconds: number };
    sessionId: string;
    active: boolean;
    positionSeconds?: number | undefined;
  },
  maxGapSeconds: number,
  now = new Date(),
): Promise<{ row: ProgressRow; credited: number }> {
  const key = { lessonId_userId: { lessonId: beat.lesson.id, userId: beat.userId } };
  await tx.lessonProgress.upsert({
    where: key,
    create: {
      tenantId: beat.tenantId,
      lessonId: beat.lesson.id,
      courseId: beat.lesson.courseId,
      userId: beat.userId,
    },
    update: {},
  });
  // Two tabs beating at once take turns, so time is credited once.
  await tx.$queryRawUnsafe(
    'select 1 from lesson_progress where lesson_id = $1::uuid and user_id = $2::uuid for update',
    beat.lesson.id,
    beat.userId,
  );
  const row = await tx.lessonProgress.findUniqueOrThrow({ where: key });
  const gap = row.lastBeatAt ? (now.getTime() - row.lastBeatAt.getTime()) / 1000 : Infinity;
  const credited =
    beat.active && row.sessionId === beat.sessionId && gap >= 0 && gap <= maxGapSeconds ? gap : 0;
  const dwell = row.dwellSeconds + credited;
  const updated = await tx.lessonProgress.update({
    where: key,
    data: {
      dwellSeconds: dwell,
      sessionId: beat.sessionId,
      lastBeatAt: now,
      ...(beat.positionSeconds !== undefined ? { positionSeconds: beat.positionSeconds } : {}),
      ...(row.completedAt === null && dwell >= beat.lesson.minDwellSeconds ? { completedAt: now } : {}),
    },
  });
  return { row: updated, credited };
}
