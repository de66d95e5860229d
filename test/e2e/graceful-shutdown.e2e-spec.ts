import { SERVICES, ServiceName } from '@helpdesk/contracts';
import { randomBytes } from 'node:crypto';
import { bearer } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';
import { topology } from '../support/target';

/** What one POST /api/v1/tickets of the load got: an answer (status, body) or a transport error (no answer). */
interface Outcome {
  subject: string;
  status?: number;
  body?: { id?: string; code?: string };
  error?: string;
  ms: number;
}

const CLIENTS = 6;

/** How many outcomes of each kind (201, 503, ECONNREFUSED...). */
function countBy(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[String(o.status ?? o.error)] = (counts[String(o.status ?? o.error)] ?? 0) + 1;
  return counts;
}
/** Longer than any clean answer can take: a request still open then is a hang. */
const HANG_MS = 15_000;
const DEBUG_OUTCOMES = process.env.SIGTERM_DEBUG === '1';

// SIGTERM to one process among several is what Kubernetes does on a rollout or a drain: distributed only.
const describeDistributed = topology() === 'distributed' ? describe : describe.skip;

describeDistributed('Graceful shutdown on SIGTERM (distributed)', () => {
  const suite = useSuite({ SHUTDOWN_GRACE_MS: '8000', BUS_REQUEST_TIMEOUT_MS: '2000' });

  /** Keeps CLIENTS clients creating tickets until `until` resolves, then returns every outcome. */
  async function loadUntil(until: Promise<unknown>): Promise<Outcome[]> {
    const run = randomBytes(3).toString('hex');
    const outcomes: Outcome[] = [];
    let stop = false;
    void until.finally(() => (stop = true));
    const client = async (n: number) => {
      for (let i = 0; !stop; i += 1) {
        const subject = `sigterm ${run} ${n}-${i}`;
        const started = Date.now();
        try {
          const res = await fetch(`${suite.target.url}/api/v1/tickets`, {
            method: 'POST',
            headers: { ...bearer(suite.admin), 'content-type': 'application/json' },
            body: JSON.stringify({ subject, description: 'carga durante el apagado' }),
            signal: AbortSignal.timeout(HANG_MS),
          });
          outcomes.push({ subject, status: res.status, body: (await res.json()) as Outcome['body'], ms: Date.now() - started });
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause;
          outcomes.push({ subject, error: cause?.code ?? (error as Error).name, ms: Date.now() - started });
          // The gateway is gone: try again shortly rather than spinning.
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    return outcomes;
  }

  /** Tickets created, as reporting-service counts them from ticket.created events (ticket-service need not run). */
  const ticketsCreated = async () => {
    const res = await suite.api().get('/api/v1/reports/summary').set(bearer(suite.admin));
    expect(res.status).toBe(200);
    return res.body.ticketsCreated as number;
  };
  const settledTicketsCreated = () =>
    waitFor(
      'the summary to settle',
      async () => {
        const first = await ticketsCreated();
        await new Promise((resolve) => setTimeout(resolve, 500));
        return (await ticketsCreated()) === first ? first : undefined;
      },
      30_000,
      0,
    );

  /**
   * SIGTERM to `service` after some load, load on for a while after it exited, `whileDown` (the
   * service still stopped), then the app back.
   */
  async function terminateUnderLoad(service: ServiceName, whileDown: (outcomes: Outcome[]) => Promise<void> = () => Promise.resolve()) {
    let result: Awaited<ReturnType<NonNullable<typeof suite.target.terminateService>>> = [];
    const window = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      result = await suite.target.terminateService!(service);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    })();
    const outcomes = await loadUntil(window);
    if (DEBUG_OUTCOMES) console.log(service, JSON.stringify(countBy(outcomes)));
    await whileDown(outcomes);
    await suite.target.startService(service);
    return { outcomes, result };
  }

  /** Every acknowledged ticket (a 201) is there afterwards, with its subject. */
  async function expectEveryAcknowledgedTicketKept(outcomes: Outcome[]) {
    const acknowledged = outcomes.filter((o) => o.status === 201);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const o of acknowledged) {
      const res = await suite.api().get(`/api/v1/tickets/${o.body?.id}`).set(bearer(suite.admin));
      expect({ subject: o.subject, status: res.status, kept: res.body.subject }).toEqual({
        subject: o.subject,
        status: 200,
        kept: o.subject,
      });
    }
  }

  it('ticket-service finishes the requests it took, exits 0 within the grace period, and loses no acknowledged ticket', async () => {
    const before = await settledTicketsCreated();
    // Its outbox relay published the event of every ticket it acknowledged before it exited: they are all
    // counted while it is still down.
    const { outcomes, result } = await terminateUnderLoad(SERVICES.ticket, async (done) => {
      const acknowledged = done.filter((o) => o.status === 201).length;
      await waitFor(
        `${acknowledged} tickets created to be counted while ticket-service is down`,
        async () => ((await ticketsCreated()) === before + acknowledged ? true : undefined),
        15_000,
        250,
      );
    });
    expect(result).toEqual([{ code: 0, signal: null, ms: expect.any(Number) }]);
    expect(result[0].ms).toBeLessThan(8000);
    // While it is away the gateway answers 503 at once (no responders) or after the bus timeout: never a hang, never a 500.
    const failed = outcomes.filter((o) => o.status !== 201);
    expect(failed.length).toBeGreaterThan(0);
    for (const o of failed)
      expect({ status: o.status, code: o.body?.code, error: o.error }).toEqual({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        error: undefined,
      });
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(HANG_MS);
    await expectEveryAcknowledgedTicketKept(outcomes);
  });

  it('api-gateway answers what it took before closing, refuses the rest cleanly, and exits 0 within the grace period', async () => {
    const { outcomes, result } = await terminateUnderLoad(SERVICES.apiGateway);
    expect(result).toEqual([{ code: 0, signal: null, ms: expect.any(Number) }]);
    expect(result[0].ms).toBeLessThan(8000);
    // A request either got its answer (201, or 503 while closing) or was never taken: its connection was
    // refused, or closed while idle before the request reached the server (a keep-alive race that the
    // gateways' preStop pause keeps away in Kubernetes: by SIGTERM no new request is routed to the pod).
    const unclean = outcomes.filter(
      (o) => o.status !== 201 && o.status !== 503 && !['ECONNREFUSED', 'UND_ERR_SOCKET', 'ECONNRESET'].includes(o.error ?? ''),
    );
    expect(unclean).toEqual([]);
    expect(outcomes.some((o) => o.error === 'ECONNREFUSED')).toBe(true);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(HANG_MS);
    await expectEveryAcknowledgedTicketKept(outcomes);
  });
});
