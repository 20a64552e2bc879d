import { OrganisationTreeService } from '@dangjian/contracts';
import type {
  CreateOrganisationRequest,
  DissolveOrganisationRequest,
  GetOrganisationRequest,
  ListOrganisationsRequest,
  MoveOrganisationRequest,
  UpdateOrganisationRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { OrganisationsUseCases } from './organisations.use-cases.js';

/** The organisation tree's RPCs. */
@Controller()
export class OrganisationTreeHandler implements RpcHandlers<typeof OrganisationTreeService> {
  constructor(@Inject(OrganisationsUseCases) private readonly organisations: OrganisationsUseCases) {}

  @RpcMethod(OrganisationTreeService.method.listOrganisations)
  listOrganisations(request: ListOrganisationsRequest) {
    return this.organisations.list(request);
  }

  @RpcMethod(OrganisationTreeService.method.getOrganisation)
  async getOrganisation(request: GetOrganisationRequest) {
    return { organisation: await this.organisations.get(request.id) };
  }

  @RpcMethod(OrganisationTreeService.method.createOrganisation)
  async createOrganisation(request: CreateOrganisationRequest) {
    return { organisation: await this.organisations.create(request) };
  }

  @RpcMethod(OrganisationTreeService.method.updateOrganisation)
  async updateOrganisation(request: UpdateOrganisationRequest) {
    return { organisation: await this.organisations.update(request) };
  }

  @RpcMethod(OrganisationTreeService.method.moveOrganisation)
  moveOrganisation(request: MoveOrganisationRequest) {
    return this.organisations.move(request);
  }

  @RpcMethod(OrganisationTreeService.method.dissolveOrganisation)
  dissolveOrganisation(request: DissolveOrganisationRequest) {
    return this.organisations.dissolve(request);
  }
}
