import {
  GraduationSchema,
  GraduationService,
  type GraduateOverdue,
  type Graduation,
} from '@dangjian/contracts';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';
import { RecordGraduationDto } from './graduation.dto.js';

/** One record per member: react-admin's id is the member's. */
const graduationView = (graduation: Graduation) => ({
  id: graduation.memberId,
  ...toJson(GraduationSchema, graduation),
});

/** 毕业生党员: graduation date and destination of student members, one record per member (`graduations/:memberId`). */
export const GraduationsResource = bindResource({
  path: 'graduations',
  routes: {
    list: list({
      rpc: GraduationService.method.listGraduations,
      summary: 'Student members’ graduation dates and destinations',
      access: ORGANISATION_STAFF,
      sort: ['graduatesOn'],
      filters: { withinId: filterOf.uuid, memberId: filterOf.uuid },
      request: ({ memberId, ...rest }) => ({ ...rest, memberIds: memberId ? [memberId] : [] }),
      items: 'graduations',
      view: graduationView,
      filterExample: '{"withinId":"…","memberId":"…"}',
    }),
    record: call({
      rpc: GraduationService.method.recordGraduation,
      method: 'PUT',
      path: ':memberId',
      summary: 'Record (or correct) a student member’s graduation date and destination',
      access: ORGANISATION_STAFF,
      body: RecordGraduationDto,
      reply: 'graduation',
      view: graduationView,
    }),
  },
});

/** Graduates to chase: no transfer 3 months after graduating; unemployed and held beyond 2 years. */
export const GraduateOverdueResource = bindResource({
  path: 'graduate-overdue',
  tag: 'graduations',
  routes: {
    list: list({
      rpc: GraduationService.method.listGraduateOverdue,
      summary: 'Graduates to chase: no transfer after 3 months, or unemployed and held beyond 2 years',
      access: ORGANISATION_STAFF,
      sort: ['dueOn'],
      filters: { withinId: filterOf.uuid },
      items: 'overdue',
      view: ({ graduation, kind, dueOn }: GraduateOverdue) => ({
        ...graduationView(graduation!),
        id: `${graduation!.memberId}:${kind}`,
        kind,
        dueOn,
      }),
      filterExample: '{"withinId":"…"}',
    }),
  },
});
