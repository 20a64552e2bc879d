import { IdentityService, TENANT_ROLES, type User } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { CreateUserDto, UpdateUserDto, UserView } from './user.dto.js';

const SORTABLE = ['username', 'displayName', 'createdAt'] as const;

function toUserView(user: User): UserView {
  const { id, username, displayName, email, roles, platformOperator, organisationScope, createdAt } = user;
  return { id, username, displayName, email, roles, platformOperator, organisationScope, createdAt };
}

/** Tenant admins: the people of their tenant and their roles there. */
@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(['tenant-admin'])
  @ApiOkResponse({ type: [UserView] })
  @ApiQuery({ name: 'sort', required: false, example: '["username","ASC"]' })
  @ApiQuery({ name: 'range', required: false, example: '[0,24]' })
  @ApiQuery({ name: 'filter', required: false, example: '{"q":"zhang","role":"secretary"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserView[]> {
    const { page, filter, offset } = parseListQuery(query, SORTABLE, { q: filterOf.text, role: filterOf.oneOf(TENANT_ROLES) }, { sortField: 'username' });
    const result = await this.rpc.call(IdentityService.method.listUsers, { page, query: filter.q ?? '', role: filter.role ?? '' });
    reply.header('Content-Range', contentRange('users', offset, result.users.length, result.total));
    return result.users.map(toUserView);
  }

  @Get(':id')
  @TenantRoles(['tenant-admin'])
  @ApiOkResponse({ type: UserView })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserView> {
    return toUserView((await this.rpc.call(IdentityService.method.getUser, { id })).user!);
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin'])
  @ApiOkResponse({ type: UserView })
  async create(@Body() body: CreateUserDto): Promise<UserView> {
    const { user } = await this.rpc.call(IdentityService.method.createUser, {
      username: body.username,
      displayName: body.displayName ?? '',
      email: body.email ?? '',
      password: body.password ?? '',
      roles: body.roles ?? [],
      organisationScope: body.organisationScope ?? [],
    });
    return toUserView(user!);
  }

  @Put(':id')
  @TenantRoles(['tenant-admin'])
  @ApiOkResponse({ type: UserView })
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    const { user } = await this.rpc.call(IdentityService.method.updateUser, {
      id,
      ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      roles: body.roles ?? [],
      rolesSet: body.roles !== undefined,
      organisationScope: body.organisationScope ?? [],
      organisationScopeSet: body.organisationScope !== undefined,
    });
    return toUserView(user!);
  }

  /** Ends the membership in this tenant; the person's login and other memberships stay. */
  @Delete(':id')
  @TenantRoles(['tenant-admin'])
  async remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<{ id: string }> {
    return this.rpc.call(IdentityService.method.removeUser, { id }).then((r) => ({ id: r.id }));
  }
}
