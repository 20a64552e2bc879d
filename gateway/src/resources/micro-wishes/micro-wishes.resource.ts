import {
  MicroWishRankingSchema,
  MicroWishSchema,
  MicroWishService,
  type MicroWish,
  type MicroWishRanking,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { SUPERVISION_EVERYONE, SUPERVISION_STAFF } from '../access.js';

const STATUSES = ['submitted', 'rejected', 'published', 'claimed', 'fulfilled', 'confirmed'] as const;
const ACTIONS = ['publish', 'reject', 'claim', 'withdraw_claim', 'fulfil'] as const;

export class PostMicroWishDto {
  @ApiProperty({ description: 'the community or grid where the resident lives' })
  @IsUUID()
  organisationId!: string;
  @ApiProperty({ example: '想要一副老花镜' }) @IsString() @MinLength(1) @MaxLength(50) title!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) content!: string;
  @ApiProperty({ example: '刘奶奶' }) @IsString() @MinLength(1) @MaxLength(20) wisherName!: string;
  @ApiProperty({ example: '13800138000' }) @IsString() @MinLength(1) @MaxLength(20) wisherPhone!: string;
}

export class ActOnMicroWishDto {
  @ApiProperty({ description: 'the version read; a stale one is 409' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
  @ApiProperty({ enum: ACTIONS }) @IsIn(ACTIONS) action!: string;
  @ApiPropertyOptional({ description: 'why rejected, or how it was fulfilled (required for those)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

const wishView = (wish: MicroWish) => toJson(MicroWishSchema, wish);

/** 微心愿 (rules.md §7): reviewed by staff, claimed and fulfilled by members, confirmed by the resident. */
export const MicroWishesResource = bindResource({
  path: 'micro-wishes',
  tag: 'supervision',
  routes: {
    list: list({
      rpc: MicroWishService.method.listMicroWishes,
      summary: 'Wishes of the caller’s organisations (newest first), by status',
      access: SUPERVISION_STAFF,
      sort: ['createdAt'],
      filters: { status: filterOf.oneOf(STATUSES) },
      filterExample: '{"status":"submitted"}',
      request: (f: { status?: string }) => f,
      items: 'wishes',
      view: wishView as never,
    }),
    get: call({
      rpc: MicroWishService.method.getMicroWish,
      method: 'GET',
      path: ':id',
      summary: 'A wish (staff of its organisation, anyone while published, the member who claimed it)',
      access: SUPERVISION_EVERYONE,
      reply: 'wish',
      view: wishView,
    }),
    post: call({
      rpc: MicroWishService.method.postMicroWish,
      method: 'POST',
      summary: 'Post a wish on a resident’s behalf (published at once)',
      access: SUPERVISION_STAFF,
      body: PostMicroWishDto,
      reply: 'wish',
      view: wishView,
    }),
    act: call({
      rpc: MicroWishService.method.actOnMicroWish,
      method: 'POST',
      path: ':id/actions',
      status: 200,
      summary: 'Publish or reject (staff); claim, withdraw the claim, or fulfil (a member)',
      access: SUPERVISION_EVERYONE,
      body: ActOnMicroWishDto,
      request: ({ params, body }) => ({ id: params['id'], ...body, note: body.note ?? '' }),
      reply: 'wish',
      view: wishView,
    }),
  },
});

/** The wishes a member may claim, and those they claimed. */
export const MyMicroWishesResource = bindResource({
  path: 'me/micro-wishes',
  tag: 'member space',
  routes: {
    list: list({
      rpc: MicroWishService.method.listMyMicroWishes,
      summary: 'Published wishes to claim, and the caller’s own claims, newest first',
      access: SUPERVISION_EVERYONE,
      sort: ['createdAt'],
      filters: {},
      items: 'wishes',
      view: wishView as never,
    }),
  },
});

/** Who fulfilled most: confirmed wishes only (rules.md §7). */
export const MicroWishRankingsResource = bindResource({
  path: 'micro-wish-rankings',
  tag: 'supervision',
  routes: {
    list: list({
      rpc: MicroWishService.method.listMicroWishRankings,
      summary: 'Members by wishes fulfilled and confirmed by the wisher',
      access: SUPERVISION_EVERYONE,
      sort: ['confirmed'],
      filters: {},
      items: 'rankings',
      view: ((r: MicroWishRanking) => ({ id: r.userId, ...toJson(MicroWishRankingSchema, r) })) as never,
    }),
  },
});
