import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * `npm start` and `npm run bench` run on a fresh clone where nothing is built yet: everything they
 * import statically (before their build step) must be source, never a built `dist/` file.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const staticImports = (source: string) =>
  [
    ...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
  ].map((m) => m[1]!);

/** Every file reached through static imports from `entry`, following workspace packages. */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.')) {
        visit(resolve(dirname(file), specifier));
      } else if (specifier.startsWith('@dangjian/')) {
        const [scope, name, ...rest] = specifier.split('/');
        const pkgDir = realpathSync(join(root, 'node_modules', scope!, name!));
        const pkg = JSON.parse(readFileSync(`${pkgDir}/package.json`, 'utf8')) as {
          exports: Record<string, { default: string }>;
        };
        const target = pkg.exports[rest.length ? `./${rest.join('/')}` : '.']!.default;
        visit(resolve(pkgDir, target));
      }
    }
  };
  visit(entry);
  return [...seen].map((file) => file.slice(root.length));
}

describe('the start-up tools on a fresh clone', () => {
  it.each(['tools/dev/start.mjs', 'tools/bench/run.mjs', 'tools/ci/quick-start.mjs'])(
    '%s imports nothing built before it builds',
    (entry) => {
      const files = reachable(`${root}${entry}`);
      expect(files.length).toBeGreaterThan(1);
      expect(files.filter((file) => file.includes('/dist/'))).toEqual([]);
      expect(files.filter((file) => file.startsWith('libs/testing/'))).toEqual([]);
    },
  );
});
