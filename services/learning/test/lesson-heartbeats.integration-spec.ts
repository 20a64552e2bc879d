import { asTenantId } from '@dangjian/kit';
import { testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { LearningDatabase } from '../src/db/learning-database.js';
import { recordHeartbeat } from '../src/my-learning/lesson-heartbeats.js';

/*
 * Issue 16, the server's crediting of study time on a clock the test sets, so no test waits for real
 * gaps: only active beats of one session within the limit credit; a gap past it, an idle stretch and
 * a new session credit nothing; the lesson is studied when the credited time reaches its dwell.
 */
const urls = testPlatform().databases['learning']!;
const MAX_GAP = 30;

describe('lesson heartbeats on a set clock', () => {
  const db = new LearningDatabase(urls.app);
  const admin = new pg.Client({ connectionString: urls.admin });
  const tenantId = asTenantId(randomUUID());
  const lesson = { id: randomUUID(), courseId: randomUUID(), minDwellSeconds: 60 };
  const userId = randomUUID();
  const start = Date.parse('2026-12-01T02:00:00Z');
  const beat = (second: number, sessionId: string, active = true) =>
    db.database.inTenant(tenantId, (tx) =>
      recordHeartbeat(
        tx,
        { tenantId, userId, lesson, sessionId, active },
        MAX_GAP,
        new Date(start + second * 1000),
      ),
    );

  beforeAll(async () => {
    await admin.connect();
    await admin.query(
      `insert into courses (id, tenant_id, name, created_by) values ($1, $2, '时钟课程', 'test')`,
      [lesson.courseId, tenantId],
    );
    await admin.query(
      `insert into lessons (id, tenant_id, course_id, position, kind, title, created_by, min_dwell_seconds)
       values ($1, $2, $3, 1, 'article', '时钟课时', 'test', $4)`,
      [lesson.id, tenantId, lesson.courseId, lesson.minDwellSeconds],
    );
  });
  afterAll(async () => {
    await admin.end();
    await db.close();
  });

  it('credits active beats within the limit only, and studies the lesson at its dwell', async () => {
    expect((await beat(0, 'phone-1')).credited).toBe(0);
    expect((await beat(15, 'phone-1')).credited).toBe(15);
    // Idle since the last beat: nothing.
    expect((await beat(30, 'phone-1', false)).credited).toBe(0);
    expect((await beat(45, 'phone-1')).credited).toBe(15);
    // The tab slept: a gap past the limit credits nothing, and the next close beat counts again.
    expect((await beat(45 + MAX_GAP + 1, 'phone-1')).credited).toBe(0);
    expect((await beat(45 + MAX_GAP + 21, 'phone-1')).credited).toBe(20);
    // Another device's session starts afresh: its first beat credits nothing.
    const other = await beat(45 + MAX_GAP + 31, 'laptop-2');
    expect(other.credited).toBe(0);
    expect(other.row.completedAt).toBeNull();
    const done = await beat(45 + MAX_GAP + 41, 'laptop-2');
    expect(done.credited).toBe(10);
    expect(done.row.dwellSeconds).toBe(60);
    expect(done.row.completedAt?.toISOString()).toBe(
      new Date(start + (45 + MAX_GAP + 41) * 1000).toISOString(),
    );
  });
});
