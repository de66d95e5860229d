import { createServer, Server, Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

type Frame =
  { kind: 'ssl' } | { kind: 'cancel' } | { kind: 'startup'; bytes: Uint8Array } | { kind: 'message'; type: string; bytes: Uint8Array };

/** Cuts the next whole frontend message off a connection's buffer (null until one is complete). */
export function nextFrame(buffer: Buffer, started: boolean): { frame: Frame; rest: Buffer } | null {
  if (!started) {
    if (buffer.length < 8) return null;
    const length = buffer.readInt32BE(0);
    const code = buffer.readInt32BE(4);
    if (length < 8) throw new Error(`invalid startup message length ${length}`);
    if (buffer.length < length) return null;
    const rest = buffer.subarray(length);
    if (code === SSL_REQUEST) return { frame: { kind: 'ssl' }, rest };
    if (code === CANCEL_REQUEST) return { frame: { kind: 'cancel' }, rest };
    if (code === PROTOCOL_3) return { frame: { kind: 'startup', bytes: new Uint8Array(buffer.subarray(0, length)) }, rest };
    throw new Error(`unsupported startup code ${code}`);
  }
  if (buffer.length < 5) return null;
  const declared = buffer.readInt32BE(1);
  if (declared < 4) throw new Error(`invalid message length ${declared}`);
  const length = 1 + declared;
  if (buffer.length < length) return null;
  return {
    frame: { kind: 'message', type: String.fromCharCode(buffer[0]), bytes: new Uint8Array(buffer.subarray(0, length)) },
    rest: buffer.subarray(length),
  };
}

/**
 * Serves one PGlite database over the PostgreSQL wire protocol to many connections.
 *
 * PGlite is a single session, so connections take turns: a connection holds the database from
 * its first message until its Sync (or simple Query) completes outside a transaction. That keeps
 * each extended-protocol exchange (Parse/Bind/Execute/Sync) and each transaction whole; without
 * it, another connection's Parse would replace the unnamed statement between a Bind and an Execute.
 */
export class PgliteWireServer {
  private server?: Server;
  private owner: Connection | null = null;
  private readonly waiting: { connection: Connection; grant: () => void }[] = [];
  private readonly connections = new Set<Connection>();

  constructor(readonly db: PGlite) {}

  async listen(host = '127.0.0.1', port = 0): Promise<number> {
    await this.db.waitReady;
    this.server = createServer((socket) => this.connections.add(new Connection(socket, this)));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, host, resolve);
    });
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  acquire(connection: Connection): Promise<void> {
    if (this.owner === connection) return Promise.resolve();
    if (!this.owner) {
      this.owner = connection;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ connection, grant }));
  }

  release(connection: Connection): void {
    if (this.owner !== connection) return;
    const next = this.waiting.shift();
    this.owner = next?.connection ?? null;
    next?.grant();
  }

  /** A connection went away: roll back what it left open and let the next one in. */
  async abandon(connection: Connection): Promise<void> {
    this.connections.delete(connection);
    const queued = this.waiting.findIndex((w) => w.connection === connection);
    if (queued >= 0) this.waiting.splice(queued, 1);
    if (this.owner === connection) {
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => undefined);
      this.release(connection);
    }
  }
}

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private holding = false;
  private pumping = false;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly server: PgliteWireServer,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      void this.pump();
    });
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    void this.server.abandon(this);
    this.holding = false;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.closed) return;
        const next = nextFrame(this.buffer, this.started);
        if (!next) return;
        this.buffer = next.rest;
        const { frame } = next;
        if (frame.kind === 'ssl') {
          this.socket.write('N');
          continue;
        }
        if (frame.kind === 'cancel') continue;
        if (frame.kind === 'message' && frame.type === 'X') {
          this.destroy();
          return;
        }
        if (!this.holding) {
          await this.server.acquire(this);
          this.holding = true;
          if (this.closed) {
            this.server.release(this);
            return;
          }
        }
        const db = this.server.db;
        await db.runExclusive(() =>
          db.execProtocolRawStream(frame.bytes, {
            onRawData: (data) => {
              if (!this.closed && data.length) this.socket.write(data);
            },
          }),
        );
        if (frame.kind === 'startup') this.started = true;
        const endsExchange = frame.kind === 'startup' || frame.type === 'S' || frame.type === 'Q';
        if (endsExchange && !db.isInTransaction()) {
          this.holding = false;
          this.server.release(this);
        }
      }
    } catch {
      this.destroy();
    } finally {
      this.pumping = false;
    }
  }
}
