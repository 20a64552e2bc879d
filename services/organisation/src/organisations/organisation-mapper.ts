import { create } from '@bufbuild/protobuf';
import { GRID_LABEL, ORGANISATION_KIND, OrganisationSchema, type Organisation } from '@dangjian/contracts';
import type { Organisation as OrganisationRow } from '../generated/prisma/client.js';

export type OrganisationRowWithCount = OrganisationRow & { _count?: { children: number } };

export function ancestorIdsOf(path: string): string[] {
  return path.split('/').filter(Boolean).slice(0, -1);
}

export function toOrganisationMessage(row: OrganisationRowWithCount): Organisation {
  return create(OrganisationSchema, {
    id: row.id,
    name: row.name,
    code: row.code,
    kind: ORGANISATION_KIND.valueOf(row.kind)!,
    ...(row.parentId ? { parentId: row.parentId } : {}),
    ancestorIds: ancestorIdsOf(row.path),
    depth: row.depth,
    joint: row.joint,
    ...(row.jointUnits !== null ? { jointUnits: row.jointUnits } : {}),
    gridLabel: GRID_LABEL.valueOf(row.gridLabel)!,
    contact: row.contact,
    ...(row.foundedOn ? { foundedOn: row.foundedOn.toISOString().slice(0, 10) } : {}),
    childCount: row._count?.children ?? 0,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    status: row.status,
    ...(row.dissolvedOn ? { dissolvedOn: row.dissolvedOn.toISOString().slice(0, 10) } : {}),
    ...(row.successorId ? { successorId: row.successorId } : {}),
  });
}
