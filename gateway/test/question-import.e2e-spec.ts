import ExcelJS from 'exceljs';
import { passwordLogin } from '@dangjian/testing';
import iconv from 'iconv-lite';
import { freshTenant, gateway, invite, platform, uniqueSlug } from './support.js';

/*
 * Issue 16, 导入试题: the template a tenant downloads imports as it is; a file in the usual layout of
 * Chinese exam systems (GB18030 CSV from Excel, other column names) is read; a bad file is refused whole,
 * each problem named by row and column; importing the same file again adds nothing twice.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LEARNING = ['organisation', 'learning'];

/** A CSV as Excel in China saves it: GB18030, CRLF. */
const gbCsv = (rows: string[][]) =>
  iconv.encode(`${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'gb18030');

describe('importing questions from a spreadsheet (导入试题)', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  let bank: { id: string };
  const upload = (bankId: string, fileName: string, file: Buffer, type: string, as = tenant) =>
    gateway('POST', `/api/v1/question-banks/${bankId}/imports?fileName=${encodeURIComponent(fileName)}`, {
      token: as.token,
      tenant: as.slug,
      body: file,
      headers: { 'content-type': type },
    });

  beforeAll(async () => {
    tenant = await freshTenant('qimp', LEARNING);
    bank = (await tenant.api('POST', '/api/v1/question-banks', { name: '导入题库' })).body;
  });

  it('imports the downloaded template as it is, and refuses it a second time row by row', async () => {
    const template = await gateway('GET', '/api/v1/question-import-template', {
      token: tenant.token,
      tenant: tenant.slug,
    });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.raw as unknown as ArrayBuffer);
    expect((book.worksheets[0]!.getRow(1).values as string[]).slice(1, 4)).toEqual(['题型', '题干', '选项A']);
    expect(book.getWorksheet('说明')!.rowCount).toBeGreaterThan(10);

    const imported = await upload(bank.id, '试题导入模板.xlsx', template.raw, XLSX);
    expect(imported.status).toBe(201);
    expect(imported.body.imported).toBe(5);
    expect(imported.body.questionBank.categories).toEqual(
      expect.arrayContaining([
        { category: '党章', count: 3 },
        { category: '组织生活', count: 1 },
      ]),
    );
    const questions = (await tenant.api('GET', `/api/v1/question-banks/${bank.id}/questions`)).body as {
      kind: string;
      options: string[];
      answer: string[];
      rubric: string;
      explanation: string;
    }[];
    const byKind = Object.fromEntries(questions.map((q) => [q.kind, q]));
    expect(byKind['single_choice']).toMatchObject({
      answer: ['0'],
      options: ['实现共产主义', '全面建成小康社会', '实现社会主义现代化'],
    });
    expect(byKind['single_choice']!.explanation).toContain('党章总纲');
    expect(byKind['multiple_choice']!.answer).toEqual(['0', '1', '2', '3']);
    expect(byKind['true_false']!.answer).toEqual(['true']);
    expect(byKind['fill_blank']!.answer).toEqual(['战斗堡垒', '基础']);
    // The reference answer is kept for the grader beside the rubric.
    expect(byKind['short_answer']!.rubric).toContain('参考答案：坚持控制总量');

    const again = await upload(bank.id, '试题导入模板.xlsx', template.raw, XLSX);
    expect(again.status).toBe(400);
    expect(again.body.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)).toEqual(
      [2, 3, 4, 5, 6].map((row) => `rows[${row}].题干 already_in_bank`),
    );
    const after = await tenant.api('GET', `/api/v1/question-banks/${bank.id}`);
    expect(after.body.questionCount).toBe(5);
  });

  it('reads a GB18030 CSV with other column names; a bad file is refused whole, each problem by row and column', async () => {
    const header = ['题目类型', '题目', '选项A', '选项B', '选项C', '正确答案', '分数', '知识点', '答案解析'];
    const good = [
      header,
      [
        '单项选择题',
        '党的根本宗旨是（ ）',
        '全心全意为人民服务',
        '实事求是',
        '群众路线',
        'a',
        '3',
        '党章',
        '',
      ],
      ['判断', '党员有权参加党的有关会议。', '', '', '', '对', '', '', '党章第四条'],
    ];
    const okay = await upload(bank.id, '其他系统导出.csv', gbCsv(good), 'text/csv');
    expect(okay.status).toBe(201);
    expect(okay.body.imported).toBe(2);

    const bad = [
      header,
      ['单选题', '第一题', '甲', '乙', '', 'D', '2', '党章', ''],
      ['问卷题', '第二题', '', '', '', 'A', '2', '党章', ''],
      ['多选题', '第三题', '甲', '', '丙', 'AC', '2', '党章', ''],
      ['判断题', '第四题', '', '', '', '也许', '2', '党章', ''],
      ['单选题', '第五题', '甲', '乙', '', 'A', '200', '党章', ''],
      ['单选题', '第一题', '甲', '乙', '', 'A', '2', '党章', ''],
    ];
    const refused = await upload(bank.id, '有错的.csv', gbCsv(bad), 'text/csv');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)).toEqual([
      'rows[2].正确答案 answer_shape',
      'rows[3].题目类型 not_one_of',
      'rows[4].选项B row_required',
      'rows[5].正确答案 answer_shape',
      'rows[6].分数 number_between',
      'rows[7].题目 duplicate_question_in_file',
    ]);
    const after = await tenant.api('GET', `/api/v1/question-banks/${bank.id}`);
    expect(after.body.questionCount).toBe(7);

    const unknownColumn = await upload(bank.id, 'x.csv', gbCsv([[...header, '难度']]), 'text/csv');
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.errors[0]).toMatchObject({ field: 'rows[1].难度', code: 'unknown_column' });
  });

  it('names the field of a bad upload, and keeps each bank to its tenant and its staff', async () => {
    const noName = await upload(bank.id, '', Buffer.from('题型'), 'text/csv');
    expect(noName.status).toBe(400);
    expect(noName.body.errors[0].field).toBe('fileName');
    const notSheet = await upload(bank.id, '题库.xlsx', Buffer.from('not a zip at all'), XLSX);
    expect(notSheet.status).toBe(400);
    expect(notSheet.body.errors[0]).toMatchObject({ field: 'body', code: 'import_unreadable' });

    const other = await freshTenant('qimp-other', LEARNING);
    const file = Buffer.from('题型,题干,答案\r\n判断题,别的租户,正确\r\n');
    const across = await upload(bank.id, 'a.csv', file, 'text/csv', other);
    expect(across.status).toBe(404);
    expect((await tenant.api('GET', `/api/v1/question-banks/${bank.id}`)).body.questionCount).toBe(7);

    const username = uniqueSlug('qimp-member');
    await invite(tenant.token, tenant.slug, {
      username,
      displayName: '普通党员',
      password: 'Secret-123',
      roles: ['member'],
    });
    const member = { ...tenant, token: await passwordLogin(platform.issuer, username, 'Secret-123') };
    const asMember = await upload(bank.id, 'a.csv', file, 'text/csv', member);
    expect(asMember.status).toBe(403);
  });
});
