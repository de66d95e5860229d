import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptOrCreateRequestId, HEADER_REQUEST_ID, requestContext } from '../context/request-context';
import { Runtime } from '../runtime';

/** The request id of an incoming HTTP request: the caller's X-Request-Id if sane, else a new one; echoed back. */
export function httpRequestId(req: IncomingMessage, res?: ServerResponse): string {
  const existing = (req as IncomingMessage & { id?: unknown }).id;
  const id = typeof existing === 'string' ? existing : acceptOrCreateRequestId(req.headers[HEADER_REQUEST_ID]);
  req.headers[HEADER_REQUEST_ID] = id;
  if (res && !res.headersSent) res.setHeader('X-Request-Id', id);
  return id;
}

/** A URL with the value of `api_key` (an API key the OData feed takes in the query) replaced, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]api_key=)[^&#]*/gi, '$1[Redacted]');
}

/** JSON lines on stdout through pino; every line carries the service and the current request id. */
@Module({})
export class LoggingModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: runtime.settings.logLevel,
            base: { service: runtime.service },
            messageKey: 'msg',
            mixin: () => {
              const requestId = requestContext.requestId();
              return requestId ? { requestId } : {};
            },
            genReqId: (req, res) => httpRequestId(req, res),
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
