#!/usr/bin/env node
// Routing cost inside ticket-service: RoutingService.route (the service's own code and SQL: cached rules,
// the first matching rule, the team row locked, its members with their open tickets, the strategy's
// choice, the round-robin pointer written) on the seeded database, each call in a transaction that is
// rolled back. Tickets are real seeded ones (subject, description, channel, type, priority, tags).
// Prints JSON { iterations, routed, ms: { p50, p95, p99, mean } }. Env: BENCH_DB_URL, BENCH_ROUTING_ITERATIONS.
'use strict';
require('./ts-register');
const { DataSource } = require('typeorm');
const { CustomFieldsService } = require('../apps/ticket-service/src/custom-fields/custom-fields.service');
const { RoutingService } = require('../apps/ticket-service/src/routing/routing.service');

const URL = process.env.BENCH_DB_URL || 'postgres://postgres@127.0.0.1:5432/helpdesk_bench_1m';
const ITERATIONS = Number(process.env.BENCH_ROUTING_ITERATIONS || 500);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const dataSource = new DataSource({ type: 'postgres', url: URL, extra: { max: 2 } });
  await dataSource.initialize();
  const config = { routingRulesCacheMs: 5000, customFieldsCacheMs: 5000 };
  // The unit of work is only used to change rules and fields, which this bench does not.
  const routing = new RoutingService(dataSource, null, new CustomFieldsService(dataSource, null, config), config);
  const samples = await dataSource.query(
    `SELECT subject, description, channel, type, priority, organization_id AS "organizationId", tags
       FROM ticket.tickets TABLESAMPLE SYSTEM (1) LIMIT ${ITERATIONS}`,
  );
  const times = [];
  let routed = 0;
  for (let i = 0; i < ITERATIONS + 20; i += 1) {
    const ticket = samples[i % samples.length];
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const t0 = process.hrtime.bigint();
    const decision = await routing.route(runner.manager, ticket);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    await runner.rollbackTransaction();
    await runner.release();
    if (i < 20) continue; // warm-up
    times.push(ms);
    if (decision) routed += 1;
  }
  await dataSource.destroy();
  times.sort((a, b) => a - b);
  const round = (x) => Number(x.toFixed(2));
  const result = {
    iterations: ITERATIONS,
    routed,
    ms: {
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      p99: round(percentile(times, 99)),
      mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
