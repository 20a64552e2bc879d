import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { FastifyRequest } from 'fastify';
import { Transform } from 'node:stream';

/*
 * How large a body each route takes (issue 20, item 5; decision 0038). A JSON route takes 1 MB unless it
 * says otherwise; only a route that declares a file takes a file, up to its own size. The size is
 * checked before the body is read (Content-Length) and while it is read (a chunked body), so a body
 * too large for its route is refused with 413 without being held.
 */
export const JSON_BODY_BYTES = 1024 * 1024;

/** What the gateway keeps in Fastify's route configuration (read by the edge). */
export interface EdgeRouteConfig {
  /** No login (`@Public()`): counted against its address even with a token. */
  public?: boolean;
  /** The largest body the route takes, in bytes. */
  bodyLimit?: number;
  /** The route takes a file (CSV, .xlsx, raw bytes) as its body. */
  fileBody?: boolean;
}

/** Adds to a route's Fastify configuration (Nest's `@RouteConfig` would replace what is there). */
export function EdgeRoute(config: EdgeRouteConfig): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as EdgeRouteConfig;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...current, ...config }, handler);
    return descriptor;
  };
}

/** A route whose body is at most this many bytes. */
export const BodyLimit = (bytes: number) => EdgeRoute({ bodyLimit: bytes });

/** A route whose body is a file of at most this many bytes. */
export const FileBody = (bytes: number) => EdgeRoute({ bodyLimit: bytes, fileBody: true });

export function routeConfigOf(request: FastifyRequest): EdgeRouteConfig {
  return (request.routeOptions.config ?? {}) as EdgeRouteConfig;
}

export function tooLarge(limit: number): Error {
  return Object.assign(new Error(`the body is larger than this route takes (${limit} bytes)`), {
    statusCode: 413,
  });
}

/**
 * The body as read, refused once past the limit. Fastify reads `receivedEncodedLength` from the stream it
 * is given to check Content-Length against what came.
 */
export function limitedBody(payload: NodeJS.ReadableStream, limit: number): NodeJS.ReadableStream {
  let received = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      (counted as { receivedEncodedLength?: number }).receivedEncodedLength = received;
      if (received > limit) done(tooLarge(limit));
      else done(null, chunk);
    },
  });
  payload.on('error', (error) => counted.destroy(error));
  return payload.pipe(counted);
}
