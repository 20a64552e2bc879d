// Local process helpers: the one implementation used by `npm start`, the test setup, the tests,
// CI and the benchmark. Plain JavaScript (types in index.d.ts) so that the start-up tools can use
// it on a fresh clone before anything is built.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Ports below Linux's ephemeral range (32768–60999): `listen(0)` hands out a port of that range, which an
 * outgoing connection could take as its local port before the process meant to listen on it does
 * (a CI run failed so, EADDRINUSE). No port is handed out twice by one process.
 */
const PORT_LOW = 20000;
const PORT_HIGH = 32767;
const handedOut = new Set();

/** @returns {Promise<number>} a port nothing listens on, below the ephemeral range */
export async function freePort() {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = PORT_LOW + Math.floor(Math.random() * (PORT_HIGH - PORT_LOW + 1));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${PORT_LOW} and ${PORT_HIGH}`);
}

/** @param {number} port */
function canListen(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    // Every address: a listener on 127.0.0.1 or on 0.0.0.0 makes the port taken either way.
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/**
 * @param {string} host
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function tcpAnswers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    /** @param {boolean} ok */
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

/**
 * Runs a command to completion; rejects with its output when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string>; cwd?: string; inherit?: boolean }} [options]
 * @returns {Promise<string>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/**
 * A long-running child whose output goes to a log file (and, if asked, to stdout with its name).
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string>; cwd?: string; logFile?: string; echo?: boolean }} [options]
 * @returns {import('./index.js').ManagedProcess}
 */
export function startProcess(name, command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  let tail = '';
  /** @param {Buffer} chunk */
  const onData = (chunk) => {
    log?.write(chunk);
    tail = (tail + chunk.toString()).slice(-4000);
    if (options.echo) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        process.stdout.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  /** @type {Promise<{ code: number | null; signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    name,
    child,
    exited,
    output: () => tail,
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      log?.end();
    },
  };
}

/**
 * Waits until GET url answers with an accepted status, or the process dies, or time runs out.
 * @param {string} url
 * @param {{ timeoutMs?: number; process?: import('./index.js').ManagedProcess; accept?: (status: number) => boolean }} [options]
 * @returns {Promise<void>}
 */
export async function waitForHttp(url, options = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const accept = options.accept ?? ((status) => status < 500);
  /** @type {unknown} */
  let exitedWith;
  void options.process?.exited.then((e) => (exitedWith = e));
  while (Date.now() < deadline) {
    if (exitedWith && options.process) {
      const { name, output } = options.process;
      throw new Error(`${name} exited (${JSON.stringify(exitedWith)}) before ${url} answered:\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (accept(response.status)) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = options.process ? `:\n${options.process.output()}` : '';
  throw new Error(`${url} did not answer within ${options.timeoutMs ?? 30_000} ms${tail}`);
}

/**
 * A private, real nats-server with JetStream on a free port; its store is removed on stop. `kill` and
 * `restart` make an outage: the same port and store afterwards.
 * @param {{ logFile?: string }} [options]
 * @returns {Promise<{ url: string; port: number; stop(): Promise<void>; kill(): Promise<void>; restart(): Promise<void> }>}
 */
export async function spawnNatsServer(options = {}) {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'dj-nats-'));
  const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir];
  const launch = () =>
    startProcess('nats', 'nats-server', args, options.logFile ? { logFile: options.logFile } : {});
  let proc = launch();
  const answering = async () => {
    const deadline = Date.now() + 10_000;
    while (!(await tcpAnswers('127.0.0.1', port))) {
      if (proc.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`nats-server did not start (is it on PATH?): ${proc.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    await proc.stop();
    rmSync(storeDir, { recursive: true, force: true });
  };
  await answering().catch(async (error) => {
    await stop();
    throw error;
  });
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop,
    // An outage: the server killed, then started again on its port with its JetStream store.
    kill: () => proc.stop(),
    restart: async () => {
      proc = launch();
      await answering();
    },
  };
}
