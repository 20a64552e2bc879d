export const KIND_CHOICES = ['committee', 'general_branch', 'branch', 'group'].map((id) => ({
  id,
  name: `dj.organisation_kinds.${id}`,
}));
export const GRID_LABEL_CHOICES = ['community', 'industry', 'building'].map((id) => ({
  id,
  name: `dj.grid_labels.${id}`,
}));
