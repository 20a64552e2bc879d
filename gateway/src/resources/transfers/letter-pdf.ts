import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/** What the printed letter carries (rules.md §5). */
export interface LetterContent {
  serialNumber: string;
  memberName: string;
  gender: string;
  ethnicity: string;
  developmentStage: string;
  idCardNumber: string;
  sendingOrganisationName: string;
  receivingOrganisationName: string;
  duesPaidUpTo: string;
  issuedOn: string;
  validUntil: string;
  validityDays: number;
}

const require = createRequire(import.meta.url);
/** Noto Serif SC (OFL) from its npm package: a Song-style face, as official letters are set. */
const FONT_FILE = join(
  dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json')),
  '400Regular',
  'NotoSerifSC_400Regular.ttf',
);
let fontBytes: Buffer | undefined;
const font = () => (fontBytes ??= readFileSync(FONT_FILE));

/** 2026-11-22 → 2026年11月22日; 2026-10 → 2026年10月. */
export const chineseDate = (date: string) => {
  const [year, month, day] = date.split('-');
  return day ? `${year}年${Number(month)}月${Number(day)}日` : `${year}年${Number(month)}月`;
};

const stageWords = (stage: string) => (stage === 'probationary' ? '预备' : '正式');
const genderWords = (gender: string) => (gender === 'female' ? '女' : gender === 'male' ? '男' : '');

/**
 * The introduction letter in the standard three parts on one A4 page: the stub the sending
 * committee keeps, the letter the member carries, and the receipt the receiving committee returns,
 * separated by cut lines and carrying the same serial number.
 */
export function renderTransferLetter(letter: LetterContent): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `中国共产党党员组织关系介绍信 ${letter.serialNumber}` },
  });
  document.registerFont('song', font());
  document.font('song');
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  const width = document.page.width - 112;
  const title = (text: string) => {
    document.fontSize(15).text(text, { align: 'center', width });
    document.fontSize(10).text(`第 ${letter.serialNumber} 号`, { align: 'right', width });
    document.moveDown(0.4).fontSize(11);
  };
  const cutLine = (label: string) => {
    const y = document.y + 10;
    document
      .save()
      .dash(4, { space: 4 })
      .moveTo(56, y)
      .lineTo(56 + width, y)
      .stroke()
      .undash()
      .restore();
    document.fontSize(8).text(label, 56, y + 3, { align: 'center', width });
    document.y = y + 22;
  };
  const who = `${letter.memberName}同志（${[genderWords(letter.gender), letter.ethnicity].filter(Boolean).join('，')}）`;
  const paid = letter.duesPaidUpTo ? `党费交到${chineseDate(letter.duesPaidUpTo)}` : '党费尚无缴纳记录';

  title('中国共产党党员组织关系介绍信（存根）');
  document.text(
    `${who}系中共${stageWords(letter.developmentStage)}党员，身份证号码${letter.idCardNumber}，组织关系由${letter.sendingOrganisationName}转到${letter.receivingOrganisationName}。${paid}。`,
    { width, lineGap: 4 },
  );
  document.text(
    `有效期${letter.validityDays}天（至${chineseDate(letter.validUntil)}）    ${chineseDate(letter.issuedOn)}`,
    { align: 'right', width },
  );
  cutLine('（沿此线剪开）');

  title('中国共产党党员组织关系介绍信');
  document.text(`${letter.receivingOrganisationName}：`, { width });
  document.text(
    `    兹介绍${who}，系中共${stageWords(letter.developmentStage)}党员，身份证号码${letter.idCardNumber}，前往你处，请接转组织关系。该同志${paid}。`,
    { width, lineGap: 4 },
  );
  document.text(`（有效期${letter.validityDays}天，至${chineseDate(letter.validUntil)}）`, { width });
  document.moveDown(0.5).text(`${letter.sendingOrganisationName}（盖章）`, { align: 'right', width });
  document.text(chineseDate(letter.issuedOn), { align: 'right', width });
  cutLine('（沿此线剪开）');

  title('中国共产党党员组织关系介绍信回执');
  document.text(`${letter.sendingOrganisationName}：`, { width });
  document.text(`    ${letter.memberName}同志的党员组织关系已转达我处，特此回复。`, { width, lineGap: 4 });
  document.moveDown(0.5).text('接收党组织（盖章）', { align: 'right', width });
  document.text('年    月    日', { align: 'right', width });
  document.end();
  return done;
}
