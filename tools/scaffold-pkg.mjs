// Writes the package.json and tsconfigs of a new workspace project, following the conventions
// of the existing ones: `node tools/scaffold-pkg.mjs services/learning @dangjian/learning scope:learning,type:app @dangjian/kit,@dangjian/contracts`
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
const [dir, name, tags, depsCsv = ''] = process.argv.slice(2);
mkdirSync(join(dir, 'src'), { recursive: true });
const rel = relative(dir, '.') || '.';
const deps = Object.fromEntries(
  depsCsv
    .split(',')
    .filter(Boolean)
    .map((d) => [d, '*']),
);
const pkg = {
  name,
  version: '0.0.0',
  private: true,
  type: 'module',
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
  scripts: {
    build: 'tsc -p tsconfig.build.json',
    typecheck: 'tsc -p tsconfig.json --noEmit',
    lint: `eslint src test`,
    test: `node --experimental-vm-modules ${rel}/node_modules/jest/bin/jest.js -c ${rel}/jest.config.mjs --passWithNoTests ${dir}/`,
  },
  dependencies: deps,
  nx: { tags: tags.split(',') },
};
if (!existsSync(join(dir, 'package.json')))
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify(
    {
      extends: `${rel}/tsconfig.base.json`,
      compilerOptions: { rootDir: '.', noEmit: true, types: ['node', 'jest'] },
      include: ['src', 'test'],
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  join(dir, 'tsconfig.build.json'),
  JSON.stringify(
    {
      extends: `${rel}/tsconfig.base.json`,
      compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
      include: ['src'],
      exclude: ['src/**/*.spec.ts', 'src/**/*-spec.ts'],
    },
    null,
    2,
  ) + '\n',
);
