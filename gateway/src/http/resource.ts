import type { DescMethodUnary, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { ModuleName, TenantRole } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  type Type,
} from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, PlatformOperatorOnly, Public, TenantRoles } from '../auth/access.decorators.js';
import { toJson, toRequest } from './json-view.js';
import { contentRange, parseListQuery, type FilterSpec } from './list-query.js';
import { IdParamPipe } from './id-param.pipe.js';

/*
 * One declarative way to bind a REST resource to its RPCs (issue 13, decision 0018): a resource lists
 * its routes — who may call each, what it is for, the DTO its body is validated against at the edge,
 * the RPC it calls — and `bindResource` makes the Nest controller. Requests are the validated input
 * itself (enum names turned into values, `optional` proto fields left unset when absent); replies are
 * shown by `toJson` from the message's descriptor. Summaries, the problem+json errors and the security
 * of every operation are documented from the same declaration.
 */

export type Access =
  { tenant: readonly TenantRole[]; module?: ModuleName } | 'platform' | 'authenticated' | 'public';

type Input<M extends DescMethodUnary> = MessageInitShape<M['input']>;
/** A request before `toRequest`: enums may still be their REST names. */
type RestInput<M extends DescMethodUnary> = { [K in keyof Input<M>]?: Input<M>[K] | string };
type Reply<M extends DescMethodUnary> = MessageShape<M['output']>;
type ReplyField<M extends DescMethodUnary> = Extract<keyof Reply<M>, string>;

interface RouteCommon<M extends DescMethodUnary> {
  rpc: M;
  /** One line for the API's readers (OpenAPI `summary`). */
  summary: string;
  description?: string;
  access: Access;
}

/** A list in react-admin's simple REST shape: `sort`, `range`, `filter` → array and Content-Range. */
export interface ListRoute<M extends DescMethodUnary, F> extends RouteCommon<M> {
  kind: 'list';
  path?: string;
  /** The sortable fields; the first is the default order. */
  sort: readonly [string, ...string[]];
  filters: FilterSpec<F>;
  /** Filters the list cannot do without (a member's assessments): a 400 naming them when absent. */
  required?: readonly (keyof F & string)[];
  /** The request's fields from the filter, where their names differ; by default the filter itself. */
  request?: (filter: F) => Omit<RestInput<M>, 'page'>;
  /** The reply's field that holds the records. */
  items: ReplyField<M>;
  /** Content-Range's unit (react-admin's resource name); the resource's path by default. */
  unit?: string;
  /** How a record is shown, when not by `toJson` alone. */
  view?: (item: never, context: { index: number; reply: Reply<M> }) => unknown;
  /** Headers from the reply (totals of the whole filtered list). */
  headers?: (reply: Reply<M>) => Record<string, string>;
  filterExample?: string;
}

/** Any other call: a get, a create, an update, an action on one record. */
export interface CallRoute<M extends DescMethodUnary, B> extends RouteCommon<M> {
  kind: 'call';
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the resource: '', ':id', ':id/unmask'. Path parameters are ids (UUIDs) unless named in `textParams`. */
  path?: string;
  textParams?: readonly string[];
  /** 201 for a POST that creates, 200 otherwise; 202 for work that goes on after the answer. */
  status?: 200 | 201 | 202;
  /** The body's DTO, validated at the edge (whitelisted, each problem named by its field). */
  body?: Type<B>;
  /** The request from the path's parameters and the body; by default `{ ...params, ...body }`. */
  request?: (input: { params: Record<string, string>; body: B }) => RestInput<M>;
  /** The reply's field shown as the answer, or what to answer; the whole reply by default. */
  reply?: ReplyField<M> | ((reply: Reply<M>, input: { params: Record<string, string>; body: B }) => unknown);
  /**
   * Work before the call — a check against another service, or facts the request needs from one
   * (the sending tenant's name): what it returns is added to the request.
   */
  before?: (
    rpc: RpcClient,
    input: { params: Record<string, string>; body: B },
  ) => Promise<Omit<RestInput<M>, '$typeName'> | void>;
  /** How the reply's field is shown, when not by `toJson` alone. */
  view?: (item: never) => unknown;
  /** The documented answer. */
  response?: Type<unknown> | [Type<unknown>];
  /** How long the RPC may take, where longer than the default (a tenant-wide run). */
  timeoutMs?: number;
}

// Routes are declared through these helpers so each keeps its own RPC's types.
export const list = <M extends DescMethodUnary, F>(route: Omit<ListRoute<M, F>, 'kind'>): Route =>
  ({ ...route, kind: 'list' }) as unknown as Route;
export const call = <M extends DescMethodUnary, B = Record<string, never>>(
  route: Omit<CallRoute<M, B>, 'kind'>,
): Route => ({ ...route, kind: 'call' }) as unknown as Route;

/** A route with its types erased, as `bindResource` stores it. */
export type Route =
  | (ListRoute<DescMethodUnary, Record<string, unknown>> & { kind: 'list' })
  | (CallRoute<DescMethodUnary, Record<string, unknown>> & { kind: 'call' });

export interface ResourceSpec {
  /** Under /api/v1/. */
  path: string;
  tag?: string;
  /** Handler name → route; the names become the controller's method names. */
  routes: Record<string, Route>;
}

const ACCESS_DECORATOR = (access: Access): MethodDecorator =>
  access === 'public'
    ? Public()
    : access === 'platform'
      ? PlatformOperatorOnly()
      : access === 'authenticated'
        ? Authenticated()
        : applyDecorators(
            TenantRoles(access.tenant, access.module ? { module: access.module } : {}),
            // Who may call it, in the API's description (and for the generated suites).
            ApiExtension('x-roles', [...access.tenant]),
          );

const VERB = { GET: Get, POST: Post, PUT: Put, DELETE: Delete } as const;

/** The controller class for a resource: one method per route, each a single call. */
export function bindResource(spec: ResourceSpec): Type<unknown> {
  @ApiTags(spec.tag ?? spec.path)
  @Controller(`api/v1/${spec.path}`)
  class ResourceController {
    constructor(@Inject(RpcClient) readonly rpc: RpcClient) {}
  }
  Object.defineProperty(ResourceController, 'name', { value: `${pascal(spec.path)}Resource` });
  for (const [name, route] of Object.entries(spec.routes)) {
    if (route.kind === 'list') defineList(ResourceController.prototype, name, route, spec.path);
    else defineCall(ResourceController.prototype, name, route);
  }
  return ResourceController;
}

type Bound = { rpc: RpcClient };

function defineList(prototype: object, name: string, route: Route & { kind: 'list' }, unit: string): void {
  const itemsField = route.rpc.output.field[route.items];
  if (!itemsField || itemsField.fieldKind !== 'list' || itemsField.listKind !== 'message') {
    throw new Error(`${route.rpc.name}: ${route.items} is not a list of messages`);
  }
  const itemSchema = itemsField.message;
  const paged = route.rpc.input.field['page'] !== undefined;
  const handler = async function (this: Bound, query: Record<string, unknown>, reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, route.sort, route.filters, {
      sortField: route.sort[0],
      ...(route.required ? { required: route.required } : {}),
    });
    const input = route.request ? route.request(filter) : filter;
    const result = (await this.rpc.call(route.rpc, {
      ...toRequest(route.rpc.input, input as Record<string, unknown>),
      ...(paged ? { page } : {}),
    } as never)) as unknown as Record<string, unknown>;
    const all = result[route.items] as never[];
    // An RPC without a page answers every record (a chase list): the window is cut here.
    const items = paged ? all : all.slice(offset, offset + page.limit);
    const total = paged ? (result['total'] as number) : all.length;
    reply.header('Content-Range', contentRange(route.unit ?? unit, offset, items.length, total));
    for (const [header, value] of Object.entries(route.headers?.(result as never) ?? {}))
      reply.header(header, value);
    return items.map((item, index) =>
      route.view ? route.view(item, { index, reply: result as never }) : toJson(itemSchema, item),
    );
  };
  define(prototype, name, handler, [
    VERB.GET(route.path ?? ''),
    ACCESS_DECORATOR(route.access),
    ApiOperation({
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
    }),
    ApiQuery({
      name: 'sort',
      required: false,
      example: `["${route.sort[0]}","ASC"]`,
      description: `sortable: ${route.sort.join(', ')}`,
    }),
    ApiQuery({ name: 'range', required: false, example: '[0,24]' }),
    ApiQuery({
      name: 'filter',
      example: route.filterExample ?? '{}',
      required: (route.required ?? []).length > 0,
      description:
        `filters: ${Object.keys(route.filters).join(', ') || 'none'}` +
        (route.required ? `; required: ${route.required.join(', ')}` : ''),
    }),
  ]);
  Query()(prototype, name, 0);
  Res({ passthrough: true })(prototype, name, 1);
  Reflect.defineMetadata('design:paramtypes', [Object, Object], prototype, name);
}

function defineCall(prototype: object, name: string, route: Route & { kind: 'call' }): void {
  const path = route.path ?? '';
  const params = [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const replyField = typeof route.reply === 'string' ? route.rpc.output.field[route.reply] : undefined;
  if (typeof route.reply === 'string' && (!replyField || replyField.fieldKind !== 'message')) {
    throw new Error(`${route.rpc.name}: ${route.reply} is not a message field`);
  }
  const handler = async function (this: Bound, ...args: unknown[]) {
    const values: Record<string, string> = {};
    params.forEach((param, index) => (values[param] = args[index] as string));
    const body = (route.body ? args[params.length] : {}) as Record<string, unknown>;
    const input = { params: values, body };
    const extra = route.before ? await route.before(this.rpc, input) : undefined;
    const request = { ...(route.request ? route.request(input) : { ...values, ...body }), ...extra };
    const result = await this.rpc.call(
      route.rpc,
      toRequest(route.rpc.input, request as Record<string, unknown>) as never,
      route.timeoutMs ? { timeoutMs: route.timeoutMs } : undefined,
    );
    if (typeof route.reply === 'function') return route.reply(result as never, input);
    if (route.reply === undefined) return toJson(route.rpc.output, result as never);
    const item = (result as unknown as Record<string, unknown>)[route.reply];
    if (route.view) return route.view(item as never);
    return replyField && replyField.fieldKind === 'message'
      ? toJson(replyField.message, item as never)
      : item;
  };
  const status = route.status ?? (route.method === 'POST' ? 201 : 200);
  define(prototype, name, handler, [
    VERB[route.method](path),
    HttpCode(status),
    ACCESS_DECORATOR(route.access),
    ApiOperation({
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
    }),
    ...(route.response ? [ApiResponse({ status, type: route.response })] : []),
    ...params.map((param) =>
      ApiParam({ name: param, format: route.textParams?.includes(param) ? undefined : 'uuid' }),
    ),
  ]);
  params.forEach((param, index) => {
    if (route.textParams?.includes(param)) Param(param)(prototype, name, index);
    else Param(param, IdParamPipe)(prototype, name, index);
  });
  if (route.body) Body()(prototype, name, params.length);
  Reflect.defineMetadata(
    'design:paramtypes',
    [...params.map(() => String), ...(route.body ? [route.body] : [])],
    prototype,
    name,
  );
}

function define(
  prototype: object,
  name: string,
  handler: (...args: never[]) => Promise<unknown>,
  decorators: MethodDecorator[],
): void {
  Object.defineProperty(handler, 'name', { value: name });
  Object.defineProperty(prototype, name, { value: handler, writable: true, configurable: true });
  for (const decorate of decorators.reverse()) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    const result = decorate(prototype, name, descriptor);
    if (result) Object.defineProperty(prototype, name, result);
  }
}

const pascal = (path: string) =>
  path
    .split(/[-/]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
