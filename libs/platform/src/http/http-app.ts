import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { httpRequestId } from '../logging/logging.module';

/** The fastify adapter every HTTP app uses: body limit, request ids, and no framework error bodies. */
export function createFastifyAdapter(bodyLimit = 1_048_576): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit,
    trustProxy: true,
    genReqId: (req: IncomingMessage) => httpRequestId(req),
    requestIdHeader: false,
    // Nest's own logger covers requests; fastify's stays quiet.
    logger: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
}
