import { OBJECTION_STATUSES, PUBLICITY_STAGES, PublicityService } from '@dangjian/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDateOnly } from '../../http/date-only.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';

export class OpenPublicityDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ enum: PUBLICITY_STAGES, description: 'the stage the publicity announces' })
  @IsIn(PUBLICITY_STAGES)
  stage!: string;
  @ApiProperty({ example: '2026-11-23' }) @IsDateOnly() startsOn!: string;
}

/** PUT: records an objection and what became of it (other fields of the period are read-only). */
export class RecordObjectionDto {
  @ApiProperty({ enum: OBJECTION_STATUSES }) @IsIn(OBJECTION_STATUSES) objectionStatus!: string;
  @ApiProperty({ description: 'what was raised and what was found' })
  @IsString()
  @MaxLength(2000)
  objectionNote!: string;
}

/** 公示期 before development steps (default 5 working days, China's holiday calendar). */
export const PublicityPeriodsResource = bindResource({
  path: 'publicity-periods',
  tag: 'development',
  routes: {
    list: list({
      rpc: PublicityService.method.listPublicityPeriods,
      summary: 'List publicity periods (of a member, or in a subtree)',
      access: ORGANISATION_STAFF,
      sort: ['startsOn'],
      filters: { memberId: filterOf.uuid, withinId: filterOf.uuid },
      items: 'publicityPeriods',
      filterExample: '{"memberId":"…","withinId":"…"}',
    }),
    open: call({
      rpc: PublicityService.method.openPublicityPeriod,
      method: 'POST',
      summary: 'Open a publicity period before a development step (its end counted in working days)',
      access: ORGANISATION_STAFF,
      body: OpenPublicityDto,
      reply: 'publicityPeriod',
    }),
    recordObjection: call({
      rpc: PublicityService.method.recordPublicityObjection,
      method: 'PUT',
      path: ':id',
      summary: 'Record an objection raised during publicity, and what became of it',
      access: ORGANISATION_STAFF,
      body: RecordObjectionDto,
      reply: 'publicityPeriod',
    }),
  },
});

/** 公示异议: what people raised through the public portal during a period (the organisation decides). */
export const PublicityObjectionsResource = bindResource({
  path: 'publicity-objections',
  tag: 'development',
  routes: {
    list: list({
      rpc: PublicityService.method.listPublicityObjections,
      summary: 'Objections received for a publicity period through the public portal (oldest first)',
      access: ORGANISATION_STAFF,
      sort: ['receivedAt'],
      filters: { publicityPeriodId: filterOf.uuid },
      required: ['publicityPeriodId'],
      filterExample: '{"publicityPeriodId":"…"}',
      items: 'objections',
    }),
  },
});
