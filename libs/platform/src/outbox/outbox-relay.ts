import { EventEnvelope } from '@helpdesk/contracts';
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { EventPublisher } from '../bus/bus-client';
import { sqlRows } from '../database/sql';
import { RUNTIME, Runtime } from '../runtime';
import { ClaimFloor } from './claim-floor';
import { LastPass, passDelay } from './pass-pacing';

const BATCH_SIZE = 1000;
const LEASE_SECONDS = 30;
const COALESCE_MS = 5;
/** One claim in this period looks at the whole outbox; the others start past the floor (ClaimFloor). */
const FULL_CLAIM_MS = 1_000;
/** Longer than the longest retry delay (60 s, retryDelaySeconds). */
const HOLD_MS = 75_000;

interface ClaimedRow {
  seq: string;
  id: string;
  payload: EventEnvelope;
  attempts: number;
}

/** An error's message with the messages of the errors it gathers (each consumer that refused an event). */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError) return `${error.message}: ${error.errors.map(describeError).join('; ')}`;
  return error instanceof Error ? error.message : String(error);
}

/** Seconds before an event that failed to publish is tried again: 1, 2, 4 ... capped at 60. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

/**
 * Moves committed outbox rows to the bus, in order. Rows are claimed with a lease
 * (`FOR UPDATE SKIP LOCKED`, then committed) so replicas share the work and no transaction is held
 * open while publishing. A row that keeps failing is parked after EVENT_MAX_DELIVERIES tries.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly schema: string;
  private timer?: NodeJS.Timeout;
  private scheduled?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Shutdown began: no new pass is scheduled (the last one is the shutdown's own). */
  private closing = false;
  private connection: QueryRunner | null = null;
  private readonly floor = new ClaimFloor(FULL_CLAIM_MS, HOLD_MS);
  private lastPass: LastPass | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    this.schema = String((dataSource.options as { schema?: string }).schema ?? 'public');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.passNow(), this.runtime.settings.outboxPollIntervalMs);
    this.timer.unref();
    this.passNow();
  }

  /**
   * Before the database closes (TypeORM closes it in onApplicationShutdown). By now the app takes no
   * new work (the distributed bootstrap stops HTTP and the bus first), so the relay finishes the pass
   * in hand and makes one last pass for what the last requests committed, within 5 s; anything left
   * is published by another replica (or this one after a restart).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    clearTimeout(this.scheduled);
    const last = (async () => {
      if (this.running) await this.running;
      await this.drain().catch((error: unknown) => this.logger.warn({ err: error }, 'last outbox pass failed; the events stay pending'));
    })();
    await Promise.race([last, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    this.stopped = true;
    await this.dropConnection();
  }

  /**
   * Publishes what is pending soon: commits that land within a few milliseconds share one pass
   * (one claim, one publish burst, one mark) instead of paying three round trips each; while the
   * outbox is busy, passes start at least OUTBOX_PASS_SPACING_MS apart (passDelay).
   */
  nudge(): void {
    if (this.stopped || this.closing || this.scheduled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.closing || this.scheduled) return;
    const delay = passDelay(Date.now(), this.lastPass, this.runtime.settings.outboxPassSpacingMs, COALESCE_MS);
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.passNow();
    }, delay);
  }

  private passNow(): void {
    if (this.stopped || this.closing) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const pass: LastPass = { startedAt: Date.now(), published: false };
    this.lastPass = pass;
    this.running = this.pass(pass)
      .catch(async (error: unknown) => {
        this.logger.warn({ err: error }, 'outbox pass failed; will retry');
        await this.dropConnection();
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }

  /**
   * One paced pass: claims until a claim comes back short of a full batch (then nothing more was
   * pending when it ran; what commits later nudges the next pass).
   */
  private async pass(pass: LastPass): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const { claimed, complete } = await this.moveBatch();
      if (claimed) pass.published = true;
      if (!complete || claimed < BATCH_SIZE) return;
    }
  }

  /** Claims, publishes and marks until nothing is pending (the last pass at shutdown; tests). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const { claimed, complete } = await this.moveBatch();
      if (!claimed || !complete) return;
    }
  }

  /**
   * One claim, its publish and its mark. `complete` is false when an event failed to publish: it
   * and everything after it stay pending (consumers deduplicate by event id if a later one got
   * through anyway), retried after their delay.
   */
  private async moveBatch(): Promise<{ claimed: number; complete: boolean }> {
    const rows = await this.claim();
    if (!rows.length) return { claimed: 0, complete: true };
    const { published, error } = await this.publisher.publishInOrder(rows.map((r) => r.payload));
    await this.markPublished(rows.slice(0, published).map((r) => r.seq));
    if (published === rows.length) return { claimed: rows.length, complete: true };
    await this.markFailed(rows[published], rows.slice(published + 1), error);
    return { claimed: rows.length, complete: false };
  }

  /**
   * Where the relay's statements run. Distributed: one pooled connection the relay keeps for itself,
   * so that its claims and deletes do not queue behind a busy service's requests (under 600 webhooks/s
   * channel-gateway's relay published ≈60 events/s through the shared pool). Standalone: the shared
   * data source (the embedded database has a single connection).
   */
  private async executor(): Promise<DataSource | EntityManager> {
    if (this.runtime.mode !== 'distributed') return this.dataSource;
    if (!this.connection || this.connection.isReleased) {
      const connection = this.dataSource.createQueryRunner();
      await connection.connect();
      this.connection = connection;
    }
    return this.connection.manager;
  }

  /** Gives the relay's connection back (on shutdown, and after a failed pass: the next one takes a fresh one). */
  private async dropConnection(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (connection && !connection.isReleased) await connection.release().catch(() => undefined);
  }

  private table(): string {
    return `"${this.schema}"."outbox"`;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const after = this.floor.next(Date.now());
    const rows = await sqlRows<ClaimedRow>(
      await this.executor(),
      `UPDATE ${this.table()} o
          SET locked_until = now() + interval '${LEASE_SECONDS} seconds', attempts = o.attempts + 1
         FROM (SELECT seq FROM ${this.table()}
                WHERE published_at IS NULL AND parked_at IS NULL AND (locked_until IS NULL OR locked_until < now())
                      ${after === null ? '' : 'AND seq > $2::bigint'}
                ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED) c
        WHERE o.seq = c.seq
        RETURNING o.seq, o.id, o.payload, o.attempts`,
      after === null ? [BATCH_SIZE] : [BATCH_SIZE, after.toString()],
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
  }

  /** A published event leaves the outbox (the stream keeps it): the table holds only what is still to send or parked. */
  private async markPublished(seqs: string[]): Promise<void> {
    if (!seqs.length) return;
    await (await this.executor()).query(`DELETE FROM ${this.table()} WHERE seq = ANY($1::bigint[])`, [seqs]);
    this.floor.published(seqs);
  }

  private async markFailed(row: ClaimedRow, rest: ClaimedRow[], error: unknown): Promise<void> {
    const message = describeError(error);
    const park = row.attempts >= this.runtime.settings.eventMaxDeliveries;
    const delay = retryDelaySeconds(row.attempts);
    if (park) this.logger.error({ err: error, eventId: row.id, type: row.payload.type }, 'event parked after its last try');
    else
      this.logger.warn({ err: error, eventId: row.id, type: row.payload.type, attempts: row.attempts }, 'event publish failed; will retry');
    this.floor.failed(row.seq, park, Date.now());
    const executor = await this.executor();
    await executor.query(
      `UPDATE ${this.table()} SET last_error = $2, locked_until = now() + make_interval(secs => $3),
              parked_at = CASE WHEN $4::boolean THEN now() ELSE NULL END
        WHERE seq = $1`,
      [row.seq, message.slice(0, 2000), delay, park],
    );
    if (rest.length) {
      // Later events wait behind the failed one (order is kept) without being charged a try.
      await executor.query(
        `UPDATE ${this.table()} SET attempts = attempts - 1, locked_until = now() + make_interval(secs => $2) WHERE seq = ANY($1::bigint[])`,
        [rest.map((r) => r.seq), park ? 0 : delay],
      );
    }
  }
}
