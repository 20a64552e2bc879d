// CPU time spent while a measurement runs: per process (from /proc/<pid>/stat) and for the whole
// machine (/proc/stat). Requests/s on a shared two-CPU machine moves ±20 % from run to run; the CPU
// a request costs moves much less, so each change to the request path is judged by both.
import { readFileSync } from 'node:fs';

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

/** Starts counting; `stop()` gives ms of CPU for each named pid and for the machine. */
export function cpuMeter(pids) {
  const start = {
    machine: machineTicks(),
    ...Object.fromEntries(pids.map(([n, p]) => [n, processTicks(p)])),
  };
  return {
    stop() {
      const ms = { machine: (machineTicks() - start.machine) * TICK_MS };
      for (const [name, pid] of pids) ms[name] = (processTicks(pid) - start[name]) * TICK_MS;
      return ms;
    },
  };
}
