import { logger } from '../logging/logger.js';

/**
 * A job a service runs on a timer (e.g. a daily check). Runs never overlap within a process; jobs
 * must still be safe on two replicas at once, since every replica runs its own timer. A failed run
 * is logged and tried again at the next tick. Started and stopped with the service's consumers.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly options: { firstRunAfterMs: number; everyMs: number },
    private readonly work: () => Promise<unknown>,
  ) {}

  async start(): Promise<void> {
    const tick = (delay: number) => {
      this.timer = setTimeout(() => {
        this.running = this.runOnce().finally(() => {
          this.running = undefined;
          if (this.timer) tick(this.options.everyMs);
        });
      }, delay);
      this.timer.unref();
    };
    tick(this.options.firstRunAfterMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async runOnce(): Promise<void> {
    const started = Date.now();
    try {
      const result = await this.work();
      logger.info({ job: this.name, ms: Date.now() - started, result }, `${this.name} done`);
    } catch (error) {
      logger.error({ job: this.name, err: error }, `${this.name} failed; next try at the next tick`);
    }
  }
}
