export const TENANT_TYPE_CHOICES = ['enterprise', 'university', 'county'].map((id) => ({
  id,
  name: `dj.tenant_types.${id}`,
}));
export const TENANT_STATUS_CHOICES = ['active', 'suspended'].map((id) => ({
  id,
  name: `dj.tenant_statuses.${id}`,
}));
export const MODULE_CHOICES = [
  'organisation',
  'learning',
  'disclosure',
  'supervision',
  'feature:dues-by-salary',
  'feature:student-pipeline',
  'feature:graduation-transfers',
  'feature:appeals',
  'feature:micro-wishes',
  'feature:grid-branches',
].map((id) => ({ id, name: `dj.modules.${id}` }));
