import { untraced } from './start.js';

describe('requests without spans', () => {
  it('leaves out health probes and every whistle-blowing report path, by path or tenant prefix', () => {
    for (const url of [
      '/health',
      '/ready',
      '/public/reports',
      '/public/reports/follow',
      '/t/county/public/reports',
      '/t/county/public/reports/new?x=1',
    ])
      expect(untraced(url)).toBe(true);
  });

  it('traces everything else, appeals and the portal included', () => {
    for (const url of [
      '/public/appeals',
      '/t/county/public/index',
      '/api/v1/reports',
      '/public/reportsx',
      '/healthz',
    ])
      expect(untraced(url)).toBe(false);
  });
});
