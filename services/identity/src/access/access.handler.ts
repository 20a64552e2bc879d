import { AccessService } from '@dangjian/contracts';
import type { ResolveAccessRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { AccessUseCases } from './access.use-cases.js';

/** What a person may do in a tenant. */
@Controller()
export class AccessHandler implements RpcHandlers<typeof AccessService> {
  constructor(@Inject(AccessUseCases) private readonly access: AccessUseCases) {}

  @RpcMethod(AccessService.method.resolveAccess)
  resolveAccess(request: ResolveAccessRequest) {
    return this.access.resolve(request.tenantSlug);
  }
}
