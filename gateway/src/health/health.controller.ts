import { IdentityService, OrganisationService } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators.js';

/** The gateway and every service it can reach. Services are asked with a short timeout. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const ask = (call: Promise<{ status: string }>) => call.then((r) => r.status).catch((error: Error) => `unreachable: ${error.message}`);
    const [identity, organisation] = await Promise.all([
      ask(this.rpc.call(IdentityService.method.health, {}, { timeoutMs: 1000 })),
      ask(this.rpc.call(OrganisationService.method.health, {}, { timeoutMs: 1000 })),
    ]);
    const services = { identity, organisation };
    const ok = Object.values(services).every((s) => s === 'ok');
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', gateway: 'ok', services };
  }

  @Get('ready')
  @Public()
  ready() {
    return { status: 'ready' };
  }
}
