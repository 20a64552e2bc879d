import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command, args, { env = {}, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

/**
 * A long-running child process whose output goes to a log file (and optionally to our stdout,
 * prefixed). stop() sends SIGTERM and waits, then SIGKILL after a grace period.
 */
export function startProcess(name, command, args, { env = {}, cwd, logFile, echo = false } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  let tail = '';
  const onData = (chunk) => {
    log?.write(chunk);
    tail = (tail + chunk).slice(-4000);
    if (echo) for (const line of String(chunk).split('\n').filter(Boolean)) process.stdout.write(`[${name}] ${line}\n`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    name,
    child,
    exited,
    output: () => tail,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      log?.end();
    },
  };
}

/** Waits until GET url answers with an accepted status, or the process dies, or time runs out. */
export async function waitForHttp(url, { timeoutMs = 30_000, process: proc, accept = (status) => status < 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let exitedWith;
  proc?.exited.then((e) => (exitedWith = e));
  while (Date.now() < deadline) {
    if (exitedWith) throw new Error(`${proc.name} exited (${JSON.stringify(exitedWith)}) before ${url} answered:\n${proc.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (accept(response.status)) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms${proc ? `:\n${proc.output()}` : ''}`);
}

/** True when something accepts TCP connections on host:port. */
export function tcpAnswers(host, port, timeoutMs = 1000) {
  return import('node:net').then(
    ({ connect }) =>
      new Promise((resolve) => {
        const socket = connect({ host, port });
        const done = (ok) => {
          socket.destroy();
          resolve(ok);
        };
        socket.setTimeout(timeoutMs, () => done(false));
        socket.on('connect', () => done(true));
        socket.on('error', () => done(false));
      }),
  );
}
