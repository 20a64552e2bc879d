/** The demo's course (issue 16): one lesson of each kind; media files are in seed-media/. */
export const DEMO_COURSE = {
  name: '党章学习（演示课程）',
  note: '演示课程：图文、视频、音频、文档各一课时',
  tags: ['党章', '演示'],
  lessons: [
    {
      kind: 'article',
      title: '第一讲 党的性质和宗旨',
      body: '中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队。\n\n党的根本宗旨是全心全意为人民服务。',
      file: undefined,
      studyMinutes: 15,
      minDwellSeconds: 60,
    },
    {
      kind: 'video',
      title: '第二讲 视频课（演示画面）',
      body: '演示视频：二十秒的测试画面和提示音。',
      file: 'lecture.webm',
      studyMinutes: 45,
      minDwellSeconds: 15,
    },
    {
      kind: 'audio',
      title: '第三讲 音频课（演示音频）',
      body: '演示音频：十五秒的提示音。',
      file: 'talk.ogg',
      studyMinutes: 20,
      minDwellSeconds: 10,
    },
    {
      kind: 'document',
      title: '第四讲 学习手册（PDF）',
      body: '演示文档：一页学习手册。',
      file: 'handbook.pdf',
      studyMinutes: 10,
      minDwellSeconds: 20,
    },
  ],
} as const;

/** A small bank in two categories, every kind of question. */
export const DEMO_QUESTIONS = [
  {
    category: '党章',
    kind: 'single_choice',
    stem: '中国共产党的最高理想和最终目标是（ ）',
    options: ['实现共产主义', '全面建成小康社会', '实现社会主义现代化'],
    answer: ['0'],
    points: 20,
  },
  {
    category: '党章',
    kind: 'true_false',
    stem: '预备党员的预备期为一年。',
    options: [],
    answer: ['true'],
    points: 20,
  },
  {
    category: '党章',
    kind: 'multiple_choice',
    stem: '党员必须履行的义务包括（ ）',
    options: ['认真学习', '贯彻执行党的基本路线', '坚持党和人民的利益高于一切', '可以不参加组织生活'],
    answer: ['0', '1', '2'],
    points: 20,
  },
  {
    category: '党章',
    kind: 'true_false',
    stem: '党员无正当理由连续六个月不参加党的组织生活，被认为是自行脱党。',
    options: [],
    answer: ['true'],
    points: 20,
  },
  {
    category: '党史',
    kind: 'fill_blank',
    stem: '中国共产党第一次全国代表大会于____年召开。',
    options: [],
    answer: ['1921|一九二一'],
    points: 10,
  },
  {
    category: '党史',
    kind: 'single_choice',
    stem: '遵义会议召开于（ ）年。',
    options: ['1935', '1927', '1949'],
    answer: ['0'],
    points: 10,
  },
  {
    category: '党史',
    kind: 'fill_blank',
    stem: '中华人民共和国成立于____年。',
    options: [],
    answer: ['1949|一九四九'],
    points: 10,
  },
];

/** The platform catalogue's demo course (decision 0031): authored once, published to every tenant. */
export const CATALOGUE_COURSE = {
  name: '学习贯彻党章（平台课程库）',
  note: '平台课程库的示例课程：由平台运营人员编写一次，发布后所有单位都可学习、列入学习计划',
  tags: ['党章', '平台课程'],
  lessons: [
    {
      title: '第一讲 党员的义务',
      body: '党员必须履行党章规定的八项义务，其中第一项是认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想。',
      studyMinutes: 10,
      minDwellSeconds: 30,
    },
    {
      title: '第二讲 党员的权利',
      body: '党员享有党章规定的八项权利，包括参加党的有关会议，阅读党的有关文件，接受党的教育和培训；在党的会议上和党报党刊上，参加关于党的政策问题的讨论等。',
      studyMinutes: 10,
      minDwellSeconds: 30,
    },
  ],
} as const;
