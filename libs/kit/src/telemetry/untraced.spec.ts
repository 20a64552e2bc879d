import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { untraced, withoutQuery } from './start.js';

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

describe('query strings in spans', () => {
  const spanWith = (attributes: Record<string, string>) =>
    new BasicTracerProvider().getTracer('test').startSpan('request', { attributes }) as unknown as {
      attributes: Record<string, unknown>;
    } & Parameters<typeof withoutQuery>[0];

  it('keeps no query of a request the gateway served, nor of one it made: only the path', () => {
    const served = spanWith({
      'url.path': '/api/v1/members',
      'url.query': 'filter=%7B%22q%22%3A%22张三%22%7D',
    });
    withoutQuery(served);
    expect(served.attributes).toEqual({ 'url.path': '/api/v1/members', 'url.query': 'REDACTED' });
    const made = spanWith({ 'url.full': 'https://hooks.example.cn/notify?phone=13912345678' });
    withoutQuery(made);
    expect(made.attributes).toEqual({ 'url.full': 'https://hooks.example.cn/notify?REDACTED' });
  });

  it('leaves a span without a query as it was', () => {
    const plain = spanWith({ 'url.path': '/api/v1/me', 'url.full': 'http://127.0.0.1:4222/x' });
    withoutQuery(plain);
    expect(plain.attributes).toEqual({ 'url.path': '/api/v1/me', 'url.full': 'http://127.0.0.1:4222/x' });
  });
});
