// The rendered chart boots the platform on this machine, each container run as a process of this
// repository (the image's /app is the repository here). A variable renamed in the code or the chart
// fails here, not at an install. The same boot with the built images: boot.image-spec.ts.
import { join } from 'node:path';
import { run, startProcess } from '@dangjian/tools/processes';
import { root } from '@dangjian/tools/services';
import { bootChart, describeBootedChart, type Booted, type Launcher } from './boot.js';
import type { Container } from './helm.js';

const APP_ROOT = '/app';

/** Paths inside the image (the app root) are the repository here. */
function local(path: string): string {
  if (path !== APP_ROOT && !path.startsWith(`${APP_ROOT}/`))
    throw new Error(`${path} is outside ${APP_ROOT}`);
  return join(root, path.slice(APP_ROOT.length));
}

function localEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      value.startsWith(`${APP_ROOT}/`) ? local(value) : value,
    ]),
  );
}

const cwd = (container: Container) => local(container.workingDir ?? APP_ROOT);

const processes: Launcher = {
  runJob(_name, _pod, container, env) {
    const [command, ...args] = container.command;
    return run(command!, args, { cwd: cwd(container), env: localEnv(env) });
  },
  start(name, _pod, container, env, logFile) {
    const [command, ...args] = container.command;
    return startProcess(name, command!, args, { cwd: cwd(container), env: localEnv(env), logFile });
  },
};

let booted: Booted;

beforeAll(async () => {
  booted = await bootChart({
    launcher: processes,
    namespace: 'dangjian-chart-boot',
    databasePrefix: 'dangjian_chart_boot',
    logDir: 'chart-boot',
  });
}, 300_000);

afterAll(() => booted?.stop(), 60_000);

describe('the rendered chart, booted here as processes', () => {
  describeBootedChart(() => booted);
});
