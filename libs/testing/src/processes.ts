import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Local process helpers: the one implementation used by the test setup, the tests, `npm start`
 * and the benchmark (tools/platform imports them from here).
 */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function tcpAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  stop(graceMs?: number): Promise<void>;
}

/** A long-running child whose output goes to a log file (and, if asked, to stdout with its name). */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; logFile?: string; echo?: boolean } = {},
): ManagedProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  let tail = '';
  const onData = (chunk: Buffer) => {
    log?.write(chunk);
    tail = (tail + chunk.toString()).slice(-4000);
    if (options.echo) for (const line of chunk.toString().split('\n').filter(Boolean)) process.stdout.write(`[${name}] ${line}\n`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
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

/** Waits until GET url answers with an accepted status, or the process dies, or time runs out. */
export async function waitForHttp(
  url: string,
  options: { timeoutMs?: number; process?: ManagedProcess; accept?: (status: number) => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const accept = options.accept ?? ((status: number) => status < 500);
  let exitedWith: unknown;
  void options.process?.exited.then((e) => (exitedWith = e));
  while (Date.now() < deadline) {
    if (exitedWith) throw new Error(`${options.process!.name} exited (${JSON.stringify(exitedWith)}) before ${url} answered:\n${options.process!.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (accept(response.status)) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${options.timeoutMs ?? 30_000} ms${options.process ? `:\n${options.process.output()}` : ''}`);
}

/** A private, real nats-server with JetStream on a free port; its store is removed on stop. */
export async function spawnNatsServer(options: { logFile?: string } = {}): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'dj-nats-'));
  const proc = startProcess('nats', 'nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], options.logFile ? { logFile: options.logFile } : {});
  const stop = async () => {
    await proc.stop();
    rmSync(storeDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await tcpAnswers('127.0.0.1', port))) {
    if (proc.child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`nats-server did not start (is it on PATH?): ${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `nats://127.0.0.1:${port}`, port, stop };
}
