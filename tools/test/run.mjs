// `npm test`: builds what is stale, runs every tier of tests in one Jest run against the real
// Postgres and NATS, and ends with one line "N passed, N failed" counted from Jest's JSON results.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlatform } from '../platform/build.mjs';
import { root } from '../platform/services.mjs';

const output = join(root, 'test-output');
// The generator's proof (tools/generate/prove.mjs) keeps its results beside the main run's.
const results = join(root, process.env.TEST_RESULTS ?? 'test-output/jest-results.json');
mkdirSync(output, { recursive: true });
rmSync(results, { force: true });
// This run's logs and spans only: the personal-data scan below reads them.
rmSync(join(output, 'logs'), { recursive: true, force: true });
rmSync(join(output, 'platform.json'), { force: true });

try {
  await buildPlatform((line) => process.stdout.write(`${line}\n`), { inherit: true });
} catch {
  process.stdout.write('build failed: no tests ran\n0 passed, 1 failed\n');
  process.exit(1);
}

const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    join(root, 'node_modules/jest/bin/jest.js'),
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', NODE_NO_WARNINGS: '1' },
  },
);

if (!existsSync(results)) {
  process.stdout.write('jest wrote no results\n0 passed, 1 failed\n');
  process.exit(1);
}
const summary = JSON.parse(readFileSync(results, 'utf8'));
// A suite that could not run at all (syntax error, failed setup) counts as a failure too.
const brokenSuites = summary.testResults.filter(
  (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
).length;
const scan = await scanForPersonalData();
const passed = summary.numPassedTests + (scan === 'passed' ? 1 : 0);
const failed = summary.numFailedTests + brokenSuites + (scan === 'failed' ? 1 : 0);
const skipped = summary.numPendingTests + summary.numTodoTests;
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(jest.status === 0 && failed === 0 && passed > 0 ? 0 : 1);

/**
 * The personal-data scan (issue 20): this run's logs and exported spans hold no ID-card number, mobile
 * number or name of a person the test platform holds. Counted as one test; none when no platform ran.
 * Imported here, after the build: it reads the kit's built ID-card check.
 */
async function scanForPersonalData() {
  if (!existsSync(join(output, 'platform.json'))) return 'not run';
  const { namesOf, scanFiles } = await import('./pii-scan.mjs');
  const platform = JSON.parse(readFileSync(join(output, 'platform.json'), 'utf8'));
  const names = await namesOf(platform.adminDatabaseUrl, 'dangjian_test');
  const { files, hits } = scanFiles([join(output, 'logs'), join(output, 'spans')], names);
  if (hits.length === 0) {
    process.stdout.write(`personal-data scan: ${files} files, ${names.size} names, nothing found\n`);
    return 'passed';
  }
  process.stdout.write(`FAIL personal-data scan: ${hits.length} finding(s) in ${files} files\n`);
  for (const hit of hits.slice(0, 20))
    process.stdout.write(
      `  ${hit.kind} ${hit.value} in ${hit.file}: …${hit.context.replace(/\s+/g, ' ')}…\n`,
    );
  return 'failed';
}
