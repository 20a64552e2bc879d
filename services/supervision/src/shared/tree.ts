import { create } from '@bufbuild/protobuf';
import {
  OrganisationTreeService,
  PageRequestSchema,
  PrincipalSchema,
  RosterService,
  type Organisation,
} from '@dangjian/contracts';
import { currentContext, type RpcClient } from '@dangjian/kit';

export interface Ladder {
  id: string;
  name: string;
  /** Root first, the organisation last. */
  pathIds: string[];
  pathNames: string[];
  memberCount: number;
}

/**
 * The organisation tree, asked of the organisation service over the bus. What a citizen or the
 * service itself needs (names, the ladder above an organisation) is read as the service; whether a
 * member of staff may name an organisation is asked with their own context (decided there).
 */
export class Tree {
  /** Ladders asked lately, per tenant and organisation: a burst of filings asks the tree once. */
  private readonly ladders = new Map<string, { ladder: Promise<Ladder>; until: number }>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly ladderMs = 30_000,
  ) {}

  private asService() {
    const context = currentContext()!;
    return {
      context: {
        ...context,
        principal: create(PrincipalSchema, { userId: 'supervision-service', roles: ['tenant-admin'] }),
      },
    };
  }

  /** 404/403 from the organisation service when the caller may not name it. */
  async checkCallerMayName(organisationId: string): Promise<void> {
    await this.rpc.call(OrganisationTreeService.method.getOrganisation, { id: organisationId });
  }

  /**
   * An organisation with the names of those above it (404 when it is not the tenant's), kept for half
   * a minute: a renamed or moved organisation shows on new appeals within that time.
   */
  ladder(organisationId: string): Promise<Ladder> {
    const key = `${currentContext()?.tenant?.tenantId}|${organisationId}`;
    const now = Date.now();
    const kept = this.ladders.get(key);
    if (kept && kept.until > now) return kept.ladder;
    if (this.ladders.size > 10_000) this.ladders.clear();
    const ladder = this.readLadder(organisationId);
    this.ladders.set(key, { ladder, until: now + this.ladderMs });
    // A refusal is not kept: the next filing asks again.
    ladder.catch(() => this.ladders.delete(key));
    return ladder;
  }

  private async readLadder(organisationId: string): Promise<Ladder> {
    const { organisation } = await this.rpc.call(
      OrganisationTreeService.method.getOrganisation,
      { id: organisationId },
      this.asService(),
    );
    const o = organisation!;
    const above = o.ancestorIds.filter((id) => id !== o.id);
    const names = new Map<string, string>();
    if (above.length > 0) {
      const { organisations } = await this.rpc.call(
        OrganisationTreeService.method.listOrganisations,
        { ids: above, includeDissolved: true, page: create(PageRequestSchema, { limit: above.length }) },
        this.asService(),
      );
      for (const a of organisations) names.set(a.id, a.name);
    }
    return {
      id: o.id,
      name: o.name,
      pathIds: [...above, o.id],
      pathNames: [...above.map((id) => names.get(id) ?? ''), o.name],
      memberCount: o.memberCount,
    };
  }

  /** The tenant's active organisations, for a citizen's choice of place (names only). */
  async all(): Promise<Organisation[]> {
    const { organisations } = await this.rpc.call(
      OrganisationTreeService.method.listOrganisations,
      { page: create(PageRequestSchema, { limit: 500 }) },
      this.asService(),
    );
    return organisations;
  }

  /** The caller's own member record: their name and organisations (none without a record). */
  async myPlacement(): Promise<{ name: string; pathIds: string[] }> {
    const placement = await this.rpc.call(RosterService.method.getMyPlacement, {});
    return placement.hasRecord
      ? { name: placement.name, pathIds: placement.organisationPathIds }
      : { name: '', pathIds: [] };
  }
}
