import { ErrorCode } from '@dangjian/contracts';

/** The one table from domain error codes to HTTP statuses. */
export const STATUS_OF_ERROR_CODE: Record<ErrorCode, { status: number; title: string }> = {
  [ErrorCode.UNSPECIFIED]: { status: 500, title: 'Internal Server Error' },
  [ErrorCode.NOT_FOUND]: { status: 404, title: 'Not Found' },
  [ErrorCode.CONFLICT]: { status: 409, title: 'Conflict' },
  [ErrorCode.VALIDATION]: { status: 400, title: 'Bad Request' },
  [ErrorCode.FORBIDDEN]: { status: 403, title: 'Forbidden' },
  [ErrorCode.RULE_VIOLATED]: { status: 422, title: 'Rule Violated' },
  [ErrorCode.UNAUTHENTICATED]: { status: 401, title: 'Unauthorized' },
  [ErrorCode.INTERNAL]: { status: 500, title: 'Internal Server Error' },
  [ErrorCode.UNAVAILABLE]: { status: 503, title: 'Service Unavailable' },
};
