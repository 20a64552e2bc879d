import { isIP } from 'node:net';

/**
 * A host inside the platform's own network: loopback, private, link-local or unspecified addresses
 * and localhost. A tenant admin's relay or webhook may not point there unless the operator allows it
 * (a single-machine install, the tests). Names are not resolved here: DNS that points a public name
 * at a private address is not caught (said in decision 0025).
 */
export function isPrivateTarget(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const family = isIP(name);
  if (family === 4) {
    const [a, b] = name.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (family === 6)
    return (
      name === '::1' ||
      name === '::' ||
      /^f[cd]/.test(name) ||
      /^fe[89ab]/.test(name) ||
      name.startsWith('::ffff:')
    );
  return false;
}
