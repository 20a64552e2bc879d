// The public portal under a burst (issue 17): 200 readers at once on one item page (a county's notice
// shared on WeChat), against the same rendered bytes served as a static file by the same gateway
// process (@fastify/static, the console's file server) in the same run. Figures, no thresholds:
// throughput ratio (target ≥ 0.5×) and the portal's p99 (target < 50 ms here).
import autocannon from 'autocannon';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const say = (line) => process.stdout.write(`${line}\n`);
const READERS = Number(process.env.BENCH_PORTAL_READERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const burst = (url) =>
  new Promise((resolve, reject) =>
    autocannon({ url, connections: READERS, duration: SECONDS }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );

/** `staticDir` is the gateway's CONSOLE_DIST: the page is written there and read back as a file. */
export async function benchPortal(platform, staticDir) {
  const base = platform.gatewayUrl.replace('localhost', '127.0.0.1');
  const index = await (await fetch(`${base}/t/acme-corp/public/`)).text();
  const id = /href="items\/([0-9a-f-]{36})"/.exec(index)?.[1];
  if (!id) throw new Error('the demo seed published no public item in acme-corp');
  const pageUrl = `${base}/t/acme-corp/public/items/${id}`;
  const page = await (await fetch(pageUrl)).text();
  writeFileSync(join(staticDir, 'portal-item.html'), page);
  const staticUrl = `${base}/console/portal-item.html`;
  if ((await (await fetch(staticUrl)).text()) !== page)
    throw new Error('the static copy differs from the page');

  say(`portal: ${READERS} readers at once, ${SECONDS} s each, one item page (${page.length} bytes) …`);
  await burst(pageUrl); // warm-up: the page is cached, connections open
  await burst(staticUrl);
  const portal = await burst(pageUrl);
  const file = await burst(staticUrl);
  const row = (name, r) =>
    `${name.padEnd(44)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`;
  say(row('portal item page (gateway, cached render)', portal));
  say(row('same bytes as a static file (same gateway)', file));
  say(
    `ratio portal/static: throughput ${(portal.requests.average / file.requests.average).toFixed(2)}× (target ≥ 0.5×), p99 ${portal.latency.p99} ms (target < 50 ms)`,
  );
}
