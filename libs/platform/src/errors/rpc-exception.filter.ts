import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { toErrorBody } from './domain-error';
import { ErrorCode } from '@helpdesk/contracts';

/** Turns whatever a message handler throws into the bus error shape; unexpected errors are logged once here. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const body = toErrorBody(exception);
    if (body.code === ErrorCode.Internal) {
      this.logger.error({ err: exception, subject: host.switchToRpc().getContext<{ getSubject?: () => string }>()?.getSubject?.() }, 'handler failed');
    }
    return throwError(() => body);
  }
}
