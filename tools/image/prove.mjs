// CI's proof that the Dockerfile makes images that run the platform (issue 19): make the base image
// here (tools/image/base.sh: debootstrap + Node 24 from the npm registry; no image registry is
// reachable), build every deployable's target with buildah (no daemon; chroot isolation, the host's
// network for the build stage's `npm ci`), then boot the rendered chart from those images under podman
// (charts/test/boot.image-spec.ts). Ends with "N passed, N failed" like npm test; a failed build counts
// as a failure. Writes the build times and image sizes to test-output/image.txt.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TARGETS = ['gateway', 'identity', 'organisation', 'learning', 'disclosure', 'supervision'];
const REGISTRY = process.env.IMAGE_REGISTRY ?? 'localhost/dangjian';
const TAG = process.env.IMAGE_TAG ?? 'dev';
const results = join(root, 'test-output/image-results.json');
const figures = [];
mkdirSync(join(root, 'test-output'), { recursive: true });
rmSync(results, { force: true });

const finish = (passed, failed) => {
  writeFileSync(join(root, 'test-output/image.txt'), `${figures.join('\n')}\n`);
  process.stdout.write(`${figures.join('\n')}\n${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
};

/** Runs a step with its output passing through; false (and the step named) if it fails. */
const step = (name, command, args, options = {}) => {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: options.capture ? 'pipe' : 'inherit',
    ...options,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`image step failed: ${name} (${seconds} s)\n`);
    if (options.capture) process.stdout.write(`${result.stdout}${result.stderr}`);
    return undefined;
  }
  figures.push(`${name}: ${seconds} s`);
  return options.capture ? String(result.stdout) : '';
};

for (const tool of ['podman', 'buildah', 'debootstrap', 'runc'])
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    process.stdout.write(`image step failed: ${tool} is not installed (apt-get install ${tool})\n`);
    finish(0, 1);
  }

const base = step('base image (debootstrap, Node 24)', 'bash', ['tools/image/base.sh'], {
  capture: true,
  encoding: 'utf8',
});
if (base === undefined) finish(0, 1);
const baseImage = base.trim().split('\n').pop();

let failedBuilds = 0;
for (const target of TARGETS) {
  const built = step(`buildah bud --target ${target}`, 'buildah', [
    'bud',
    '--isolation=chroot',
    '--network=host',
    '--layers',
    `--build-arg=NODE_IMAGE=${baseImage}`,
    `--target=${target}`,
    `--tag=${REGISTRY}/${target}:${TAG}`,
    '.',
  ]);
  if (built === undefined) failedBuilds++;
}
if (failedBuilds > 0) finish(0, failedBuilds);

const sizes = step('image sizes', 'podman', ['images', '--format={{.Repository}}:{{.Tag}} {{.Size}}'], {
  capture: true,
  encoding: 'utf8',
});
for (const line of (sizes ?? '').split('\n'))
  if (line.startsWith(`${REGISTRY}/`) && line.includes(`:${TAG} `)) figures.push(`  ${line}`);

spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    join(root, 'node_modules/jest/bin/jest.js'),
    '-c',
    'tools/image/jest.config.mjs',
    '--json',
    `--outputFile=${results}`,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      IMAGE_REGISTRY: REGISTRY,
      IMAGE_TAG: TAG,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      NODE_NO_WARNINGS: '1',
    },
  },
);
if (!existsSync(results)) {
  process.stdout.write('image step failed: jest wrote no results\n');
  finish(0, 1);
}
// The build stages and layers of earlier runs are not kept (the tagged images are): ~1.7 GB each.
spawnSync('podman', ['image', 'prune', '--force'], { stdio: 'ignore' });
const jest = JSON.parse(readFileSync(results, 'utf8'));
const broken = jest.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0);
finish(jest.numPassedTests, jest.numFailedTests + broken.length);
