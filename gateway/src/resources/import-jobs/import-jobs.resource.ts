import { ImportJobService, type ImportRowError } from '@dangjian/contracts';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';

/** 批量导入: members or organisations from .xlsx / .csv in the documented template (the upload is beside). */
export const ImportJobsResource = bindResource({
  path: 'import-jobs',
  routes: {
    list: list({
      rpc: ImportJobService.method.listImportJobs,
      summary: 'Import jobs, newest first',
      access: ORGANISATION_STAFF,
      sort: ['createdAt'],
      filters: {},
      items: 'jobs',
    }),
    get: call({
      rpc: ImportJobService.method.getImportJob,
      method: 'GET',
      path: ':id',
      summary: 'One import job and its progress',
      access: ORGANISATION_STAFF,
      reply: 'job',
    }),
    // A job that stopped (e.g. the service restarted) goes on from its last committed batch.
    resume: call({
      rpc: ImportJobService.method.startImportJob,
      method: 'POST',
      path: ':id/resume',
      status: 202,
      summary: 'Resume a stopped import job from its last committed batch',
      access: ORGANISATION_STAFF,
      request: ({ params }) => ({ jobId: params['id'] }),
      reply: 'job',
    }),
  },
});

/** The bad rows of an import job: row number, column, reason. */
export const ImportJobErrorsResource = bindResource({
  path: 'import-job-errors',
  tag: 'import-jobs',
  routes: {
    list: list({
      rpc: ImportJobService.method.listImportJobErrors,
      summary: 'The rows an import job could not take, with the column and the reason',
      access: ORGANISATION_STAFF,
      sort: ['rowNumber'],
      filters: { jobId: filterOf.uuid },
      required: ['jobId'],
      items: 'errors',
      view: ({ rowNumber, column, reason, code, params }: ImportRowError, { index }) => ({
        id: `${rowNumber}:${index}`,
        rowNumber,
        column,
        code,
        params,
        reason,
      }),
      filterExample: '{"jobId":"…"}',
    }),
  },
});
