export * from './platform.js';
export * from './tokens.js';
export * from './api.js';
export * from './processes.js';
export * from './schema-agreement.js';
export * from './row-level-security.js';
export * from './events.js';
export * from './people.js';
