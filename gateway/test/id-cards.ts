import { idCardCheckCharacter } from '@dangjian/kit';

let serial = Math.floor(Math.random() * 900);
const region = String(110000 + (Date.now() % 9000)).padStart(6, '0');

/** A fictitious but valid ID-card number (GB 11643 check character), unique within a test run. */
export function idCard(birth = '19900307'): string {
  const first17 = `${region}${birth}${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
}
