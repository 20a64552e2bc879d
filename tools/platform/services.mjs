// The processes of the platform and how each is started. One entry per service; the gateway last.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Services with a database, derived from services/<name>/package.json (issue 13: no hand-kept list):
 * every package there with a `dangjian` field is a service, started in its `startOrder` (identity
 * first: others ask it), then by name. Paths follow the layout the generator writes.
 */
export const SERVICES = readdirSync(join(root, 'services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'services', entry.name, 'package.json')))
  .map((entry) => ({
    name: entry.name,
    manifest: JSON.parse(readFileSync(join(root, 'services', entry.name, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => manifest.dangjian)
  .sort(
    (a, b) =>
      (a.manifest.dangjian.startOrder ?? 100) - (b.manifest.dangjian.startOrder ?? 100) ||
      a.name.localeCompare(b.name),
  )
  .map(({ name }) => ({
    name,
    main: `services/${name}/dist/main.js`,
    migrations: `services/${name}/prisma/migrations`,
    migrate: `services/${name}/dist/cli/migrate.js`,
    seed: `services/${name}/dist/cli/seed.js`,
  }));
