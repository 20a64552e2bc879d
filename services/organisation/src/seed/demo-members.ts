import { idCardCheckCharacter } from '@dangjian/kit';

/*
 * A few hundred fictitious members per demo tenant, reproducible (seeded), with valid-looking ID
 * numbers (real check characters, fictitious people), spread over the tenant's branches and the
 * development stages, with occupations that fit the tenant's type.
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅志强玉兰海燕春梅晓东丹丹欣怡子涵浩然梓轩宇航思雨佳琪雨欣一鸣嘉怡俊杰婷婷文博';
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '回族', '满族', '壮族', '蒙古族'];
const EDUCATION = ['高中', '大专', '大学本科', '大学本科', '硕士研究生', '博士研究生'];

export interface DemoMemberSpec {
  name: string;
  idCardNumber: string;
  phone: string;
  ethnicity: string;
  education: string;
  occupation: string;
  developmentStage: string;
  joinedOn: string;
  confirmedOn: string;
  stageSince: string;
  mobile: boolean;
}

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPE_PROFILE: Record<
  string,
  { region: string; occupations: string[]; birthYears: [number, number]; stages: string[] }
> = {
  'acme-corp': {
    region: '310115',
    occupations: ['salaried', 'salaried', 'salaried', 'annual_salary', 'retired'],
    birthYears: [1960, 2000],
    stages: ['full', 'full', 'full', 'full', 'probationary', 'candidate', 'activist', 'applicant'],
  },
  'east-univ': {
    region: '320102',
    occupations: ['student', 'student', 'student', 'salaried'],
    birthYears: [1998, 2006],
    stages: [
      'full',
      'probationary',
      'probationary',
      'candidate',
      'activist',
      'activist',
      'applicant',
      'applicant',
    ],
  },
  'river-county': {
    region: '411726',
    occupations: ['farmer', 'farmer', 'retired', 'self_employed', 'salaried', 'unemployed'],
    birthYears: [1945, 1995],
    stages: ['full', 'full', 'full', 'full', 'full', 'probationary', 'activist', 'applicant'],
  },
};

/** A date `days` before `today` (YYYY-MM-DD). */
function daysBefore(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** `today` is passed in so the pipeline looks alive whenever the demo is seeded. */
export function demoMembers(slug: string, count: number, today: string): DemoMemberSpec[] {
  const profile = TYPE_PROFILE[slug]!;
  const next = random([...slug].reduce((h, c) => h * 31 + c.charCodeAt(0), 7));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const members: DemoMemberSpec[] = [];
  for (let i = 0; i < count; i++) {
    const year =
      profile.birthYears[0] + Math.floor(next() * (profile.birthYears[1] - profile.birthYears[0] + 1));
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
    const first17 = `${profile.region}${year}${month}${day}${String(i).padStart(3, '0')}`;
    const stage = pick(profile.stages);
    const joinedYear = Math.min(2024, year + 19 + Math.floor(next() * 20));
    // Full members joined years ago; everyone else entered their stage within the last 1½ years
    // (a probationary member's probation runs from the day they were accepted).
    const recent = daysBefore(today, 20 + Math.floor(next() * 520));
    members.push({
      name: `${pick([...SURNAMES])}${pick([...GIVEN])}${next() < 0.5 ? pick([...GIVEN]) : ''}`,
      idCardNumber: `${first17}${idCardCheckCharacter(first17)}`,
      phone: `1${pick(['38', '39', '50', '58', '86', '89'])}${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
      ethnicity: pick(ETHNICITIES),
      education: slug === 'east-univ' ? pick(['大学本科', '硕士研究生', '博士研究生']) : pick(EDUCATION),
      occupation: pick(profile.occupations),
      developmentStage: stage,
      joinedOn: stage === 'full' ? `${joinedYear}-07-01` : stage === 'probationary' ? recent : '',
      confirmedOn: stage === 'full' ? `${joinedYear + 1}-07-01` : '',
      stageSince: stage === 'full' ? `${joinedYear + 1}-07-01` : recent,
      mobile: next() < 0.08,
    });
  }
  return members;
}
