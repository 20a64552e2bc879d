import { create } from '@bufbuild/protobuf';
import { OrganisationSchema, type Organisation } from '@dangjian/contracts';
import type { Organisation as OrganisationRow } from '../generated/prisma/client.js';
import { GRID_LABEL_OF_NAME, KIND_OF_NAME, type GridLabelName, type KindName } from './organisation-kinds.js';

export type OrganisationRowWithCount = OrganisationRow & { _count?: { children: number } };

export function ancestorIdsOf(path: string): string[] {
  return path.split('/').filter(Boolean).slice(0, -1);
}

export function toOrganisationMessage(row: OrganisationRowWithCount): Organisation {
  return create(OrganisationSchema, {
    id: row.id,
    name: row.name,
    code: row.code,
    kind: KIND_OF_NAME[row.kind as KindName],
    parentId: row.parentId ?? '',
    ancestorIds: ancestorIdsOf(row.path),
    depth: row.depth,
    joint: row.joint,
    gridLabel: GRID_LABEL_OF_NAME[row.gridLabel as GridLabelName],
    contact: row.contact,
    foundedOn: row.foundedOn ? row.foundedOn.toISOString().slice(0, 10) : '',
    childCount: row._count?.children ?? 0,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}
