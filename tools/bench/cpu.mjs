// CPU time spent while a measurement runs: per process (from /proc/<pid>/stat) and for the whole
// machine (/proc/stat). Requests/s on a shared two-CPU machine moves ±20 % from run to run; the CPU
// a request costs moves much less, so each change to the request path is judged by both.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function processTicks(pid) {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function machineTicks() {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const values = cpu.split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  return values.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
}

/** The pids of processes whose command name is `comm` (e.g. `postgres`, `nats-server`). */
function pidsNamed(comm) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Every process named `comm` at the time of reading, as a group for `cpuMeter`. */
export const named = (comm) => ({ comm });

/**
 * Starts counting; `stop()` gives ms of CPU for each named pid, list of pids or group of processes
 * (`named(comm)`, summed) and for the machine. A process that ends meanwhile loses its share; one that
 * starts meanwhile counts whole (Postgres backends are pooled, so few do either).
 */
export function cpuMeter(pids) {
  const members = (p) => (typeof p === 'object' && !Array.isArray(p) ? pidsNamed(p.comm) : [p].flat());
  const read = (p) => new Map(members(p).map((pid) => [pid, processTicks(pid)]));
  const startMachine = machineTicks();
  const start = pids.map(([, p]) => read(p));
  return {
    stop() {
      const ms = { machine: (machineTicks() - startMachine) * TICK_MS };
      pids.forEach(([name, p], i) => {
        let ticks = 0;
        for (const [pid, now] of read(p)) ticks += now - (start[i].get(pid) ?? 0);
        ms[name] = ticks * TICK_MS;
      });
      return ms;
    },
  };
}
