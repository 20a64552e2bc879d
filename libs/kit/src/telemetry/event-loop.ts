import { monitorEventLoopDelay } from 'node:perf_hooks';
import { observeGauges } from './metrics.js';

/** How long each window of the event-loop delay lasts; a reading covers this one and the one before. */
const WINDOW_MS = 30_000;

type IntervalHistogram = ReturnType<typeof monitorEventLoopDelay>;

/**
 * The event loop's delay as gauges (decision 0036): the longest and the 99th percentile over the last
 * 30–60 s. A process whose loop is held (a large file parsed at once, a synchronous loop over many
 * rows) answers nothing meanwhile, and its RPCs time out at the gateway; this shows it. Windows rotate
 * on a timer, not on reads, so Prometheus and the OTLP push see the same values.
 */
export function observeEventLoopDelay(): () => void {
  let previous: IntervalHistogram | undefined;
  let current = monitorEventLoopDelay({ resolution: 10 });
  current.enable();
  const rotate = setInterval(() => {
    previous?.disable();
    previous = current;
    current = monitorEventLoopDelay({ resolution: 10 });
    current.enable();
  }, WINDOW_MS);
  rotate.unref();
  const seconds = (nanoseconds: number) => (Number.isFinite(nanoseconds) ? nanoseconds / 1e9 : 0);
  const unobserve = observeGauges(
    [
      {
        name: 'dangjian.eventloop.delay.max',
        description: 'Longest event-loop delay of the last 30–60 s',
        unit: 's',
      },
      {
        name: 'dangjian.eventloop.delay.p99',
        description: '99th percentile of the event-loop delay over the last 30–60 s',
        unit: 's',
      },
    ],
    (report) => {
      const windows = [current, previous].filter(
        (h): h is IntervalHistogram => h !== undefined && h.count > 0,
      );
      if (windows.length === 0) return;
      report('dangjian.eventloop.delay.max', Math.max(...windows.map((h) => seconds(h.max))), {});
      report('dangjian.eventloop.delay.p99', Math.max(...windows.map((h) => seconds(h.percentile(99)))), {});
    },
  );
  return () => {
    clearInterval(rotate);
    current.disable();
    previous?.disable();
    unobserve();
  };
}
