import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ReviewError, type ReviewErrorCode } from '@rapport/review';
import { isTransientStoreError, StoreError } from '@rapport/store';

/** The body of every error response: a stable code and a message for the person who sent the request. */
export interface ErrorBody {
  error: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const REVIEW_STATUS: Record<ReviewErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID_TRANSITION: 409,
  UNKNOWN_FLAG: 400,
  CONFLICT: 409,
  INVALID_CURSOR: 400,
  LIMIT_REACHED: 409,
};

/** Maps any error to a status and a safe body: internal error text never reaches the client. */
export function toHttpError(err: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
  if (err instanceof HttpError)
    return { status: err.status, body: { error: err.code, message: err.message } };
  if (err instanceof ReviewError)
    return { status: REVIEW_STATUS[err.code], body: { error: err.code, message: err.message } };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'request';
    const problems = err.validation
      .map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return `${path ? `${where}.${path}` : where}: ${v.message ?? 'is invalid'}`;
      })
      .join('; ');
    return { status: 400, body: { error: 'INVALID_REQUEST', message: problems } };
  }
  if ((err instanceof StoreError && err.code === 'STORE_UNAVAILABLE') || isTransientStoreError(err))
    return {
      status: 503,
      body: {
        error: 'STORE_UNAVAILABLE',
        message: 'the review store is not reachable right now; try again shortly',
      },
    };
  const fe = err as Partial<FastifyError>;
  if (fe.statusCode === 413)
    return { status: 413, body: { error: 'BODY_TOO_LARGE', message: 'the request body is too large' } };
  if (fe.statusCode === 429)
    return {
      status: 429,
      body: { error: 'RATE_LIMITED', message: fe.message ?? 'too many requests; slow down and retry' },
    };
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return {
      status: 415,
      body: { error: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json (or a form from the web UI)' },
    };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return {
      status: fe.statusCode,
      body: { error: 'BAD_REQUEST', message: 'the request could not be read: check its JSON and headers' },
    };
  return {
    status: 500,
    body: {
      error: 'INTERNAL',
      message: `something went wrong on our side (request ${request.id}); it is logged`,
    },
  };
}

export function sendError(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}
