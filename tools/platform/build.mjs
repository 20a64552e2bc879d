// Builds every project that is stale (Nx cache: nothing happens when nothing changed). The start-up
// tools call it before they import anything built, so a fresh clone and a stale dist/ both work.
import { run } from '@dangjian/processes';
import { root } from './services.mjs';

/**
 * @param {(line: string) => void} say
 * @param {{ inherit?: boolean }} [options] show Nx's output as it goes (else only when it fails)
 */
export async function buildPlatform(say, options = {}) {
  if (process.env.SKIP_BUILD) return;
  say('building (cached by Nx when nothing changed) …');
  await run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], {
    cwd: root,
    inherit: options.inherit,
  });
}
