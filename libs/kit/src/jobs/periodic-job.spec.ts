import { PeriodicJob } from './periodic-job.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PeriodicJob', () => {
  it('runs after the first delay and then on every tick, never two runs at once, and survives a failed run', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const job = new PeriodicJob('test-job', { firstRunAfterMs: 5, everyMs: 5 }, async () => {
      runs++;
      overlapped ||= running > 0;
      running++;
      await sleep(20);
      running--;
      if (runs === 1) throw new Error('first run fails');
    });
    await job.start();
    expect(runs).toBe(0);
    // Wait for the runs, not for a fixed time: on a busy machine timers fire late.
    const deadline = Date.now() + 10_000;
    while (runs < 3 && Date.now() < deadline) await sleep(5);
    await job.stop();
    const stoppedAt = runs;
    expect(stoppedAt).toBeGreaterThanOrEqual(3);
    expect(overlapped).toBe(false);
    expect(running).toBe(0);
    await sleep(40);
    expect(runs).toBe(stoppedAt);
  });
});
