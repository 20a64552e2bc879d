import { logger } from '../logging/logger.js';

/**
 * Graceful stop on SIGTERM / SIGINT: runs the steps in order (stop taking work first, close
 * connections last), each one even if an earlier one failed, then exits.
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
}
