import type { ChildProcess } from 'node:child_process';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  stop(graceMs?: number): Promise<void>;
}

export function freePort(): Promise<number>;
export function tcpAnswers(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export function run(
  command: string,
  args: string[],
  options?: { env?: Record<string, string>; cwd?: string; inherit?: boolean },
): Promise<string>;
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options?: { env?: Record<string, string>; cwd?: string; logFile?: string; echo?: boolean },
): ManagedProcess;
export function waitForHttp(
  url: string,
  options?: { timeoutMs?: number; process?: ManagedProcess; accept?: (status: number) => boolean },
): Promise<void>;
export function spawnNatsServer(options?: { logFile?: string }): Promise<{
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Kills the server, keeping its store (an outage). */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same store. */
  restart(): Promise<void>;
}>;
