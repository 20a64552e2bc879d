import { PositionService } from '@dangjian/contracts';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';
import { CreatePositionDto, EndPositionDto, PositionView } from './position.dto.js';

/** Secretaries, deputy secretaries and committee members with their terms (换届 reminders). */
export const PositionsResource = bindResource({
  path: 'positions',
  routes: {
    list: list({
      rpc: PositionService.method.listPositions,
      summary: 'List office holders and their terms (current, ending within 90 days)',
      access: ORGANISATION_STAFF,
      sort: ['termEnd'],
      filters: { withinId: filterOf.uuid, current: filterOf.bool, endingSoon: filterOf.bool },
      request: ({ current, endingSoon, ...rest }) => ({
        ...rest,
        currentOnly: current,
        endingSoonOnly: endingSoon,
      }),
      items: 'positions',
      filterExample: '{"withinId":"…","current":true,"endingSoon":true}',
    }),
    create: call({
      rpc: PositionService.method.createPosition,
      method: 'POST',
      summary: 'Appoint an office holder for a term',
      access: ORGANISATION_STAFF,
      body: CreatePositionDto,
      reply: 'position',
      response: PositionView,
    }),
    end: call({
      rpc: PositionService.method.endPosition,
      method: 'PUT',
      path: ':id',
      summary: 'End a term early',
      access: ORGANISATION_STAFF,
      body: EndPositionDto,
      reply: 'position',
      response: PositionView,
    }),
  },
});
