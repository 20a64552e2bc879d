// Generated message types (from proto/, committed: see docs/decisions/0003-generated-contracts.md)
// and the naming rules for subjects built from them.
export * from './gen/index.js';
export * from './subjects.js';
export * from './access.js';
export * from './names.js';
export * from './values.js';
export * from './problems.js';
