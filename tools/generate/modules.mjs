// The tenant modules (libs/contracts/src/access.ts), read from the source so the generator needs no build.
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../libs/contracts/src/access.ts', import.meta.url), 'utf8');
const list = /export const MODULES = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
export const MODULES = [...list.matchAll(/'([a-z]+)'/g)].map((match) => match[1]);
