import { BallotSchema, BallotService, type Ballot } from '@dangjian/contracts';
import { ValidationError } from '@dangjian/kit';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { SUPERVISION_EVERYONE, SUPERVISION_STAFF } from '../access.js';

const KINDS = ['member_appraisal', 'cadre', 'commitment'] as const;

export class CreateBallotDto {
  @ApiProperty({ description: 'whose members vote (its subtree)' }) @IsUUID() organisationId!: string;
  @ApiProperty({ example: '2026年度民主评议党员' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  subject!: string;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind!: string;
  @ApiProperty({ example: '', description: 'a cadre’s or a commitment’s name; empty for members’ appraisal' })
  @IsString()
  @MaxLength(50)
  subjectName!: string;
}

export class ActOnBallotDto {
  @ApiProperty({ description: 'the version read; a stale one is 409' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
  @ApiProperty({ enum: ['open', 'close'], description: 'open takes the roll from the member records' })
  @IsIn(['open', 'close'])
  action!: string;
}

export class CastBallotDto {
  @ApiProperty({
    example: { 'candidate-id': 'qualified' },
    description: 'each graded candidate’s grade (the ballot’s `grades`)',
  })
  @IsObject()
  grades!: Record<string, string>;
}

const ballotView = (ballot: Ballot) => toJson(BallotSchema, ballot);

/** 民主测评 (rules.md §7, §4): a roll taken at opening, one paper each, results after closing. */
export const BallotsResource = bindResource({
  path: 'ballots',
  tag: 'supervision',
  routes: {
    list: list({
      rpc: BallotService.method.listBallots,
      summary: 'Ballots of the caller’s organisations, newest first',
      access: SUPERVISION_STAFF,
      sort: ['createdAt'],
      filters: { status: filterOf.oneOf(['draft', 'open', 'closed'] as const) },
      request: (f: { status?: string }) => f,
      items: 'ballots',
      view: ballotView as never,
    }),
    get: call({
      rpc: BallotService.method.getBallot,
      method: 'GET',
      path: ':id',
      summary: 'A ballot: turnout per organisation (staff) while open, results once closed',
      access: SUPERVISION_EVERYONE,
      reply: 'ballot',
      view: ballotView,
    }),
    create: call({
      rpc: BallotService.method.createBallot,
      method: 'POST',
      summary: 'Create a ballot (a draft until opened)',
      access: SUPERVISION_STAFF,
      body: CreateBallotDto,
      reply: 'ballot',
      view: ballotView,
    }),
    act: call({
      rpc: BallotService.method.actOnBallot,
      method: 'POST',
      path: ':id/actions',
      status: 200,
      summary: 'Open (the roll is taken from the member records now) or close',
      access: SUPERVISION_STAFF,
      body: ActOnBallotDto,
      request: ({ params, body }) => ({ id: params['id'], ...body }),
      reply: 'ballot',
      view: ballotView,
    }),
    cast: call({
      rpc: BallotService.method.castBallot,
      method: 'POST',
      path: ':id/votes',
      summary: 'Vote once (the roll records that you voted; the paper, kept apart, what)',
      access: SUPERVISION_EVERYONE,
      body: CastBallotDto,
      request: ({ params, body }) => {
        // A paper is text grades only: anything else names its field before it reaches the service.
        const entries = Object.entries(body.grades);
        if (entries.length > 1000) throw ValidationError.of('grades', 'too_many', { max: 1000 });
        for (const [candidate, grade] of entries)
          if (typeof grade !== 'string' || grade.length > 30)
            throw ValidationError.of(`grades.${candidate}`, 'not_text');
        return { ballotId: params['id'], grades: body.grades };
      },
      reply: 'ballot',
      view: ballotView,
    }),
  },
});

/** The ballots a person is on the roll of. */
export const MyBallotsResource = bindResource({
  path: 'me/ballots',
  tag: 'member space',
  routes: {
    list: list({
      rpc: BallotService.method.listMyBallots,
      summary: 'Ballots on whose roll I am (open and closed), newest first',
      access: SUPERVISION_EVERYONE,
      sort: ['createdAt'],
      filters: {},
      items: 'ballots',
      view: ballotView as never,
    }),
  },
});
