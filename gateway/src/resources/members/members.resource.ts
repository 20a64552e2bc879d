import { MemberService } from '@dangjian/contracts';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_ADMINS, ORGANISATION_STAFF } from '../access.js';
import {
  CreateMemberDto,
  DEVELOPMENT_STAGES,
  MEMBER_STATUSES,
  UnmaskDto,
  UpdateMemberDto,
} from './member.dto.js';

/** The member list's filters, shared with the export (validated once, here at the edge). */
export const MEMBER_FILTERS = {
  withinId: filterOf.uuid,
  q: filterOf.text,
  developmentStage: filterOf.oneOf(DEVELOPMENT_STAGES),
  status: filterOf.oneOf(MEMBER_STATUSES),
  idCardNumber: filterOf.idCard,
  id: filterOf.uuids,
};

/** The list request from the filter: `q` is the name's part, `id` react-admin's getMany. */
export const memberListRequest = ({
  q,
  id,
  ...rest
}: { q?: string; id?: string[] } & Record<string, unknown>) => ({
  ...rest,
  query: q,
  ids: id,
});

/** Member records: ID-card numbers and phones are masked here; unmasking is its own audited action. */
export const MembersResource = bindResource({
  path: 'members',
  routes: {
    list: list({
      rpc: MemberService.method.listMembers,
      summary: 'List member records in the caller’s scope',
      access: ORGANISATION_STAFF,
      sort: ['name'],
      filters: MEMBER_FILTERS,
      request: memberListRequest,
      items: 'members',
      filterExample: '{"withinId":"…","q":"张","developmentStage":"full","status":"active"}',
    }),
    get: call({
      rpc: MemberService.method.getMember,
      method: 'GET',
      path: ':id',
      summary: 'One member record (masked)',
      access: ORGANISATION_STAFF,
      reply: 'member',
    }),
    history: call({
      rpc: MemberService.method.listMemberChanges,
      method: 'GET',
      path: ':id/history',
      summary: 'A member record’s history: who changed which fields, when and why',
      access: ORGANISATION_STAFF,
      reply: (reply) => reply.changes.map(({ $typeName: _type, ...change }) => change),
    }),
    create: call({
      rpc: MemberService.method.createMember,
      method: 'POST',
      summary: 'Register a member record (GB 11643 ID-card number checked)',
      access: ORGANISATION_STAFF,
      body: CreateMemberDto,
      reply: 'member',
    }),
    update: call({
      rpc: MemberService.method.updateMember,
      method: 'PUT',
      path: ':id',
      summary: 'Change a member record, with the reason kept in its history',
      access: ORGANISATION_STAFF,
      body: UpdateMemberDto,
      reply: 'member',
    }),
    unmask: call({
      rpc: MemberService.method.revealMemberPii,
      method: 'POST',
      path: ':id/unmask',
      status: 200,
      summary: 'The full ID-card number and phone, with a reason (audited)',
      access: ORGANISATION_ADMINS,
      body: UnmaskDto,
      reply: ({ idCardNumber, phone }) => ({ idCardNumber, phone }),
    }),
  },
});
