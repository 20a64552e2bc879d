import { isPrivateTarget } from './private-target.js';

describe('a target inside the platform’s network', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['[::1]', true],
    ['fd00::1', true],
    ['8.8.8.8', false],
    ['smtp.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isPrivateTarget(host)).toBe(expected);
  });
});
