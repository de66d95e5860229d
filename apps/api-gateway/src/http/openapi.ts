import { requestContext } from '@helpdesk/platform';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /docs, the OpenAPI document at /docs-json. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Helpdesk API')
      .setDescription(
        'Service desk (mesa de ayuda) REST API. JSON, camelCase, ISO 8601 dates in UTC. Lists page with `limit` and `cursor` ' +
          '(reply `{ data, nextCursor }`). Errors are RFC 9457 `application/problem+json` with a stable `code`. ' +
          'POST honours `Idempotency-Key`; PATCH honours `If-Match` (412 when stale).',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}

/** Every request runs in a request context (after the body is parsed), so bus calls and logs carry its id. */
export function installRequestContext(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, _reply, done) => {
      requestContext.run({ requestId: String(request.id), traceparent: request.headers.traceparent as string | undefined }, done);
    });
}
