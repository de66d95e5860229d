import type { FastifyInstance } from 'fastify';
import { methodLabel, routeLabel } from './labels';
import { PlatformMetrics } from './platform-metrics';

/** Counts every answered HTTP request and its latency, labelled with the route pattern (never the raw URL). */
export function installHttpMetrics(fastify: FastifyInstance, metrics: PlatformMetrics, service: string): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      service,
      method: methodLabel(request.method),
      route: routeLabel(request.routeOptions.url),
      status: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
