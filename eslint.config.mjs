import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import dangjian from './tools/lint-rules/route-access.mjs';
import { SERVICES } from './tools/platform/services.mjs';

const SERVICE_NAMES = SERVICES.map((service) => service.name);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/generated/**',
      'libs/contracts/src/gen/**',
      '.nx/**',
      '.data/**',
      'test-output/**',
      '**/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', 'libs/processes/src/**/*.js'],
    plugins: { '@nx': nx, dangjian },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        AbortSignal: 'readonly',
        globalThis: 'readonly',
        URLSearchParams: 'readonly',
        Headers: 'readonly',
      },
    },
    rules: {
      // Boundaries that bite: services and the gateway depend on shared libs and contracts only,
      // never on each other; libs never on apps; test helpers only where tests are.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Each service (derived from services/*/package.json): shared libraries only.
            ...SERVICE_NAMES.map((name) => ({
              sourceTag: `scope:${name}`,
              onlyDependOnLibsWithTags: ['scope:shared'],
            })),
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The charts deploy every process: their tests read each one's configuration and tools.
            { sourceTag: 'scope:deployment', onlyDependOnLibsWithTags: ['*'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:testing', 'type:tooling'],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            { sourceTag: 'type:deployment', onlyDependOnLibsWithTags: ['*'] },
            {
              sourceTag: 'type:tooling',
              onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:testing'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Test helpers are for tests: production code must not import @dangjian/testing.
    files: ['**/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*-spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@dangjian/testing', message: 'test helpers belong in tests' }],
          patterns: [
            { group: ['@dangjian/tools/*'], message: 'workspace tools belong in tests and scripts' },
          ],
        },
      ],
    },
  },
  {
    // The development platform's start-up tools (npm start, the bench, CI) must not need the test
    // helpers: they run on a fresh clone, and test helpers are for tests.
    files: ['tools/dev/**', 'tools/platform/**', 'tools/bench/**', 'tools/ci/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@dangjian/testing',
              message: 'start-up tools use @dangjian/processes, not the test helpers',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['gateway/src/**/*.controller.ts'],
    rules: { 'dangjian/route-access': 'error' },
  },
  {
    // Only config modules read the environment (config validated at start).
    files: ['services/*/src/**/*.ts', 'gateway/src/**/*.ts'],
    ignores: ['**/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read configuration through the validated config' },
      ],
    },
  },
);
