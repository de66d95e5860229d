import multipart from '@fastify/multipart';
import { ErrorCode } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Route config (`@RouteConfig(ACCEPTS_MULTIPART)`) of the routes that take multipart/form-data. */
export const ACCEPTS_MULTIPART = { acceptsMultipart: true };

/**
 * multipart/form-data for file uploads. The parser only marks the request; the route streams
 * the parts itself (`request.file()`), so nothing is buffered and BODY_LIMIT_BYTES does not apply
 * (each route sets its own file size limit). Every other route answers multipart with 415, as it
 * did before the parser existed.
 */
export async function installMultipart(app: NestFastifyApplication): Promise<void> {
  await app.register(multipart, {
    limits: { files: 1, fields: 10, parts: 20, fieldSize: 1024, headerPairs: 100 },
    throwFileSizeLimit: false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, _reply, done) => {
      const config = request.routeOptions.config as { acceptsMultipart?: boolean } | undefined;
      if (request.isMultipart() && !config?.acceptsMultipart) {
        done(new DomainError(ErrorCode.UnsupportedMediaType, 'This route does not take multipart/form-data; send JSON'));
        return;
      }
      done();
    });
}
