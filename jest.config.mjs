// One Jest run over the whole workspace, in ESM mode (Nest 12 is ESM-only): node must be started
// with --experimental-vm-modules (npm test does it). Three tiers by file name:
//   *.spec.ts              pure units
//   *.integration-spec.ts  real Postgres and NATS
//   *.e2e-spec.ts          through the gateway, processes spawned by the global setup
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': swc },
  moduleNameMapper: {
    '^@dangjian/kit/(telemetry|config)$': '<rootDir>/libs/kit/src/$1/index.ts',
    '^@dangjian/(contracts|kit|testing)$': '<rootDir>/libs/$1/src/index.ts',
    '^@dangjian/tools/(platform|processes|services|nats)$': '<rootDir>/tools/platform/$1.mjs',
    '^@dangjian/tools/helm$': '<rootDir>/tools/helm/helm.mjs',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: [
    '<rootDir>/{libs,services,gateway,admin-ui,tools,charts}/**/*.{spec,integration-spec,e2e-spec}.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/tools/test/global-setup.mjs',
  globalTeardown: '<rootDir>/tools/test/global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 2,
};
