// `npm run bench`: builds what is stale, then runs the benchmarks (tools/bench/benches.mjs), which
// import the built libraries and services; so nothing built is imported before the build.
import { buildPlatform } from '../platform/build.mjs';

const say = (line) => process.stdout.write(`${line}\n`);

try {
  await buildPlatform(say);
  const { main } = await import('./benches.mjs');
  await main();
} catch (error) {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
}
