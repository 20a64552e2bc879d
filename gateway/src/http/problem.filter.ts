import {
  DomainError,
  logger,
  RemoteError,
  ServiceTimeoutError,
  ServiceUnavailableError,
} from '@dangjian/kit';
import { ErrorCode } from '@dangjian/contracts';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { STATUS_OF_ERROR_CODE } from './error-status.js';

/** Titles for the framework's own refusals (malformed JSON, unknown route, body too large). */
const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
};

/**
 * RFC 9457 problem details. `errors[]` name each field with a stable `code` and its `params`, and
 * `rule` (with `ruleParams`) the domain rule that refused: clients say them in the person's language
 * (decision 0017); `detail` and `description` are English for API users.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; code: string; params?: Record<string, string | number>; description: string }[];
  rule?: string;
  ruleParams?: Record<string, string | number>;
  correlationId?: string;
}

/** Every error leaves the gateway as application/problem+json; internals only reach the logs. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(error, request.url);
    if (problem.status >= 500 && problem.status !== 503 && problem.status !== 504) {
      logger.error(
        { err: error, correlationId: problem.correlationId, url: request.url.split('?')[0] },
        'request failed',
      );
    }
    // A service or the bus away is an outage, not a fault: the client may try again in a moment.
    if (problem.status === 503) void reply.header('retry-after', '1');
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  }
}

export function toProblem(error: unknown, instance: string): Problem {
  if (error instanceof DomainError) {
    const { status, title } = STATUS_OF_ERROR_CODE[error.code] ?? STATUS_OF_ERROR_CODE[ErrorCode.INTERNAL];
    if (status === 500) {
      const correlationId =
        error instanceof RemoteError && error.correlationId ? error.correlationId : randomUUID();
      return {
        type: 'about:blank',
        title,
        status,
        detail: `internal error; quote ${correlationId}`,
        instance,
        correlationId,
      };
    }
    return {
      type: `https://dangjian.example.cn/problems/${title.toLowerCase().replace(/ /g, '-')}`,
      title,
      status,
      detail: error.message,
      instance,
      ...(error.violations.length > 0
        ? {
            errors: error.violations.map((v) => ({
              field: v.field,
              code: v.code,
              ...(v.params && Object.keys(v.params).length > 0 ? { params: v.params } : {}),
              description: v.description,
            })),
          }
        : {}),
      ...(error.rule ? { rule: error.rule } : {}),
      ...(error.rule && Object.keys(error.ruleParams).length > 0 ? { ruleParams: error.ruleParams } : {}),
    };
  }
  if (error instanceof ServiceUnavailableError) {
    return {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: error.message,
      instance,
    };
  }
  if (error instanceof ServiceTimeoutError) {
    return { type: 'about:blank', title: 'Gateway Timeout', status: 504, detail: error.message, instance };
  }
  if (error instanceof HttpException && error.getStatus() < 500) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail =
      typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    return {
      type: 'about:blank',
      title: STATUS_TITLES[status] ?? 'Bad Request',
      status,
      detail,
      instance,
      ...(status === 400 ? { errors: [{ field: 'body', code: 'bad_format', description: detail }] } : {}),
    };
  }
  // A refusal at the edge before any route ran (a body too large for its route, a file where none is
  // taken, a media type no parser reads): Fastify's errors and the edge's carry their status.
  const statusCode = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      type: 'about:blank',
      title: STATUS_TITLES[statusCode] ?? STATUS_CODES[statusCode] ?? 'Bad Request',
      status: statusCode,
      detail: String((error as Error).message),
      instance,
    };
  }
  const correlationId = randomUUID();
  return {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: `internal error; quote ${correlationId}`,
    instance,
    correlationId,
  };
}
