import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { ErrorCode } from '@helpdesk/contracts';
import { sendProblem } from '../http/send-problem';
import { toErrorBody } from './domain-error';

/**
 * The one exception filter of every app. On the bus it turns whatever a handler throws into the
 * `{ code, message, details }` error shape; over HTTP it answers RFC 9457 problem+json.
 * Unexpected errors are logged once, here.
 */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') {
      const body = toErrorBody(exception);
      if (body.code === ErrorCode.Internal) {
        const subject = host.switchToRpc().getContext<{ getSubject?: () => string }>()?.getSubject?.();
        this.logger.error({ err: exception, subject }, 'handler failed');
      }
      return throwError(() => body);
    }
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}
