export type KindName = 'committee' | 'general_branch' | 'branch' | 'group';
export type GridLabelName = '' | 'community' | 'industry' | 'building';

/**
 * Which kind may sit under which (the 党章 hierarchy: 基层党委 › 党总支 › 党支部 › 党小组; a
 * committee may also sit under a committee, a branch directly under a committee). A tree's root
 * is a committee. Local structural rule, recorded in docs/decisions/0008-organisation-tree.md.
 */
export const ALLOWED_PARENTS: Record<KindName, readonly (KindName | null)[]> = {
  committee: [null, 'committee'],
  general_branch: ['committee'],
  branch: ['committee', 'general_branch'],
  group: ['branch'],
};
