import { pino } from 'pino';
import { currentContext } from '../context/request-context.js';
import { currentTraceId } from '../telemetry/spans.js';

/**
 * JSON logs. Every line carries the trace id, tenant and request id of the request it belongs to.
 * Personal data never reaches a log: the paths below are censored wherever they appear.
 */
export const logger = pino({
  level: process.env['LOG_LEVEL'] ?? 'info',
  base: { service: process.env['SERVICE_NAME'] ?? 'unknown' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      'password',
      '*.password',
      'passwordHash',
      '*.passwordHash',
      'idCardNumber',
      '*.idCardNumber',
      'phone',
      '*.phone',
      'authorization',
      '*.authorization',
      'headers.authorization',
    ],
    censor: '[redacted]',
  },
  mixin() {
    const context = currentContext();
    const traceId = currentTraceId();
    return {
      ...(traceId ? { traceId } : {}),
      ...(context?.requestId ? { requestId: context.requestId } : {}),
      ...(context?.tenant?.slug ? { tenant: context.tenant.slug } : {}),
    };
  },
});

export type Logger = typeof logger;
