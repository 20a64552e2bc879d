import { UserService } from '@dangjian/contracts';
import type {
  CreateUserRequest,
  GetMeRequest,
  GetUserRequest,
  ListUsersRequest,
  RemoveUserRequest,
  UpdateUserRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { AccessUseCases } from '../access/access.use-cases.js';
import { UsersUseCases } from './users.use-cases.js';

/** The people of a tenant, and the caller's own identity. */
@Controller()
export class UsersHandler implements RpcHandlers<typeof UserService> {
  constructor(
    @Inject(AccessUseCases) private readonly access: AccessUseCases,
    @Inject(UsersUseCases) private readonly users: UsersUseCases,
  ) {}

  @RpcMethod(UserService.method.listUsers)
  listUsers(request: ListUsersRequest) {
    return this.users.list(request);
  }

  @RpcMethod(UserService.method.getUser)
  async getUser(request: GetUserRequest) {
    return { user: await this.users.get(request.id) };
  }

  @RpcMethod(UserService.method.createUser)
  async createUser(request: CreateUserRequest) {
    return { user: await this.users.create(request) };
  }

  @RpcMethod(UserService.method.updateUser)
  async updateUser(request: UpdateUserRequest) {
    return { user: await this.users.update(request) };
  }

  @RpcMethod(UserService.method.removeUser)
  removeUser(request: RemoveUserRequest) {
    return this.users.remove(request.id);
  }

  @RpcMethod(UserService.method.getMe)
  getMe(_request: GetMeRequest) {
    return this.access.me();
  }
}
