import { idCardCheckCharacter, withoutMetadata } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freshTenant, gateway, person, platform, tokenFor, uniqueSlug } from './support.js';

/*
 * Issue 18, 举报: a report filed on the public pages without an account leaves no identity anywhere
 * the platform writes — its rows hold no address, browser or time of day, the logs of the filing hold
 * none either — and is read only by the tenant's inspectors (a tenant admin and a platform operator
 * get 403), except the inspector who sits in the reported organisation or bears a named subject's
 * name. Every read is audited; the reporter follows the answer with the code and the secret; a
 * forwarded report keeps only the forwarding record; a closed one is really erased after retention.
 */
const MODULES = ['organisation', 'supervision'];
const LOGS = fileURLToPath(new URL('../../test-output/logs/', import.meta.url));
let serial = 700;
const idCard = () => {
  const first17 = `11010619800101${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('whistle-blowing reports (举报)', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  type Person = Awaited<ReturnType<typeof person>>;
  let branchA: { id: string };
  let branchB: { id: string };
  let inspectorInBranch: Person;
  let inspectorAbove: Person;
  let inspectorNamed: Person;
  const database = new pg.Client({ connectionString: platform.databases['supervision']!.admin });

  /** An inspector with a member record in an organisation, under a name. */
  const inspector = async (organisationId: string, name: string) => {
    const login = await person(tenant.api, tenant.slug, ['inspector', 'member']);
    const created = await tenant.api('POST', '/api/v1/members', {
      organisationId,
      name,
      idCardNumber: idCard(),
      occupation: 'salaried',
      developmentStage: 'full',
      confirmedOn: '2015-07-01',
      userId: login.userId,
    });
    expect(created.status).toBe(201);
    return login;
  };
  const file = (body: object, headers: Record<string, string> = {}) =>
    gateway('POST', `/t/${tenant.slug}/public/reports`, { body, headers });

  beforeAll(async () => {
    await database.connect();
    tenant = await freshTenant('rpt', MODULES);
    const branch = async (name: string) =>
      (
        await tenant.api('POST', '/api/v1/organisations', {
          name,
          code: uniqueSlug('RP'),
          kind: 'branch',
          parentId: tenant.root.id,
        })
      ).body as { id: string };
    branchA = await branch('举报一支部');
    branchB = await branch('举报二支部');
    inspectorInBranch = await inspector(branchA.id, '纪检甲');
    inspectorAbove = await inspector(tenant.root.id, '纪检乙');
    inspectorNamed = await inspector(branchB.id, '张有才');
  }, 120_000);
  afterAll(() => database.end());

  it('files a report that leaves no identity in the rows or the logs of the filing', async () => {
    const form = await gateway('GET', `/t/${tenant.slug}/public/reports/new`);
    expect(form.status).toBe(200);
    // One member in the branch: the form says the reporter may be recognisable, before submission.
    expect(form.body).toContain('举报一支部（人数较少）');
    expect(form.body).toContain('可能让人推断出您的身份');

    const sizes = Object.fromEntries(
      ['gateway', 'supervision'].map((name) => [name, statSync(`${LOGS}${name}.log`).size]),
    );
    const browser = `ReporterBrowser/${uniqueSlug('ua')}`;
    const content = `支部书记违规报销餐费${uniqueSlug('x')}，多次以会议名义宴请。`;
    const filed = await file(
      { organisationId: branchA.id, subjectNames: '张有才、李某', content },
      { 'user-agent': browser, 'x-forwarded-for': '203.0.113.77', 'x-real-ip': '203.0.113.78' },
    );
    expect(filed.status).toBe(201);
    expect(filed.body.receiptCode).toMatch(/^\d{16}$/);
    expect(filed.body.secret).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);

    // The rows: no time of day anywhere in the report's tables, nothing of the sender.
    const columns = await database.query(
      `select table_name, column_name, data_type from information_schema.columns
        where table_name in ('reports', 'report_messages') and data_type like 'timestamp%'`,
    );
    expect(columns.rows).toEqual([]);
    const dump = JSON.stringify(
      (await database.query(`select * from reports where receipt_code = $1`, [filed.body.receiptCode])).rows,
    );
    expect(dump).toContain('支部书记违规报销餐费');
    for (const trace of [browser, '203.0.113.77', '203.0.113.78', '127.0.0.1', filed.body.secret])
      expect(dump).not.toContain(trace);
    // No event about a report, and nothing of the filing in any event (other suites' events may be there).
    const outbox = await database.query(`select subject, encode(payload, 'escape') as payload from outbox`);
    expect(outbox.rows.filter((r) => r.subject.includes('report'))).toEqual([]);
    for (const trace of [browser, '203.0.113.77', content])
      expect(JSON.stringify(outbox.rows)).not.toContain(trace);
    // The logs written meanwhile: no browser, no address, nor the content.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const name of ['gateway', 'supervision']) {
      const written = readFileSync(`${LOGS}${name}.log`).subarray(sizes[name]).toString('utf8');
      for (const trace of [browser, '203.0.113.77', '203.0.113.78', content, filed.body.secret])
        expect(written).not.toContain(trace);
    }
  });

  it('shows reports to inspectors only, never to the one who sits in the reported branch or is named', async () => {
    const filed = await file({
      organisationId: branchA.id,
      subjectNames: '张有才',
      content: '举报二：收受礼品礼金，数额较大。',
    });
    expect(filed.status).toBe(201);
    const list = (who: Person) =>
      who.call('GET', `/api/v1/reports?${listQuery(['filedOn', 'DESC'], [0, 49], {})}`);
    const above = await list(inspectorAbove);
    expect(above.status).toBe(200);
    const entry = above.body.find((r: { receiptCode: string }) => r.receiptCode === filed.body.receiptCode);
    // The list carries no content: reading one is a read.
    expect(entry).toMatchObject({
      status: 'received',
      organisationName: '举报一支部',
      content: '',
      messages: [],
    });
    expect((await list(inspectorInBranch)).body.map((r: { id: string }) => r.id)).not.toContain(entry.id);
    expect((await list(inspectorNamed)).body.map((r: { id: string }) => r.id)).not.toContain(entry.id);
    expect((await inspectorInBranch.call('GET', `/api/v1/reports/${entry.id}`)).status).toBe(404);
    expect((await inspectorNamed.call('GET', `/api/v1/reports/${entry.id}`)).status).toBe(404);

    // Not a tenant admin, not a platform operator.
    expect((await tenant.api('GET', `/api/v1/reports/${entry.id}`)).status).toBe(403);
    expect(
      (await tenant.api('GET', `/api/v1/reports?${listQuery(['filedOn', 'DESC'], [0, 9], {})}`)).status,
    ).toBe(403);
    const operator = await tokenFor('operator');
    const asOperator = await gateway('GET', `/api/v1/reports/${entry.id}`, {
      token: operator,
      tenant: tenant.slug,
    });
    expect(asOperator.status).toBe(403);
    expect(asOperator.headers.get('content-type')).toContain('application/problem+json');
    expect(
      (
        await gateway('GET', `/api/v1/reports?${listQuery(['filedOn', 'DESC'], [0, 9], {})}`, {
          token: operator,
          tenant: tenant.slug,
        })
      ).status,
    ).toBe(403);
    // Another tenant's inspector: not found.
    const other = await freshTenant('rpo', MODULES);
    const otherInspector = await person(other.api, other.slug, ['inspector']);
    expect((await otherInspector.call('GET', `/api/v1/reports/${entry.id}`)).status).toBe(404);

    const read = await inspectorAbove.call('GET', `/api/v1/reports/${entry.id}`);
    expect(read.body.content).toBe('举报二：收受礼品礼金，数额较大。');
    // Every read is in the audit, which a tenant admin reads (without the content).
    const audit = await tenant.api('GET', `/api/v1/report-reads?${listQuery(['at', 'DESC'], [0, 49], {})}`);
    expect(audit.status).toBe(200);
    expect(audit.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reportId: entry.id, readerUserId: inspectorAbove.userId, action: 'read' }),
      ]),
    );
    expect(JSON.stringify(audit.body)).not.toContain('收受礼品');
    expect(
      (await inspectorNamed.call('GET', `/api/v1/report-reads?${listQuery(['at', 'DESC'], [0, 9], {})}`))
        .status,
    ).toBe(200);
  });

  it('answers the reporter through the code and the secret, forwards with only a record, and erases after retention', async () => {
    const filed = await file({
      content: '举报三：村务公开栏长期不更新，账目不公开。',
      reporterName: '刘实',
      reporterContact: '13500135000',
    });
    const { receiptCode, secret } = filed.body;
    const id = (
      await inspectorAbove.call('GET', `/api/v1/reports?${listQuery(['filedOn', 'DESC'], [0, 49], {})}`)
    ).body.find((r: { receiptCode: string }) => r.receiptCode === receiptCode).id;
    const act = async (body: object) => {
      const current = await inspectorAbove.call('GET', `/api/v1/reports/${id}`);
      return inspectorAbove.call('POST', `/api/v1/reports/${id}/actions`, {
        version: current.body.version,
        ...body,
      });
    };
    const shown = await inspectorAbove.call('GET', `/api/v1/reports/${id}`);
    // The reporter chose to give a name: sealed at rest, read by the inspector.
    expect(shown.body).toMatchObject({
      reporterName: '刘实',
      reporterContact: '13500135000',
      actions: ['acknowledge', 'reply', 'forward'],
    });
    const row = (await database.query('select * from reports where id = $1', [id])).rows[0];
    expect(JSON.stringify(row)).not.toContain('刘实');
    expect((await act({ action: 'close' })).status).toBe(422);
    expect((await act({ action: 'acknowledge', note: '已受理，正在核实。' })).body.status).toBe(
      'acknowledged',
    );

    const follow = (body: object) => gateway('POST', `/t/${tenant.slug}/public/reports/follow`, { body });
    const wrong = await follow({ receiptCode, secret: 'AAAA-BBBB-CCCC-DDDD', message: '' });
    expect(wrong.status).toBe(404);
    const page = await gateway('POST', `/t/${tenant.slug}/public/reports/follow`, {
      body: new URLSearchParams({
        receiptCode: receiptCode.replace(/(\d{4})/g, '$1 '),
        secret: secret.toLowerCase(),
        message: '',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.status).toBe(201);
    expect(page.body).toContain('已受理，正在核实。');
    const more = await follow({ receiptCode, secret, message: '补充：2026年11月的账目也没有公开。' });
    expect(more.status).toBe(201);
    expect(more.body.messages.map((m: { author: string }) => m.author)).toEqual(['inspector', 'reporter']);
    expect((await inspectorAbove.call('GET', `/api/v1/reports/${id}`)).body.messages[1].body).toBe(
      '补充：2026年11月的账目也没有公开。',
    );
    expect((await act({ action: 'reply', note: '经核实，已责令限期公开。' })).body.status).toBe('answered');
    expect((await act({ action: 'close' })).body.status).toBe('closed');
    expect((await follow({ receiptCode, secret, message: '还有' })).status).toBe(422);

    // Forwarded to the level it belongs to: the content, the names and the messages go.
    const higher = await file({
      organisationId: branchB.id,
      subjectNames: '王某',
      content: '举报四：涉及县管干部的问题线索。',
    });
    const higherId = (
      await inspectorAbove.call('GET', `/api/v1/reports?${listQuery(['filedOn', 'DESC'], [0, 49], {})}`)
    ).body.find((r: { receiptCode: string }) => r.receiptCode === higher.body.receiptCode).id;
    const current = await inspectorAbove.call('GET', `/api/v1/reports/${higherId}`);
    const noWhere = await inspectorAbove.call('POST', `/api/v1/reports/${higherId}/actions`, {
      version: current.body.version,
      action: 'forward',
    });
    expect(noWhere.status).toBe(400);
    expect(noWhere.body.errors[0].field).toBe('forwardedTo');
    const forwarded = await inspectorAbove.call('POST', `/api/v1/reports/${higherId}/actions`, {
      version: current.body.version,
      action: 'forward',
      forwardedTo: '县纪委监委',
    });
    expect(forwarded.body).toMatchObject({
      status: 'forwarded',
      forwardedTo: '县纪委监委',
      content: '',
      subjectNames: [],
      messages: [],
    });
    const kept = (
      await database.query('select content, subject_names from reports where id = $1', [higherId])
    ).rows[0];
    expect(kept).toEqual({ content: '', subject_names: [] });

    // Retention 0 days: the closed and the forwarded reports are erased, their rows gone.
    const settings = await inspectorAbove.call('GET', '/api/v1/report-settings/current');
    expect(settings.body).toMatchObject({ acknowledgeDays: 7, feedbackDays: 90, retentionDays: 365 });
    expect((await tenant.api('GET', '/api/v1/report-settings/current')).status).toBe(403);
    const saved = await inspectorAbove.call('PUT', '/api/v1/report-settings/current', {
      acknowledgeDays: 7,
      feedbackDays: 90,
      forwardWorkingDays: 5,
      retentionDays: 0,
      smallOrganisationSize: 10,
      version: settings.body.version,
    });
    expect(saved.status).toBe(200);
    const erased = await inspectorAbove.call('POST', '/api/v1/report-erasures');
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toBe(2);
    const left = await database.query('select id from reports where id = any($1::uuid[])', [[id, higherId]]);
    expect(left.rows).toEqual([]);
    expect((await database.query('select id from report_messages where report_id = $1', [id])).rows).toEqual(
      [],
    );
    expect((await follow({ receiptCode, secret, message: '' })).status).toBe(404);
  });

  it('keeps a reporter’s photos only without what they say about where and with what they were taken', async () => {
    const segment = (marker: number, body: Buffer) =>
      Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
    const chunk = (type: string, body: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
    };
    // A phone's photo: EXIF with a place and a model, a comment, and a scan of 700 KB (two bus parts).
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      segment(0xe0, Buffer.from('JFIF\0\x01\x01', 'latin1')),
      segment(0xe1, Buffer.from('Exif\0\0GPSLatitude 39.9042 N; Model HUAWEI P60; Owner 李四', 'utf8')),
      segment(0xfe, Buffer.from('IMG_lisi_office', 'latin1')),
      segment(0xda, Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00])),
      Buffer.alloc(700 * 1024, 0x11),
      Buffer.from([0xff, 0xd9]),
    ]);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
      chunk('tEXt', Buffer.from('Author\0Li Si', 'latin1')),
      chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x60])),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const post = (files: { data: Buffer; type: string; name: string }[]) => {
      const form = new FormData();
      form.append('content', '某单位负责人在办公室收受购物卡，照片为证。');
      for (const f of files) form.append('attachments', new Blob([f.data], { type: f.type }), f.name);
      return fetch(`${platform.gatewayUrl}/t/${tenant.slug}/public/reports`, { method: 'POST', body: form });
    };
    const reportsBefore = (await database.query('select count(*)::int as n from reports')).rows[0].n;
    // A file that is not a JPEG or PNG is refused, in Chinese, and nothing is filed.
    const gif = await post([
      { data: Buffer.from('GIF89a\x01\x00', 'latin1'), type: 'image/gif', name: 'a.gif' },
    ]);
    expect(gif.status).toBe(400);
    expect(await gif.text()).toContain('提交的内容有误');
    expect((await database.query('select count(*)::int as n from reports')).rows[0].n).toBe(reportsBefore);

    const filed = await post([
      { data: jpeg, type: 'image/jpeg', name: 'IMG_lisi_20261201.jpg' },
      { data: png, type: 'image/png', name: 'screenshot-lisi.png' },
    ]);
    expect(filed.status).toBe(201);
    const page = await filed.text();
    expect(page).toContain('已收到照片 2 张');
    const [code, secret] = [...page.matchAll(/class="code">([^<]+)</g)].map((m) => m[1]!.replaceAll(' ', ''));

    // Stored cleaned: no place, model, owner, comment or file name in any row.
    const rows = (
      await database.query(
        `select a.number, a.content_type, a.size, a.data from report_attachments a join reports r on r.id = a.report_id
          where r.receipt_code = $1 order by a.number`,
        [code],
      )
    ).rows as { number: number; content_type: string; size: number; data: Buffer }[];
    expect(rows.map((r) => [r.number, r.content_type])).toEqual([
      [1, 'image/jpeg'],
      [2, 'image/png'],
    ]);
    for (const row of rows)
      for (const trace of ['GPS', 'HUAWEI', '李四', 'IMG_lisi', 'Li Si', 'tEXt', 'screenshot'])
        expect(row.data.includes(Buffer.from(trace, 'utf8'))).toBe(false);
    expect(rows[0]!.data.equals(Buffer.from(withoutMetadata(jpeg)))).toBe(true);
    expect(rows[0]!.size).toBe(rows[0]!.data.length);

    // The inspector reads them whole (the JPEG in two parts over the bus); others cannot.
    const found = await inspectorAbove.call(
      'GET',
      `/api/v1/reports?${listQuery(['filedOn', 'DESC'], [0, 49], {})}`,
    );
    const id = (found.body as { id: string; receiptCode: string }[]).find((r) => r.receiptCode === code)!.id;
    const report = await inspectorAbove.call('GET', `/api/v1/reports/${id}`);
    expect(report.body.attachments).toEqual([
      { number: 1, contentType: 'image/jpeg', size: rows[0]!.size },
      { number: 2, contentType: 'image/png', size: rows[1]!.size },
    ]);
    const download = await fetch(
      `${platform.gatewayUrl}/t/${tenant.slug}/api/v1/reports/${id}/attachments/1`,
      {
        headers: { authorization: `Bearer ${inspectorAbove.token}` },
      },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await download.arrayBuffer()).equals(rows[0]!.data)).toBe(true);
    const asAdmin = await fetch(
      `${platform.gatewayUrl}/t/${tenant.slug}/api/v1/reports/${id}/attachments/1`,
      {
        headers: { authorization: `Bearer ${tenant.token}` },
      },
    );
    expect(asAdmin.status).toBe(403);
    expect((await inspectorAbove.call('GET', `/api/v1/reports/${id}/attachments/3`)).status).toBe(404);
    // Another tenant's inspector finds nothing there.
    const other = await freshTenant('rpt3', MODULES);
    const otherInspector = await person(other.api, other.slug, ['inspector']);
    expect((await otherInspector.call('GET', `/api/v1/reports/${id}/attachments/1`)).status).toBe(404);
    const reads = await database.query(
      "select count(*)::int as n from report_reads where receipt_code = $1 and action = 'attachment'",
      [code],
    );
    expect(reads.rows[0].n).toBe(1);

    // The reporter sees that the photos arrived; forwarding keeps none of them.
    const follow = await gateway('POST', `/t/${tenant.slug}/public/reports/follow`, {
      body: { receiptCode: code, secret, message: '' },
    });
    expect(follow.status).toBe(201);
    expect(follow.body.attachmentCount).toBe(2);
    const forwarded = await inspectorAbove.call('POST', `/api/v1/reports/${id}/actions`, {
      version: report.body.version,
      action: 'forward',
      forwardedTo: '县纪委监委',
    });
    expect(forwarded.status).toBe(200);
    expect(
      (await database.query('select count(*)::int as n from report_attachments where report_id = $1', [id]))
        .rows[0].n,
    ).toBe(0);
  }, 60_000);
});
