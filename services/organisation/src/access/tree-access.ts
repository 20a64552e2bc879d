import { ForbiddenError, NotFoundError, requireRole } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';

/**
 * Who may see and change which part of the tree: tenant admins (and platform operators) the whole
 * tree; a secretary the subtrees of the organisations in their scope; nobody else.
 */
export class TreeAccess {
  private readonly organisations = new OrganisationsRepository();

  /** Subtree paths the caller may touch; undefined means the whole tree. */
  async scopePaths(tx: OrganisationTx): Promise<string[] | undefined> {
    const principal = requireRole('tenant-admin', 'secretary');
    if (principal.platformOperator || principal.roles.includes('tenant-admin')) return undefined;
    if (principal.organisationScope.length === 0) return [];
    return (await this.organisations.pathsOf(tx, principal.organisationScope)).map((row) => row.path);
  }

  /**
   * The subtree paths a list covers: the caller's scope, or, when `withinId` is given, that one
   * organisation's subtree after checking it lies in the scope (404 unknown, 403 outside).
   */
  async visiblePaths(tx: OrganisationTx, withinId: string | undefined): Promise<string[] | undefined> {
    if (!withinId) return this.scopePaths(tx);
    return [(await this.subtreeRoot(tx, withinId)).path];
  }

  /** The organisation a subtree query starts from, checked against the caller's scope. */
  async subtreeRoot(tx: OrganisationTx, id: string): Promise<{ id: string; path: string }> {
    const [root] = await this.organisations.pathsOf(tx, [id]);
    if (!root) throw new NotFoundError('organisation', id);
    await this.requireWithin(tx, root.path);
    return root;
  }

  /** Refuses unless the organisation at `path` lies in the caller's scope. */
  async requireWithin(tx: OrganisationTx, path: string): Promise<void> {
    const paths = await this.scopePaths(tx);
    if (paths && !paths.some((root) => path.startsWith(root))) {
      throw new ForbiddenError('outside your organisations');
    }
  }
}
