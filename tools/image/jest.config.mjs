// The image proof's Jest run (tools/image/prove.mjs): the repository's configuration, its
// *.image-spec.ts files only, and no test platform (each suite boots its own from the images).
// eslint-disable-next-line @nx/enforce-module-boundaries -- the repository's Jest configuration, not a project
import base from '../../jest.config.mjs';

export default {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/charts/test/*.image-spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
};
