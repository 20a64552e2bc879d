import { create } from '@bufbuild/protobuf';
import { OrganisationTreeService, PrincipalSchema, RosterService } from '@dangjian/contracts';
import { currentContext, type RpcClient } from '@dangjian/kit';

export interface PlacedOrganisation {
  id: string;
  name: string;
  pathIds: string[];
  parent?: { id: string; name: string };
}

/**
 * The organisation tree, asked of the organisation service over the bus. The caller's own context
 * decides whether they may name an organisation (a secretary only their subtrees: checked there);
 * the parent's name, which a branch secretary may not read, is read as the service itself.
 */
export class Tree {
  constructor(private readonly rpc: RpcClient) {}

  async placed(organisationId: string): Promise<PlacedOrganisation> {
    const { organisation } = await this.rpc.call(OrganisationTreeService.method.getOrganisation, {
      id: organisationId,
    });
    const o = organisation!;
    const pathIds = [...o.ancestorIds.filter((id) => id !== o.id), o.id];
    if (!o.parentId) return { id: o.id, name: o.name, pathIds };
    const context = currentContext()!;
    const asService = {
      ...context,
      principal: create(PrincipalSchema, { userId: 'disclosure-service', roles: ['tenant-admin'] }),
    };
    const parent = await this.rpc.call(
      OrganisationTreeService.method.getOrganisation,
      { id: o.parentId },
      { context: asService },
    );
    return { id: o.id, name: o.name, pathIds, parent: { id: o.parentId, name: parent.organisation!.name } };
  }

  /** Names in the text that the audience should not read (the organisation service finds them). */
  async namesOutsideAudience(text: string, organisationId: string, audience: string): Promise<string[]> {
    const { names } = await this.rpc.call(RosterService.method.findNamesInText, {
      text,
      organisationId,
      audience,
    });
    return names.filter((n) => !n.withinAudience).map((n) => n.name);
  }

  /** The caller's own organisation and those above it; none without a member record. */
  async myPath(): Promise<string[]> {
    const placement = await this.rpc.call(RosterService.method.getMyPlacement, {});
    return placement.hasRecord ? placement.organisationPathIds : [];
  }
}
