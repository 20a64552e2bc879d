import {
  GetTransferResponseSchema,
  TransferService,
  type GetTransferResponse,
  type ListMyTransfersResponse,
} from '@dangjian/contracts';
import { currentContext } from '@dangjian/kit';
import { toJson } from '../../http/json-view.js';
import { bindResource, call } from '../../http/resource.js';
import { MEMBER_SPACE } from '../access.js';
import { ApplyForMyTransferDto } from './transfers.dto.js';
import { receivingTenant, tenantBySlug } from './transfers.resource.js';

/** A transfer with its steps, as one object: the transfer's fields and `actions`. */
const withSteps = (item: GetTransferResponse) => {
  const { transfer, actions } = toJson(GetTransferResponseSchema, item) as {
    transfer: Record<string, unknown>;
    actions: unknown[];
  };
  return { ...transfer, actions };
};

/** 我的组织关系转接: apply myself (the secretary approves as today) and follow each step. */
export const MyTransfersResource = bindResource({
  path: 'me/transfers',
  tag: 'transfers',
  routes: {
    list: call({
      rpc: TransferService.method.listMyTransfers,
      method: 'GET',
      summary: 'My transfers, newest first, each with its steps',
      access: MEMBER_SPACE,
      reply: (reply: ListMyTransfersResponse) => reply.transfers.map(withSteps),
    }),
    apply: call({
      rpc: TransferService.method.applyForMyTransfer,
      method: 'POST',
      summary: 'Apply to transfer my own organisational relationship',
      access: MEMBER_SPACE,
      body: ApplyForMyTransferDto,
      request: ({ body: { receivingTenant: _slug, ...rest } }) => rest,
      before: async (rpc, { body }) => {
        const sending = await tenantBySlug(rpc, currentContext()!.tenant!.slug, 'tenant');
        const receiving =
          body.destination === 'other_tenant' ? await receivingTenant(rpc, body.receivingTenant!) : undefined;
        return {
          sendingTenantName: sending.name,
          ...(receiving ? { receivingTenantId: receiving.id, receivingTenantName: receiving.name } : {}),
        };
      },
      reply: 'transfer',
    }),
  },
});
