// CI's proof of the README's first command: `npm start` on this clone, as a new user runs it.
//
//   node tools/ci/quick-start.mjs up      start it (detached, its own process group), wait for its URLs,
//                                         print seconds to healthy; leaves it running
//   node tools/ci/quick-start.mjs check   health, a password-grant login, an authenticated list, the
//                                         console's index page; the resident memory of every process
//   node tools/ci/quick-start.mjs down    Ctrl-C (SIGINT to the process group), then every process it
//                                         ran must have exited
//
// State between the steps is kept in test-output/quick-start.json; figures are appended to
// test-output/quick-start.txt. Imports nothing built (a test checks it).
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { passwordGrant } from '../platform/login.mjs';
import { root } from '../platform/services.mjs';

const output = join(root, 'test-output');
const stateFile = join(output, 'quick-start.json');
const logFile = join(output, 'quick-start.log');
const figures = join(output, 'quick-start.txt');
const READY_BANNER = '党建云 Dangjian Cloud is running';
const START_TIMEOUT_MS = Number(process.env.QUICK_START_TIMEOUT_MS ?? 600_000);
const MEMORY_GOAL_BYTES = 2 * 1024 ** 3;

const say = (line) => {
  process.stdout.write(`${line}\n`);
  appendFileSync(figures, `${line}\n`);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every live process: pid → { ppid, command }. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      table.set(Number(entry), { ppid, command });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** The process and all its descendants, as they are now. */
function tree(rootPid) {
  const table = processTable();
  const found = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    if (!table.has(pid)) continue;
    found.push({ pid, command: table.get(pid).command });
    for (const [child, info] of table) if (info.ppid === pid) queue.push(child);
  }
  return found;
}

function residentBytes(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

/** A short name for a process of the platform, from its command line. */
function label(command) {
  const main = command.match(/(services\/\w+|gateway)\/dist\/main\.js/);
  if (main) return main[1].replace('services/', '');
  if (/postgres/.test(command))
    return `postgres ${command.split(' ').slice(0, 2).join(' ').replace(/^.*\//, '')}`;
  if (/nats-server/.test(command)) return 'nats-server';
  if (/^(\/bin\/)?sh -c/.test(command)) return 'sh (npm run-script)';
  if (/tools\/dev\/start\.mjs/.test(command)) return 'npm start (node)';
  if (/^npm|npm-cli/.test(command)) return 'npm';
  return command.slice(0, 60);
}

async function up(phase) {
  mkdirSync(output, { recursive: true });
  const out = openSync(logFile, 'a');
  const started = Date.now();
  // A process group of its own, as a terminal gives a command: Ctrl-C reaches the whole group.
  const child = spawn('npm', ['start'], { cwd: root, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  const deadline = started + START_TIMEOUT_MS;
  let text = '';
  while (Date.now() < deadline) {
    text = readFileSync(logFile, 'utf8');
    if (text.includes(READY_BANNER)) break;
    if (child.exitCode !== null || !alive(child.pid))
      throw new Error(`npm start exited before it was ready:\n${text.slice(-4000)}`);
    await sleep(250);
  }
  if (!text.includes(READY_BANNER))
    throw new Error(`npm start was not ready within ${START_TIMEOUT_MS} ms:\n${text.slice(-4000)}`);
  const gatewayUrl = text.match(/console\s+(http:\/\/\S+?)\/console\//)?.[1];
  const issuer = text.match(/identity provider\s+(http:\/\/\S+)/)?.[1];
  if (!gatewayUrl || !issuer) throw new Error(`npm start did not print its URLs:\n${text.slice(-2000)}`);
  for (;;) {
    const health = await fetch(`${gatewayUrl}/health`).catch(() => undefined);
    if (health?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`${gatewayUrl}/health never answered 200`);
    await sleep(100);
  }
  const seconds = (Date.now() - started) / 1000;
  const state = { pid: child.pid, gatewayUrl, issuer, phase, seconds };
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  say(`quick start (${phase}): npm start → healthy in ${seconds.toFixed(1)} s; ${gatewayUrl}`);
}

async function expectStatus(what, response, status) {
  if (response.status !== status)
    throw new Error(`${what}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  say(`  ✓ ${what}: ${response.status}`);
}

async function check() {
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  const { gatewayUrl, issuer } = state;
  await expectStatus('GET /health', await fetch(`${gatewayUrl}/health`), 200);
  const token = await passwordGrant(issuer);
  await expectStatus('password-grant login of acme-admin', token.clone(), 200);
  const { access_token: accessToken } = await token.json();
  const query = `sort=${encodeURIComponent('["username","ASC"]')}&range=${encodeURIComponent('[0,24]')}`;
  const list = await fetch(`${gatewayUrl}/api/v1/users?${query}`, {
    headers: { authorization: `Bearer ${accessToken}`, 'x-tenant': 'acme-corp' },
  });
  await expectStatus('GET /api/v1/users as acme-admin', list.clone(), 200);
  const users = await list.json();
  const range = list.headers.get('content-range');
  if (!Array.isArray(users) || users.length === 0 || !/^users \d+-\d+\/\d+$/.test(range ?? '')) {
    throw new Error(
      `the user list is not a react-admin list: ${range} ${JSON.stringify(users).slice(0, 200)}`,
    );
  }
  say(`    ${users.length} people, Content-Range ${range}`);
  const console = await fetch(`${gatewayUrl}/console/`);
  await expectStatus('GET /console/', console.clone(), 200);
  const html = await console.text();
  if (!/<div id="root">/.test(html) || !/<script[^>]+src="\/console\/assets\//.test(html)) {
    throw new Error(`the console's index page is not the built console:\n${html.slice(0, 500)}`);
  }

  const processes = tree(state.pid).map((p) => ({ ...p, rss: residentBytes(p.pid) }));
  const total = processes.reduce((sum, p) => sum + p.rss, 0);
  say(`  resident memory of the ${processes.length} processes npm start runs (${state.phase}):`);
  for (const p of [...processes].sort((a, b) => b.rss - a.rss)) {
    say(
      `    ${(p.rss / 1024 ** 2).toFixed(0).padStart(6)} MB  ${String(p.pid).padStart(7)}  ${label(p.command)}`,
    );
  }
  const within = total <= MEMORY_GOAL_BYTES ? 'within' : 'OVER';
  // RSS counts pages shared between processes (Postgres's shared buffers, Node's code) once per process.
  say(`    ${(total / 1024 ** 2).toFixed(0).padStart(6)} MB  in all, summed RSS (${within} the 2 GiB goal)`);
  state.pids = processes.map((p) => p.pid);
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

async function down() {
  if (!existsSync(stateFile)) return;
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  if (state.stopped) return;
  const pids = [...new Set([...(state.pids ?? []), ...tree(state.pid).map((p) => p.pid)])];
  if (pids.length === 0) throw new Error('npm start is not running');
  const started = Date.now();
  try {
    process.kill(-state.pid, 'SIGINT');
  } catch {
    // the group is gone already: the check below says so
  }
  const deadline = started + 60_000;
  while (pids.some(alive) && Date.now() < deadline) await sleep(100);
  const left = pids.filter(alive);
  if (left.length > 0) {
    const table = processTable();
    const names = left.map((pid) => `${pid} ${label(table.get(pid)?.command ?? '?')}`).join(', ');
    for (const pid of left) process.kill(pid, 'SIGKILL');
    throw new Error(`after Ctrl-C these processes of npm start were still running a minute later: ${names}`);
  }
  say(`  ✓ Ctrl-C: all ${pids.length} processes exited in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  writeFileSync(stateFile, JSON.stringify({ ...state, stopped: true }, null, 2));
}

const steps = { up: () => up(process.argv[3] ?? 'start'), check, down };
const step = steps[process.argv[2]];
if (!step) {
  process.stderr.write('usage: quick-start.mjs up [phase] | check | down\n');
  process.exit(2);
}
try {
  await step();
} catch (error) {
  process.stderr.write(`quick start ${process.argv[2]} failed: ${error.message}\n`);
  process.exit(1);
}
