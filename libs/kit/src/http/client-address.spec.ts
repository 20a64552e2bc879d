import { addressMatcher, clientAddress, isPrivateAddress } from './client-address.js';
import { RateLimiter } from './rate-limit.js';

describe('the address a request came from', () => {
  it('is the peer when the peer is on the internet, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined)).toBe('203.0.113.9');
  });

  it("is the last address an ingress on a private network appended, not the client's own claims", () => {
    expect(clientAddress('10.0.3.7', '1.2.3.4, 198.51.100.20')).toBe('198.51.100.20');
    expect(clientAddress('127.0.0.1', ['1.2.3.4', '2001:db8::5'])).toBe('2001:db8::5');
    // Not an address: the peer counts.
    expect(clientAddress('10.0.3.7', 'unknown')).toBe('10.0.3.7');
    expect(clientAddress(undefined, undefined)).toBe('unknown');
  });

  it('knows loopback and private ranges', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.1',
      '192.168.1.1',
      '::1',
      'fd00::1',
    ])
      expect(isPrivateAddress(address)).toBe(true);
    for (const address of ['172.32.0.1', '8.8.8.8', '2001:db8::1', '11.0.0.1'])
      expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('addresses exempt from a limit', () => {
  it('matches exact addresses and IPv4 prefixes, and nothing when the list is empty', () => {
    const exempt = addressMatcher('127.0.0.1, ::1, 10.8.0.0/16');
    expect(['127.0.0.1', '::1', '10.8.0.1', '10.8.255.254'].map(exempt)).toEqual([true, true, true, true]);
    expect(['127.0.0.2', '10.9.0.1', '2001:db8::1', 'unknown'].map(exempt)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(addressMatcher('')('127.0.0.1')).toBe(false);
    expect(addressMatcher('0.0.0.0/0')('203.0.113.1')).toBe(true);
  });
});

describe('a token bucket per key', () => {
  it('gives a burst, then a token per 1/rate of a minute, and says how long to wait', () => {
    const limiter = new RateLimiter(60, 3);
    const at = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a', at))).toEqual([true, true, true, false]);
    expect(limiter.retryAfter('a')).toBe(1);
    expect(limiter.take('b', at)).toBe(true);
    expect(limiter.take('a', at + 999)).toBe(false);
    expect(limiter.take('a', at + 2_000)).toBe(true);
  });
});
