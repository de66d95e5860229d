import { requestContext } from '@helpdesk/platform';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SECURITY } from '../auth/api-key-auth.decorator';
import { API_KEY_QUERY_PARAMETER } from '../auth/api-key-credentials';

/** Swagger UI at /docs, the OpenAPI document at /docs-json. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Helpdesk API')
      .setDescription(
        'Service desk (mesa de ayuda) REST API. JSON, camelCase, ISO 8601 dates in UTC. Lists page with `limit` and `cursor` ' +
          '(reply `{ data, nextCursor }`). Errors are RFC 9457 `application/problem+json` with a stable `code`. ' +
          'POST honours `Idempotency-Key`; PATCH honours `If-Match` (412 when stale). ' +
          'People send `Authorization: Bearer <JWT>` (from /api/v1/auth/login). Systems (BI tools, integrations) send an ' +
          'API key (`hdk_…`, created by an admin at /api/v1/api-keys) as `X-API-Key`, as `Authorization: Bearer`, or as the ' +
          'password of HTTP Basic (Excel, Power BI); the OData feed and report exports also take `?api_key=`. A key reaches ' +
          'only the routes its scopes open (e.g. `reports:read`).',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addApiKey(
        { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (hdk_…) with the scopes the route needs' },
        API_KEY_SECURITY.header,
      )
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', bearerFormat: 'API key (hdk_…)', description: 'An API key sent as a bearer token' },
        API_KEY_SECURITY.bearer,
      )
      .addBasicAuth(
        { type: 'http', scheme: 'basic', description: 'Any user name, the API key as the password (Excel, Power BI "Basic")' },
        API_KEY_SECURITY.basic,
      )
      .addApiKey(
        {
          type: 'apiKey',
          in: 'query',
          name: API_KEY_QUERY_PARAMETER,
          description: 'An API key in the query string: only the OData feed and report exports (Power Query ApiKeyName)',
        },
        API_KEY_SECURITY.query,
      )
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
