import { asTenantId } from '@dangjian/kit';
import { testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { LearningDatabase } from '../src/db/learning-database.js';
import { grantForExamPassed, grantForStudy } from '../src/points/points-ledger.js';
import { DEFAULT_RULES } from '../src/points/points-rules.js';

/*
 * Issue 16, learning points against the real database: time earns per block of minutes up to the daily
 * cap, a lesson once past its dwell, an exam once however often passed, a window multiplies, and two
 * devices studying at once never break the cap. Nothing is granted while the tenant has points off.
 */
const urls = testPlatform().databases['learning']!;
const NOON = new Date('2026-12-01T04:00:00Z'); // 12:00 China time, 2026-12-01

describe('the points ledger', () => {
  const db = new LearningDatabase(urls.app);
  const admin = new pg.Client({ connectionString: urls.admin });
  const tenantId = asTenantId(randomUUID());
  const who = { tenantId, userId: randomUUID() };
  const saveTable = async (version: number, enabled: boolean, windows: object[] = []) =>
    admin.query(
      `insert into points_rule_tables (tenant_id, version, enabled, ranking_enabled, rules, windows, created_by)
       values ($1, $2, $3, false, $4, $5, 'test')`,
      [tenantId, version, enabled, JSON.stringify(DEFAULT_RULES), JSON.stringify(windows)],
    );
  const awards = async (userId = who.userId) =>
    (
      await admin.query<{ action: string; points: number; source: string; rule_version: number }>(
        `select action, points, source, rule_version from points_awards where tenant_id = $1 and user_id = $2
          order by action, source`,
        [tenantId, userId],
      )
    ).rows;
  const study = (
    userId: string,
    lessonKind: string,
    credited: number,
    dwellBefore: number,
    lessonId = randomUUID(),
  ) =>
    db.database.inTenant(tenantId, (tx) =>
      grantForStudy(
        tx,
        { tenantId, userId },
        { lessonId, lessonKind, credited, dwellBefore, dwellAfter: dwellBefore + credited },
        NOON,
      ),
    );

  beforeAll(async () => {
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.close();
  });

  it('grants nothing while the tenant has points off (the default)', async () => {
    await study(who.userId, 'article', 600, 0);
    await db.database.inTenant(tenantId, (tx) => grantForExamPassed(tx, who, randomUUID(), NOON));
    expect(await awards()).toEqual([]);
    await saveTable(1, false);
    await study(who.userId, 'article', 600, 0);
    expect(await awards()).toEqual([]);
  });

  it('grants per block of minutes up to the cap, a lesson once past its dwell, an exam once', async () => {
    await saveTable(2, true);
    const lesson = randomUUID();
    // 3 minutes of reading: no 4-minute block yet; the lesson passed its 60 s dwell: 1 point.
    await study(who.userId, 'article', 180, 0, lesson);
    expect(await awards()).toEqual([{ action: 'lesson_read', points: 1, source: lesson, rule_version: 2 }]);
    // Another 10 minutes on the same lesson: two 4-minute blocks (13 min in all → 3 blocks), no second lesson point.
    await study(who.userId, 'article', 600, 180, lesson);
    const reading = (await awards()).filter((a) => a.action === 'reading_time');
    expect(reading.map((a) => a.source)).toEqual(['2026-12-01#1', '2026-12-01#2', '2026-12-01#3']);
    // An hour more: capped at 8 points of reading time a day.
    await study(who.userId, 'article', 3600, 780, lesson);
    expect((await awards()).filter((a) => a.action === 'reading_time')).toHaveLength(8);
    // Watching is its own action and time.
    await study(who.userId, 'video', 330, 0);
    expect((await awards()).filter((a) => a.action === 'watching_time')).toHaveLength(1);
    expect((await awards()).filter((a) => a.action === 'lesson_watched')).toHaveLength(1);

    const exam = randomUUID();
    for (let i = 0; i < 3; i++)
      await db.database.inTenant(tenantId, (tx) => grantForExamPassed(tx, who, exam, NOON));
    expect((await awards()).filter((a) => a.action === 'exam_passed')).toEqual([
      { action: 'exam_passed', points: 10, source: exam, rule_version: 2 },
    ]);
  });

  it('caps lessons a day, multiplies within a window, and holds the cap when two devices study at once', async () => {
    const busy = randomUUID();
    await saveTable(3, true, [{ startsOn: '2026-11-28', endsOn: '2026-12-02', multiplier: 2 }]);
    for (let i = 0; i < 8; i++) await study(busy, 'article', 61, 0);
    const lessons = (await awards(busy)).filter((a) => a.action === 'lesson_read');
    // Six lessons a day at most; each doubled in the window, and made under version 3.
    expect(lessons).toHaveLength(6);
    expect(lessons.every((a) => a.points === 2 && a.rule_version === 3)).toBe(true);

    const twoDevices = randomUUID();
    await Promise.all(Array.from({ length: 12 }, () => study(twoDevices, 'video', 300, 0)));
    const watched = (await awards(twoDevices)).filter((a) => a.action === 'watching_time');
    expect(watched).toHaveLength(10);
    expect(new Set(watched.map((a) => a.source)).size).toBe(10);
  });
});
