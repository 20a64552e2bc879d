import type { KindName } from '../organisations/organisation-kinds.js';

export interface DemoNode {
  code: string;
  name: string;
  kind: KindName;
  gridLabel?: 'community' | 'industry' | 'building';
  joint?: boolean;
  children?: DemoNode[];
}

/** A realistic small tree per demo tenant (fictitious names). */
export const DEMO_TREES: Record<string, DemoNode> = {
  'acme-corp': {
    code: 'ACME',
    name: '艾克米集团党委',
    kind: 'committee',
    children: [
      {
        code: 'ACME-RD',
        name: '研发中心党总支',
        kind: 'general_branch',
        children: [
          {
            code: 'ACME-RD-1',
            name: '软件研发党支部',
            kind: 'branch',
            children: [{ code: 'ACME-RD-1-G1', name: '第一党小组', kind: 'group' }],
          },
          { code: 'ACME-RD-2', name: '硬件研发党支部', kind: 'branch' },
        ],
      },
      { code: 'ACME-SALES', name: '销售部党支部', kind: 'branch' },
      { code: 'ACME-ADMIN', name: '机关党支部', kind: 'branch' },
    ],
  },
  'east-univ': {
    code: 'EU',
    name: '东方大学党委',
    kind: 'committee',
    children: [
      {
        code: 'EU-CS',
        name: '计算机学院党委',
        kind: 'committee',
        children: [
          { code: 'EU-CS-T', name: '计算机学院教工党支部', kind: 'branch' },
          { code: 'EU-CS-S1', name: '计算机学院本科生第一党支部', kind: 'branch' },
          { code: 'EU-CS-G', name: '计算机学院研究生党支部', kind: 'branch' },
        ],
      },
      {
        code: 'EU-LAW',
        name: '法学院党总支',
        kind: 'general_branch',
        children: [{ code: 'EU-LAW-S', name: '法学院学生党支部', kind: 'branch' }],
      },
    ],
  },
  'river-county': {
    code: 'RC',
    name: '临河县直属机关党委',
    kind: 'committee',
    children: [
      {
        code: 'RC-TOWN-1',
        name: '青石镇党委',
        kind: 'committee',
        children: [
          { code: 'RC-TOWN-1-V1', name: '柳树村党支部', kind: 'branch', gridLabel: 'community' },
          { code: 'RC-TOWN-1-C1', name: '新华社区网格党支部', kind: 'branch', gridLabel: 'community' },
        ],
      },
      { code: 'RC-IND', name: '物流行业联合党支部', kind: 'branch', gridLabel: 'industry', joint: true },
      { code: 'RC-BLD', name: '金融大厦楼宇党支部', kind: 'branch', gridLabel: 'building' },
    ],
  },
};
