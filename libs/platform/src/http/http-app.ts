import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { httpRequestId } from '../logging/logging.module';
import { sendProblem } from './send-problem';

const draining = new WeakSet<object>();

/**
 * Shutdown has begun on this fastify instance: every answer from now on carries `Connection: close`,
 * so no client keeps a connection open to a closing app (see `installDrainingHeader`).
 */
export function markDraining(instance: object): void {
  draining.add(instance);
}

/** Registers the hook that closes connections after each answer once `markDraining` was called. */
export function installDrainingHeader(instance: {
  addHook(name: 'onSend', hook: (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: () => void) => void): unknown;
}): void {
  instance.addHook('onSend', (_request, reply, _payload, done) => {
    if (draining.has(instance)) void reply.header('connection', 'close');
    done();
  });
}

/**
 * The fastify adapter every HTTP app uses: body limit, request ids, and problem+json even for the
 * errors the router raises before Nest sees the request (malformed URL, over-long parameter).
 */
export function createFastifyAdapter(bodyLimit = 1_048_576): FastifyAdapter {
  const logger = new Logger('HttpErrors');
  return new FastifyAdapter({
    bodyLimit,
    trustProxy: true,
    genReqId: (req: IncomingMessage) => httpRequestId(req),
    requestIdHeader: false,
    // Nest's own logger covers requests; fastify's stays quiet.
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendProblem(error, request, reply, logger),
  });
}
