import { OrganisationSchema, OrganisationTreeService } from '@dangjian/contracts';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';
import {
  CreateOrganisationDto,
  DissolveOrganisationDto,
  ORGANISATION_KINDS,
  OrganisationView,
  UpdateOrganisationDto,
} from './organisation.dto.js';

/** The tree's filters, shared with the export. */
export const ORGANISATION_FILTERS = {
  q: filterOf.text,
  parentId: filterOf.uuid,
  withinId: filterOf.uuid,
  kind: filterOf.oneOf(ORGANISATION_KINDS),
  roots: filterOf.bool,
  id: filterOf.uuids,
  includeDissolved: filterOf.bool,
};

export const organisationListRequest = ({
  q,
  roots,
  id,
  ...rest
}: { q?: string; roots?: boolean; id?: string[] } & Record<string, unknown>) => ({
  ...rest,
  query: q,
  rootsOnly: roots,
  ids: id,
});

/** A tenant's party organisation tree: tenant admins the whole tree, secretaries their subtrees. */
export const OrganisationsResource = bindResource({
  path: 'organisations',
  routes: {
    list: list({
      rpc: OrganisationTreeService.method.listOrganisations,
      summary: 'List organisations of the tree (roots: the topmost the caller may see)',
      access: ORGANISATION_STAFF,
      sort: ['name', 'code', 'kind', 'depth', 'createdAt'],
      filters: ORGANISATION_FILTERS,
      request: organisationListRequest,
      items: 'organisations',
      filterExample: '{"parentId":"…","withinId":"…","kind":"branch","roots":true,"q":"研发"}',
    }),
    get: call({
      rpc: OrganisationTreeService.method.getOrganisation,
      method: 'GET',
      path: ':id',
      summary: 'One organisation, with its formation warnings',
      access: ORGANISATION_STAFF,
      reply: 'organisation',
      response: OrganisationView,
    }),
    create: call({
      rpc: OrganisationTreeService.method.createOrganisation,
      method: 'POST',
      summary: 'Add an organisation to the tree (nesting rules checked)',
      access: ORGANISATION_STAFF,
      body: CreateOrganisationDto,
      reply: 'organisation',
      response: OrganisationView,
    }),
    update: call({
      rpc: OrganisationTreeService.method.updateOrganisation,
      method: 'PUT',
      path: ':id',
      summary: 'Change an organisation; a new parent moves its whole subtree',
      access: ORGANISATION_STAFF,
      body: UpdateOrganisationDto,
      // react-admin sends the whole record back: only the editable fields are read.
      request: ({
        params,
        body: { name, code, joint, jointUnits, gridLabel, contact, foundedOn, parentId },
      }) => ({
        id: params['id']!,
        name,
        code,
        joint,
        jointUnits: jointUnits ?? undefined,
        gridLabel,
        contact,
        foundedOn,
        newParentId: parentId,
      }),
      reply: 'organisation',
      response: OrganisationView,
    }),
    dissolve: call({
      rpc: OrganisationTreeService.method.dissolveOrganisation,
      method: 'POST',
      path: ':id/dissolve',
      status: 200,
      summary: 'Dissolve an organisation, or merge it into a successor (nobody is orphaned)',
      access: ORGANISATION_STAFF,
      body: DissolveOrganisationDto,
      reply: ({ organisation, membersMoved, childrenMoved }) => ({
        organisation: organisation && toJson(OrganisationSchema, organisation),
        membersMoved,
        childrenMoved,
      }),
    }),
  },
});
