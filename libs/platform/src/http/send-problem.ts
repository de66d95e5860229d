import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../context/request-context';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

/** Answers an error as application/problem+json (server faults other than 503 are logged). */
export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const requestId = requestContext.requestId() ?? (typeof request.id === 'string' ? request.id : undefined);
  const problem = toProblem(exception, { url: request.url, headers: request.headers }, requestId);
  if (problem.status >= 500 && problem.status !== 503) logger.error({ err: exception, requestId }, 'request failed');
  if (reply.sent) return;
  const retryAfter = (exception as { details?: { retryAfterSeconds?: unknown } } | null)?.details?.retryAfterSeconds;
  if ((problem.status === 429 || problem.status === 503) && typeof retryAfter === 'number' && !reply.hasHeader('retry-after')) {
    // Busy or over a limit, with a known wait: say when to come back (providers and clients honour it).
    void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
  }
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
