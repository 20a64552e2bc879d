import type { IMPORT_KINDS } from '@dangjian/contracts';

/**
 * The import templates: Chinese headers mirroring the national member-management spreadsheets
 * (全国党员管理信息系统 export columns), each mapped to one field by its glossary name.
 * Documented for users in docs/import-template.md; the console offers the template as .xlsx.
 */
export interface TemplateColumn {
  header: string;
  field: string;
  required: boolean;
  description: string;
  /** Closed lists: label in the file → code stored. */
  values?: Record<string, string>;
  example: string;
}

export type ImportKind = (typeof IMPORT_KINDS)[number];

const YES_NO = { 是: 'true', 否: 'false' };

export const OCCUPATION_LABELS: Record<string, string> = {
  在岗职工: 'salaried',
  离退休人员: 'retired',
  年薪制人员: 'annual_salary',
  个体经营者: 'self_employed',
  农牧渔民: 'farmer',
  学生: 'student',
  失业及享受低保人员: 'unemployed',
};

export const STAGE_LABELS: Record<string, string> = {
  正式党员: 'full',
  预备党员: 'probationary',
  发展对象: 'candidate',
  入党积极分子: 'activist',
  入党申请人: 'applicant',
};

export const GRADUATE_DESTINATION_LABELS: Record<string, string> = {
  已就业: 'employed',
  升学: 'further_study',
  未就业: 'unemployed',
  未知: 'unknown',
};

export const MEMBER_COLUMNS: TemplateColumn[] = [
  { header: '姓名', field: 'name', required: true, description: '1–50 个字', example: '张伟' },
  {
    header: '公民身份号码',
    field: 'idCardNumber',
    required: true,
    description: '18 位，校验码按 GB 11643 检查；同一租户内唯一（重复导入时跳过）',
    example: '110105199003077899',
  },
  {
    header: '性别',
    field: 'gender',
    required: false,
    description: '男/女；填写时须与身份号码一致',
    values: { 男: 'male', 女: 'female' },
    example: '男',
  },
  { header: '民族', field: 'ethnicity', required: false, description: '', example: '汉族' },
  {
    header: '出生日期',
    field: 'birthDate',
    required: false,
    description: '填写时须与身份号码一致',
    example: '1990-03-07',
  },
  { header: '学历', field: 'education', required: false, description: '', example: '大学本科' },
  {
    header: '人员类别',
    field: 'developmentStage',
    required: true,
    description: '发展阶段',
    values: STAGE_LABELS,
    example: '正式党员',
  },
  {
    header: '职业类别',
    field: 'occupation',
    required: true,
    description: '决定党费计算方式',
    values: OCCUPATION_LABELS,
    example: '在岗职工',
  },
  {
    header: '所在党组织编码',
    field: 'organisationCode',
    required: true,
    description: '本租户组织树中的组织编码',
    example: 'ACME-RD-1',
  },
  {
    header: '入党日期',
    field: 'joinedOn',
    required: false,
    description: '预备党员必填（预备期自此计算）',
    example: '2015-07-01',
  },
  { header: '转正日期', field: 'confirmedOn', required: false, description: '', example: '2016-07-01' },
  {
    header: '进入当前阶段日期',
    field: 'stageSince',
    required: false,
    description: '入党申请人填递交申请书日期',
    example: '',
  },
  { header: '工作单位', field: 'workUnit', required: false, description: '', example: '研发中心' },
  { header: '家庭住址', field: 'address', required: false, description: '', example: '' },
  { header: '联系电话', field: 'phone', required: false, description: '11 位手机号', example: '13812345678' },
  {
    header: '是否流动党员',
    field: 'mobile',
    required: false,
    description: '是/否',
    values: YES_NO,
    example: '否',
  },
  {
    header: '毕业日期',
    field: 'graduatesOn',
    required: false,
    description: '学生党员填写（毕业生转接督办据此计算期限）',
    example: '',
  },
  {
    header: '毕业去向',
    field: 'graduateDestination',
    required: false,
    description: '学生党员填写；填写时须填毕业日期',
    values: GRADUATE_DESTINATION_LABELS,
    example: '',
  },
  {
    header: '就业单位',
    field: 'graduateEmployer',
    required: false,
    description: '已就业的毕业生填写',
    example: '',
  },
];

export const ORGANISATION_COLUMNS: TemplateColumn[] = [
  { header: '组织名称', field: 'name', required: true, description: '', example: '研发中心第一党支部' },
  {
    header: '组织编码',
    field: 'code',
    required: true,
    description: '租户内唯一（重复导入时跳过）',
    example: 'ACME-RD-1',
  },
  {
    header: '组织类别',
    field: 'kind',
    required: true,
    description: '',
    values: { 党委: 'committee', 党总支: 'general_branch', 党支部: 'branch', 党小组: 'group' },
    example: '党支部',
  },
  {
    header: '上级组织编码',
    field: 'parentCode',
    required: false,
    description: '空：根组织（仅租户管理员）；上级须已存在或在文件中靠前',
    example: 'ACME-RD',
  },
  {
    header: '是否联合党支部',
    field: 'joint',
    required: false,
    description: '是/否',
    values: YES_NO,
    example: '否',
  },
  {
    header: '网格类型',
    field: 'gridLabel',
    required: false,
    description: '网格党支部填写',
    values: { 社区: 'community', 产业: 'industry', 楼宇: 'building' },
    example: '',
  },
  { header: '联系方式', field: 'contact', required: false, description: '', example: '' },
  { header: '成立日期', field: 'foundedOn', required: false, description: '', example: '2018-05-04' },
];

export const TEMPLATES: Record<ImportKind, TemplateColumn[]> = {
  members: MEMBER_COLUMNS,
  organisations: ORGANISATION_COLUMNS,
};
