import { TenantStatus, UserService } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Authenticated } from '../../auth/access.decorators.js';

/** Who am I: the person, the tenants they belong to and their roles in each. */
@ApiTags('me')
@Controller('api/v1/me')
export class MeController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Who the caller is: the person, their tenants and their roles in each' })
  async me() {
    const { user, memberships } = await this.rpc.call(UserService.method.getMe, {});
    return {
      id: user!.id,
      username: user!.username,
      displayName: user!.displayName,
      email: user!.email,
      platformOperator: user!.platformOperator,
      tenants: memberships.map((m) => ({
        id: m.tenantId,
        slug: m.slug,
        name: m.name,
        roles: m.roles,
        status: m.status === TenantStatus.SUSPENDED ? 'suspended' : 'active',
        modules: m.modules,
      })),
    };
  }
}
