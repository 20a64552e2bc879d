import { ErrorCode, OrganisationTreeService } from '@dangjian/contracts';
import { RemoteError, RpcClient, ValidationError } from '@dangjian/kit';

/**
 * A secretary's scope names organisations of the tenant of the request, and no others (issue 11).
 * The organisation service is asked in the request's tenant: another tenant's id is simply not found.
 */
export async function checkOrganisationScope(
  rpc: RpcClient,
  scope: readonly string[] | undefined,
): Promise<void> {
  const unknown: string[] = [];
  for (const id of new Set(scope ?? [])) {
    try {
      await rpc.call(OrganisationTreeService.method.getOrganisation, { id });
    } catch (error) {
      if (
        error instanceof RemoteError &&
        (error.code === ErrorCode.NOT_FOUND || error.code === ErrorCode.FORBIDDEN)
      )
        unknown.push(id);
      else throw error;
    }
  }
  if (unknown.length > 0) {
    throw ValidationError.of('organisationScope', 'organisations_not_in_tenant');
  }
}
