import { DisclosureItemSchema, DisclosureItemService, type DisclosureItem } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant, WithZone } from '../../http/instant.js';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { DISCLOSURE_STAFF, MY_DISCLOSURES } from '../access.js';

const AUDIENCES = ['organisation', 'subtree', 'tenant', 'public'] as const;
const CHANNELS = ['platform', 'noticeboard', 'meeting', 'document'] as const;
export const DISCLOSURE_STATUSES = [
  'proposed',
  'returned',
  'awaiting_approval',
  'scheduled',
  'published',
  'expired',
  'withdrawn',
] as const;

class DisclosureFieldsDto {
  @ApiProperty({ example: 'work', description: 'one of the tenant’s categories (disclosure-settings)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,29}$/)
  category!: string;
  @ApiProperty({ example: '2026年第四季度党费收缴情况' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  title!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20_000) body!: string;
  @ApiProperty({ enum: AUDIENCES, description: 'its own members, its subtree, the tenant, or the public' })
  @IsIn(AUDIENCES)
  audience!: string;
  @ApiProperty({ enum: CHANNELS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(CHANNELS, { each: true })
  channels!: string[];
  @ApiProperty({ example: '2026-12-01T09:00:00+08:00', description: 'published from (scheduled when later)' })
  @IsInstant()
  @WithZone()
  startsAt!: string;
  @ApiPropertyOptional({ example: '2026-12-31T18:00:00+08:00', description: 'expires at; none: stays' })
  @IsOptional()
  @IsInstant()
  @WithZone()
  endsAt?: string;
}

export class ProposeDisclosureItemDto extends DisclosureFieldsDto {
  @ApiProperty({ description: 'the organisation that discloses' }) @IsUUID() organisationId!: string;
}

export class ResubmitDisclosureItemDto extends DisclosureFieldsDto {
  @ApiProperty({ description: 'the version read; a stale one is 409' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}

class FindingAcknowledgementDto {
  @ApiProperty({ description: 'the finding’s index in the item’s findings' })
  @IsInt()
  @Min(0)
  @Max(1000)
  index!: number;
  @ApiProperty({ example: '党组织公开的监督电话' }) @IsString() @MinLength(1) @MaxLength(200) note!: string;
}

export class ReviewDisclosureItemDto {
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000) version!: number;
  @ApiProperty({ enum: ['pass', 'return'] }) @IsIn(['pass', 'return']) decision!: string;
  @ApiPropertyOptional({ description: 'required when returning' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
  @ApiPropertyOptional({
    type: [FindingAcknowledgementDto],
    description: 'phone numbers and names allowed to stand, each with why (an ID-card number never)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FindingAcknowledgementDto)
  acknowledgements?: FindingAcknowledgementDto[];
}

export class ApproveDisclosureItemDto {
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000) version!: number;
  @ApiProperty({ enum: ['approve', 'return'] }) @IsIn(['approve', 'return']) decision!: string;
  @ApiPropertyOptional({ description: 'required when returning' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class WithdrawDisclosureItemDto {
  @ApiProperty({ example: '内容有误，更正后重新公开' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

const itemView = (item: DisclosureItem) => toJson(DisclosureItemSchema, item);

/** 党务公开 (rules.md §6): proposed, reviewed for confidentiality, approved, published in its window. */
export const DisclosureItemsResource = bindResource({
  path: 'disclosure-items',
  tag: 'disclosure',
  routes: {
    list: list({
      rpc: DisclosureItemService.method.listDisclosureItems,
      summary:
        'Disclosure items of the caller’s organisations (newest first), by status or awaiting the caller',
      access: DISCLOSURE_STAFF,
      sort: ['createdAt'],
      filters: {
        status: filterOf.oneOf(DISCLOSURE_STATUSES),
        organisationId: filterOf.uuid,
        awaitingMe: filterOf.bool,
      },
      filterExample: '{"status":"awaiting_approval"}',
      request: (f: { status?: string; organisationId?: string; awaitingMe?: boolean }) => ({
        status: f.status,
        organisationId: f.organisationId,
        awaitingMe: f.awaitingMe ?? false,
      }),
      items: 'items',
      view: itemView as never,
    }),
    get: call({
      rpc: DisclosureItemService.method.getDisclosureItem,
      method: 'GET',
      path: ':id',
      summary: 'An item with its findings, its history and what the caller may do',
      access: DISCLOSURE_STAFF,
      reply: 'item',
      view: itemView,
    }),
    propose: call({
      rpc: DisclosureItemService.method.proposeDisclosureItem,
      method: 'POST',
      summary: 'Propose an item (the confidentiality review runs at once and lists its findings)',
      access: DISCLOSURE_STAFF,
      body: ProposeDisclosureItemDto,
      reply: 'item',
      view: itemView,
    }),
    resubmit: call({
      rpc: DisclosureItemService.method.resubmitDisclosureItem,
      method: 'PUT',
      path: ':id',
      summary: 'Correct a returned item and send it for review again',
      access: DISCLOSURE_STAFF,
      body: ResubmitDisclosureItemDto,
      reply: 'item',
      view: itemView,
    }),
    review: call({
      rpc: DisclosureItemService.method.reviewDisclosureItem,
      method: 'POST',
      path: ':id/review',
      status: 200,
      summary: 'The confidentiality review: pass (every finding removed or allowed) or return with a note',
      access: DISCLOSURE_STAFF,
      body: ReviewDisclosureItemDto,
      request: ({ params, body }) => ({
        id: params['id'],
        version: body.version,
        decision: body.decision,
        note: body.note ?? '',
        acknowledgements: body.acknowledgements ?? [],
      }),
      reply: 'item',
      view: itemView,
    }),
    approve: call({
      rpc: DisclosureItemService.method.approveDisclosureItem,
      method: 'POST',
      path: ':id/approval',
      status: 200,
      summary: 'Approve (published in its window) or return with a note; the parent’s when escalated',
      access: DISCLOSURE_STAFF,
      body: ApproveDisclosureItemDto,
      request: ({ params, body }) => ({
        id: params['id'],
        version: body.version,
        decision: body.decision,
        note: body.note ?? '',
      }),
      reply: 'item',
      view: itemView,
    }),
    withdraw: call({
      rpc: DisclosureItemService.method.withdrawDisclosureItem,
      method: 'POST',
      path: ':id/withdrawal',
      status: 200,
      summary: 'Withdraw an item, with a reason that stays visible where it was published',
      access: DISCLOSURE_STAFF,
      body: WithdrawDisclosureItemDto,
      reply: 'item',
      view: itemView,
    }),
  },
});

/** 党务公开 in the member space: what is published to me. */
export const MyDisclosuresResource = bindResource({
  path: 'me/disclosures',
  tag: 'member space',
  routes: {
    list: list({
      rpc: DisclosureItemService.method.listMyDisclosures,
      summary: 'What is published to me now (and what was withdrawn, with the reason), newest first',
      access: MY_DISCLOSURES,
      sort: ['startsAt'],
      filters: {},
      items: 'items',
      view: itemView as never,
    }),
  },
});
