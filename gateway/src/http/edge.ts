import { MAX_IMPORT_BYTES } from '@dangjian/contracts';
import { fieldProblem, ValidationError } from '@dangjian/kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { bearerToken, type GatewayRequest } from '../auth/access.guard.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { Problem } from './problem.filter.js';
import { parseJsonBody, textProblem } from './request-body.js';
import { boundaryOf, parseMultipart, type FormFile } from './multipart.js';
import { XLSX_TYPE } from './spreadsheet.js';
import { JSON_BODY_BYTES, limitedBody, routeConfigOf, tooLarge } from './body-limits.js';

/*
 * The gateway's edge, for every route at once (issue 11): what a body and a query must be before a
 * route sees them, who must be known before a large body is read, the security headers of every
 * answer, and problem+json for the refusals that Fastify and Node make before any route runs.
 */

/** Files (imports) arrive as raw bodies of these types, up to the import limit. */
export const FILE_CONTENT_TYPES = ['text/csv', XLSX_TYPE, 'application/octet-stream'];

/** A public form's fields (an appeal, an objection): text a person types. */
export const PUBLIC_FORM_BYTES = 16 * 1024;

/** A report form with its photos: three of 5 MB and the text around them. */
export const PUBLIC_FORM_FILE_BYTES = 16 * 1024 * 1024;

export interface EdgeOptions {
  verifier: TokenVerifier;
  /** The identity provider's origin: the console talks to it (token, logout). */
  issuerOrigin: string;
}

export function installEdge(fastify: FastifyInstance, options: EdgeOptions): void {
  fastify.removeContentTypeParser('application/json');
  // No route takes plain text: such a body is 415, not a string a JSON route then half-reads as a 400.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    // The bytes as sent, for a signature over them (a payment provider's notification).
    (request as { rawBody?: Buffer }).rawBody = body as Buffer;
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error);
    }
  });
  // The public portal's forms work without scripts (issue 17): only there is a form body read.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: PUBLIC_FORM_BYTES },
    (request, body, done) => {
      if (!request.url.startsWith('/public/')) {
        done(
          Object.assign(new Error('form bodies are taken by the public portal only'), { statusCode: 415 }),
        );
        return;
      }
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  // A report's photos come with the public report form (issue 18): only there is multipart read.
  fastify.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: PUBLIC_FORM_FILE_BYTES },
    (request, body, done) => {
      const boundary = boundaryOf(String(request.headers['content-type'] ?? ''));
      if (request.url.split('?')[0] !== '/public/reports' || !boundary) {
        done(
          Object.assign(new Error('multipart bodies are taken by the report form only'), { statusCode: 415 }),
        );
        return;
      }
      try {
        const { fields, files } = parseMultipart(body as Buffer, boundary);
        (request as { formFiles?: FormFile[] }).formFiles = files;
        done(null, fields);
      } catch (error) {
        done(Object.assign(error as Error, { statusCode: 400 }));
      }
    },
  );
  fastify.addContentTypeParser(
    FILE_CONTENT_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_request, body, done) => done(null, body),
  );

  // Each route's body size (body-limits.ts), and large bodies read only for someone whose token holds:
  // a stranger gets 401 before the upload.
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    // A multipart body anywhere but the report form is refused before its 16 MB are read.
    if (
      String(request.headers['content-type'] ?? '').startsWith('multipart/form-data') &&
      request.url.split('?')[0] !== '/public/reports'
    )
      throw Object.assign(new Error('multipart bodies are taken by the report form only'), {
        statusCode: 415,
      });
    const route = routeConfigOf(request);
    const file = isFileUpload(request);
    if (file && !route.fileBody)
      throw Object.assign(new Error('this route takes no file'), { statusCode: 415 });
    if (request.headers['content-length'] === undefined && !request.headers['transfer-encoding']) return;
    const limit = route.bodyLimit ?? JSON_BODY_BYTES;
    if (Number(request.headers['content-length'] ?? 0) > limit) throw tooLarge(limit);
    if (file) (request as GatewayRequest).verifiedToken = await options.verifier.verify(bearerToken(request));
    return limitedBody(payload, limit) as typeof payload;
  });

  // Query parameters hold text too (filters, search words): the same rules as bodies.
  fastify.addHook('preValidation', async (request) => {
    const problems = Object.entries((request.query ?? {}) as Record<string, unknown>).flatMap(
      ([name, value]) =>
        (Array.isArray(value) ? value : [value]).flatMap((v) => {
          const problem = typeof v === 'string' ? textProblem(v) : undefined;
          return problem ? [fieldProblem(name, problem)] : [];
        }),
    );
    if (problems.length > 0) throw new ValidationError(problems);
  });

  const consolePolicy = [
    "default-src 'self'",
    "script-src 'self'",
    // MUI writes its styles into <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    // Tenant logos are configured by the operator and may live elsewhere.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self' ${options.issuerOrigin}`,
    `form-action 'self' ${options.issuerOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
  const docsPolicy =
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'";
  const apiPolicy = "default-src 'none'; frame-ancestors 'none'";
  // The portal: its own inline stylesheet and forms, nothing else (no scripts at all).
  const portalPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  fastify.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (path.startsWith('/console')) {
      reply.header('content-security-policy', consolePolicy);
    } else if (path.startsWith('/public')) {
      reply.header('content-security-policy', portalPolicy);
    } else if (path.startsWith('/api/docs')) {
      reply.header('content-security-policy', docsPolicy);
    } else {
      reply.header('content-security-policy', apiPolicy);
      // Answers of the API carry personal data: no browser or proxy keeps them.
      if (path.startsWith('/api/')) reply.header('cache-control', 'no-store');
    }
  });
}

function isFileUpload(request: FastifyRequest): boolean {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  return FILE_CONTENT_TYPES.includes(type);
}

/** A problem+json body for a refusal made before any route runs. */
export function problemOf(status: number, detail: string): Problem {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Bad Request', status, detail };
}

/** Fastify's own refusals before routing (a URL it cannot decode, a path segment too long). */
export function frameworkErrors(
  error: { code?: string },
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  // The path is not echoed: it may carry personal data.
  const problem = problemOf(
    status,
    status === 414 ? 'a path segment is too long' : 'the URL cannot be decoded',
  );
  void reply.code(status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}

/** Node's own refusals while reading a request (headers too large, a malformed request line). */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail =
    status === 431
      ? 'the request headers (or the URL) are too large'
      : status === 408
        ? 'the request took too long'
        : 'malformed request';
  const body = JSON.stringify(problemOf(status, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
