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
const passed = summary.numPassedTests;
const failed = summary.numFailedTests + brokenSuites;
const skipped = summary.numPendingTests + summary.numTodoTests;
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(jest.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
