/*
 * 试题导入模板: the layout Chinese exam systems use for question banks — one question per row, the
 * kind in words, choices in 选项A…选项H, the answer as letters. The learning service reads it
 * (question-sheet.ts, which also knows the usual other names of each column); a test imports this
 * very template, so the two cannot drift apart.
 */

export interface TemplateColumn {
  header: string;
  required: '是' | '否';
  description: string;
}

const OPTION_COLUMNS: TemplateColumn[] = [...'ABCDEFGH'].map((letter) => ({
  header: `选项${letter}`,
  required: '否',
  description: `选择题的选项 ${letter}；单选、多选题至少填 A、B 两项，选项之间不能空列`,
}));

export const QUESTION_TEMPLATE_COLUMNS: TemplateColumn[] = [
  { header: '题型', required: '是', description: '单选题、多选题、判断题、填空题或简答题' },
  { header: '题干', required: '是', description: '题目内容，至多 2000 字（也可写作“题目”）' },
  ...OPTION_COLUMNS,
  {
    header: '答案',
    required: '是',
    description:
      '选择题填选项字母，如 A 或 ABD；判断题填“正确”或“错误”；填空题各空之间用“；”分隔，同一空可接受的多种答案用“|”分隔；简答题可填参考答案（供阅卷参考）',
  },
  { header: '分值', required: '否', description: '1 至 100 的整数，不填为 1 分' },
  {
    header: '分类',
    required: '否',
    description: '题目分类（至多 20 字），随机组卷按分类抽题；不填为“未分类”',
  },
  { header: '评分标准', required: '否', description: '简答题的评分标准（简答题须填写评分标准或参考答案）' },
  { header: '解析', required: '否', description: '答案解析，党员在错题本中可以看到' },
];

/** One example of each kind, each a question of the party's basic knowledge. */
export const QUESTION_TEMPLATE_EXAMPLES: Record<string, string>[] = [
  {
    题型: '单选题',
    题干: '中国共产党的最高理想和最终目标是（　）',
    选项A: '实现共产主义',
    选项B: '全面建成小康社会',
    选项C: '实现社会主义现代化',
    答案: 'A',
    分值: '2',
    分类: '党章',
    解析: '党章总纲：党的最高理想和最终目标是实现共产主义。',
  },
  {
    题型: '多选题',
    题干: '“三会一课”包括（　）',
    选项A: '支部党员大会',
    选项B: '支部委员会',
    选项C: '党小组会',
    选项D: '党课',
    答案: 'ABCD',
    分值: '2',
    分类: '组织生活',
  },
  { 题型: '判断题', 题干: '预备党员的预备期为一年。', 答案: '正确', 分值: '1', 分类: '党章' },
  {
    题型: '填空题',
    题干: '党的基层组织是党在社会基层组织中的（　），是党的全部工作和战斗力的（　）。',
    答案: '战斗堡垒；基础',
    分值: '2',
    分类: '党章',
  },
  {
    题型: '简答题',
    题干: '简述发展党员工作应当遵循的方针。',
    答案: '坚持控制总量、优化结构、提高质量、发挥作用的总要求',
    分值: '5',
    分类: '发展党员',
    评分标准: '答出“控制总量、优化结构、提高质量、发挥作用”每项得 1 分，表述完整得 1 分',
  },
];
