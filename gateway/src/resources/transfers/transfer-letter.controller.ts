import { MemberService, MemberSpaceService, TransferService, type Transfer } from '@dangjian/contracts';
import { NotFoundError, RpcClient, RuleViolatedError } from '@dangjian/kit';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { MEMBER_SPACE } from '../access.js';
import { renderTransferLetter } from './letter-pdf.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';

/** The transfer letter as a PDF: a binary answer, so it is written by hand beside the resource. */
@ApiTags('transfers')
@Controller('api/v1/transfers')
export class TransferLetterController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  /**
   * The letter as a PDF in the three-part layout. The sending tenant's administrators print it with
   * the full ID-card number (an audited disclosure, like any unmasking); the receiving side's copy
   * shows it masked.
   */
  @Get(':id/letter')
  @TenantRoles(['tenant-admin'], { module: 'organisation' })
  @ApiOperation({ summary: 'The transfer letter (组织关系介绍信) as a PDF, once issued' })
  @ApiProduces('application/pdf')
  async letter(@Param('id', IdParamPipe) id: string, @Res() reply: FastifyReply) {
    const { transfer } = await this.rpc.call(TransferService.method.getTransfer, { id });
    const t = transfer!;
    const idCardNumber =
      t.direction === 'outgoing' && t.memberId && t.serialNumber
        ? (
            await this.rpc.call(MemberService.method.revealMemberPii, {
              id: t.memberId,
              reason: `打印组织关系介绍信 ${t.serialNumber}`,
            })
          ).idCardNumber
        : t.idCardMasked;
    await sendLetter(reply, t, idCardNumber);
  }
}

/** The letter of one of my own transfers, once issued, with my own number in full (audited as my own view). */
@ApiTags('transfers')
@Controller('api/v1/me/transfers')
export class MyTransferLetterController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get(':id/letter')
  @TenantRoles(MEMBER_SPACE.tenant, { module: 'organisation' })
  @ApiOperation({ summary: 'The letter of my own transfer as a PDF, once issued' })
  @ApiProduces('application/pdf')
  async letter(@Param('id', IdParamPipe) id: string, @Res() reply: FastifyReply) {
    const { transfers } = await this.rpc.call(TransferService.method.listMyTransfers, {});
    const t = transfers.find((item) => item.transfer?.id === id)?.transfer;
    if (!t) throw new NotFoundError('transfer', id);
    if (!t.serialNumber)
      throw new RuleViolatedError('letter-not-issued', 'the letter is printed once it is issued');
    const { idCardNumber } = await this.rpc.call(MemberSpaceService.method.revealMyPii, {});
    await sendLetter(reply, t, idCardNumber);
  }
}

async function sendLetter(reply: FastifyReply, t: Transfer, idCardNumber: string): Promise<void> {
  if (!t.serialNumber || !t.issuedOn || !t.validUntil)
    throw new RuleViolatedError('letter-not-issued', 'the letter is printed once it is issued');
  const pdf = await renderTransferLetter({
    serialNumber: t.serialNumber,
    memberName: t.memberName,
    gender: t.gender,
    ethnicity: t.ethnicity,
    developmentStage: t.developmentStage,
    idCardNumber,
    sendingOrganisationName: t.sendingOrganisationName,
    receivingOrganisationName: t.receivingOrganisationName,
    duesPaidUpTo: t.duesPaidUpTo ?? '',
    issuedOn: t.issuedOn,
    validUntil: t.validUntil,
    validityDays: Math.round((Date.parse(t.validUntil) - Date.parse(t.issuedOn)) / 86_400_000) + 1,
  });
  void reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `attachment; filename="transfer-letter-${t.serialNumber}.pdf"`)
    .send(pdf);
}
