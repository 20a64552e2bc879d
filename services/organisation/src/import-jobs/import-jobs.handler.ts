import { ImportJobService } from '@dangjian/contracts';
import type {
  AppendImportChunkRequest,
  CreateImportJobRequest,
  GetImportJobRequest,
  GetImportTemplateRequest,
  ListImportJobErrorsRequest,
  ListImportJobsRequest,
  StartImportJobRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { ImportJobsUseCases } from './import-jobs.use-cases.js';

/** Import jobs' RPCs. */
@Controller()
export class ImportJobsHandler implements RpcHandlers<typeof ImportJobService> {
  constructor(@Inject(ImportJobsUseCases) private readonly imports: ImportJobsUseCases) {}

  @RpcMethod(ImportJobService.method.createImportJob)
  async createImportJob(request: CreateImportJobRequest) {
    return { job: await this.imports.create(request) };
  }

  @RpcMethod(ImportJobService.method.appendImportChunk)
  async appendImportChunk(request: AppendImportChunkRequest) {
    return { receivedBytes: await this.imports.appendChunk(request) };
  }

  @RpcMethod(ImportJobService.method.startImportJob)
  async startImportJob(request: StartImportJobRequest) {
    return { job: await this.imports.start(request.jobId) };
  }

  @RpcMethod(ImportJobService.method.getImportJob)
  async getImportJob(request: GetImportJobRequest) {
    return { job: await this.imports.get(request.id) };
  }

  @RpcMethod(ImportJobService.method.listImportJobs)
  listImportJobs(request: ListImportJobsRequest) {
    return this.imports.list(request.page);
  }

  @RpcMethod(ImportJobService.method.listImportJobErrors)
  listImportJobErrors(request: ListImportJobErrorsRequest) {
    return this.imports.errors(request);
  }

  @RpcMethod(ImportJobService.method.getImportTemplate)
  async getImportTemplate(request: GetImportTemplateRequest) {
    return { columns: this.imports.template(request.kind) };
  }
}
