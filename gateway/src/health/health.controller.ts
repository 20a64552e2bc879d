import { SERVICE_HEALTH_CHECKS } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators.js';

/** The gateway and every service it can reach. Services are asked with a short timeout. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the gateway answers' })
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const ask = (call: Promise<{ status: string }>) =>
      call.then((r) => r.status).catch((error: Error) => `unreachable: ${error.message}`);
    // Every service with a contract (derived from proto/, not listed here).
    const services = Object.fromEntries(
      await Promise.all(
        SERVICE_HEALTH_CHECKS.map(
          async ({ service, method }) =>
            [service, await ask(this.rpc.call(method, {}, { timeoutMs: 1000 }))] as const,
        ),
      ),
    );
    const ok = Object.values(services).every((s) => s === 'ok');
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', gateway: 'ok', services };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the gateway and every service it calls answer' })
  @Public()
  ready() {
    return { status: 'ready' };
  }
}
