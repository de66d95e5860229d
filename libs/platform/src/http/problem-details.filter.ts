import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../context/request-context';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

/** Every HTTP error, from any layer, answers RFC 9457 application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(exception, request, reply, this.logger);
  }
}

export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const requestId = requestContext.requestId() ?? (typeof request.id === 'string' ? request.id : undefined);
  const problem = toProblem(exception, { url: request.url, headers: request.headers }, requestId);
  if (problem.status >= 500 && problem.status !== 503) logger.error({ err: exception, requestId }, 'request failed');
  if (reply.sent) return;
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
