import { logger } from '../logging/logger.js';

/**
 * Graceful stop on SIGTERM / SIGINT: runs the steps in order (stop taking work first, close
 * connections last), each one even if an earlier one failed, then exits. A process whose parent
 * went away (a supervisor like `npm start` killed outright) stops the same way instead of running on
 * as an orphan nobody will stop.
 */
export function stopOnSignals(processName: string, steps: (() => unknown)[]): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        logger.warn({ err: error }, `${processName}: a shutdown step failed`);
      }
    }
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const parent = process.ppid;
  if (parent > 1) {
    const watch = setInterval(() => {
      if (process.ppid !== parent) {
        clearInterval(watch);
        logger.warn({ parent }, `${processName}: the parent process is gone; stopping`);
        void stop();
      }
    }, 2000);
    watch.unref();
  }
}
