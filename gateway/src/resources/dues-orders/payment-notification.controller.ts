import { DuesOrderService } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/access.decorators.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';
import { BodyLimit } from '../../http/body-limits.js';

/**
 * Where WeChat Pay sends a payment's notification (no login: its signature over the bytes as sent is
 * the proof, checked by the organisation service with the tenant's keys). 200 once settled — now or
 * before; otherwise 400 with a reason, and WeChat Pay tries again later.
 */
@ApiTags('dues')
@Controller('api/v1/payment-notifications')
export class PaymentNotificationController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post('wechat-pay/:tenantId')
  // A notification is a small signed JSON document.
  @BodyLimit(64 * 1024)
  @Public()
  @ApiOperation({ summary: 'A WeChat Pay payment notification (signed; no login)' })
  @ApiOkResponse({
    description:
      'Settled, now or before: {"code":"SUCCESS"}. A notification refused (not signed by the tenant’s WeChat Pay key, an unknown order) is a 400 {"code":"FAIL"}, and WeChat Pay tries again.',
  })
  async wechatPay(
    @Param('tenantId', IdParamPipe) tenantId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => name.startsWith('wechatpay-'))
        .map(([name, value]) => [name, String(value)]),
    );
    const body = (request as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
    const { accepted, reason } = await this.rpc.call(DuesOrderService.method.receivePaymentNotification, {
      tenantId,
      provider: 'wechat_pay',
      headers,
      body,
    });
    return accepted
      ? reply.status(200).send({ code: 'SUCCESS', message: '成功' })
      : reply.status(400).send({ code: 'FAIL', message: reason });
  }
}
