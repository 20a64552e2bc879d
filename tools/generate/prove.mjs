// CI's proof that the generator writes a working slice (issue 13): on a clean checkout, generate a
// service and a resource, lint and typecheck everything, run the slice's own tests against a test
// platform that now includes it, and put the tree back. Ends with "N passed, N failed" like npm test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SERVICE = 'genprobe';
const RESOURCE = 'gadgets';
const MADE = [
  `proto/dangjian/${SERVICE}`,
  `services/${SERVICE}`,
  `libs/contracts/src/gen/dangjian/${SERVICE}`,
  `gateway/src/resources/${RESOURCE}`,
  `admin-ui/src/${RESOURCE}`,
];
const DERIVED = [
  'libs/contracts/src/gen/index.ts',
  'gateway/src/resources/index.ts',
  'admin-ui/src/resources.gen.ts',
  'package-lock.json',
];
const results = 'test-output/generator-results.json';

// Each step's output passes through; a failed step's name and last lines are said again at the end,
// where CI's shortened log still shows them.
const failures = [];
const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status === 0) return true;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  failures.push({ step: [command.split('/').pop(), ...args].join(' '), tail: output.split('\n').slice(-30) });
  return false;
};

if (MADE.some((path) => existsSync(join(root, path)))) {
  process.stdout.write(`prove: ${MADE.join(', ')} must not exist yet\n0 passed, 1 failed\n`);
  process.exit(1);
}

let steps = 0;
let summary = '0 passed, 0 failed';
try {
  const npx = join(root, 'node_modules/.bin');
  if (!run(process.execPath, ['tools/generate/generate.mjs', 'service', SERVICE])) steps++;
  else if (
    !run(process.execPath, [
      'tools/generate/generate.mjs',
      'resource',
      SERVICE,
      RESOURCE,
      '--label',
      '小器件',
    ])
  )
    steps++;
  else {
    if (!run('sh', ['-c', 'cd proto && ../node_modules/.bin/buf lint'])) steps++;
    // `npm ci` on a fresh clone needs the new workspace in the lock file.
    if (!readFileSync(join(root, 'package-lock.json'), 'utf8').includes(`"services/${SERVICE}": {`)) {
      failures.push({ step: 'package-lock.json names the new service', tail: [] });
      steps++;
    }
    if (!run(join(npx, 'prettier'), ['--check', ...MADE.filter((path) => !path.startsWith('libs/'))]))
      steps++;
    if (!run(join(npx, 'nx'), ['run-many', '-t', 'build', 'lint', 'typecheck', '--output-style=static']))
      steps++;
    rmSync(join(root, results), { force: true });
    run(process.execPath, ['tools/test/run.mjs', `services/${SERVICE}`], {
      TEST_RESULTS: results,
      SKIP_BUILD: '1',
    });
    if (existsSync(join(root, results))) {
      const jest = JSON.parse(readFileSync(join(root, results), 'utf8'));
      const broken = jest.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0);
      summary = `${jest.numPassedTests} passed, ${jest.numFailedTests + broken.length} failed`;
      if (jest.numPassedTests < 3) steps++; // the slice's own tests must have run
    } else steps++;
  }
} finally {
  for (const path of MADE) rmSync(join(root, path), { recursive: true, force: true });
  run('git', ['checkout', '--', ...DERIVED]);
  // The builds in dist/ go back to the tree's (from Nx's cache): nothing of the slice is left running.
  run(join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '--output-style=static']);
}
const [, passed, failed] = /^(\d+) passed, (\d+) failed/.exec(summary);
for (const { step, tail } of failures)
  process.stdout.write(`generator step failed: ${step}\n${tail.map((line) => `  | ${line}`).join('\n')}\n`);
process.stdout.write(`generator: ${steps} step(s) failed besides the tests\n`);
process.stdout.write(`${passed} passed, ${Number(failed) + steps} failed\n`);
process.exit(Number(failed) + steps === 0 ? 0 : 1);
