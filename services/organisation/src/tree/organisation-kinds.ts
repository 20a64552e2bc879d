import { GridLabel, OrganisationKind } from '@dangjian/contracts';

export type KindName = 'committee' | 'general_branch' | 'branch' | 'group';
export type GridLabelName = '' | 'community' | 'industry' | 'building';

export const KIND_NAMES: Record<OrganisationKind, KindName | undefined> = {
  [OrganisationKind.UNSPECIFIED]: undefined,
  [OrganisationKind.COMMITTEE]: 'committee',
  [OrganisationKind.GENERAL_BRANCH]: 'general_branch',
  [OrganisationKind.BRANCH]: 'branch',
  [OrganisationKind.GROUP]: 'group',
};

export const KIND_OF_NAME = Object.fromEntries(
  Object.entries(KIND_NAMES).filter(([, name]) => name).map(([kind, name]) => [name, Number(kind) as OrganisationKind]),
) as Record<KindName, OrganisationKind>;

export const GRID_LABEL_NAMES: Record<GridLabel, GridLabelName> = {
  [GridLabel.UNSPECIFIED]: '',
  [GridLabel.COMMUNITY]: 'community',
  [GridLabel.INDUSTRY]: 'industry',
  [GridLabel.BUILDING]: 'building',
};

export const GRID_LABEL_OF_NAME = Object.fromEntries(Object.entries(GRID_LABEL_NAMES).map(([label, name]) => [name, Number(label) as GridLabel])) as Record<GridLabelName, GridLabel>;

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
