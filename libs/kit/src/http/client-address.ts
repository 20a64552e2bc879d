import { isIP } from 'node:net';

/*
 * The address a request came from, as every per-address limit counts it (decision 0016, 0038): the
 * peer, or — when the peer is a proxy on loopback or a private network (an ingress) — the last address
 * that proxy appended to X-Forwarded-For. Earlier entries are the client's own claims and are ignored,
 * so a client on a private network cannot name another address by sending the header itself.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
  const direct = (peer ?? '').replace(/^::ffff:/, '');
  const last = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .pop()
    ?.trim()
    .replace(/^::ffff:/, '');
  if (last && isIP(last) && isPrivateAddress(direct)) return last;
  return direct || 'unknown';
}

/** Loopback and private ranges (RFC 1918, IPv6 unique local): where an ingress or a proxy sits. */
export function isPrivateAddress(address: string): boolean {
  return (
    /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address) ||
    address === '::1' ||
    /^f[cd][0-9a-f]{2}:/i.test(address)
  );
}

/**
 * Addresses a limit does not apply to (`RATE_LIMIT_EXEMPT`): exact addresses or IPv4 prefixes such as
 * `10.0.0.0/8` — an operator's monitoring, or the test platform's own loopback.
 */
export function addressMatcher(list: string): (address: string) => boolean {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [base = '', bits] = entry.split('/');
      if (bits === undefined || isIP(base) !== 4) return (address: string) => address === base;
      const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
      const network = ipv4(base) & mask;
      return (address: string) => isIP(address) === 4 && (ipv4(address) & mask) >>> 0 === network >>> 0;
    });
  return (address) => entries.some((matches) => matches(address));
}

function ipv4(address: string): number {
  return address.split('.').reduce((value, part) => ((value << 8) | Number(part)) >>> 0, 0);
}
