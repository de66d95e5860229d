import { spawn } from 'node:child_process';
import { Server } from 'node:net';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * More handles on a listening socket, so that a busy event loop accepts waiting connections several
 * at a time.
 *
 * Since libuv 1.45 (Node 20) a listening handle accepts one connection per turn of the event loop
 * (libuv PR #3696). When a turn takes tens of milliseconds under load and a client opens hundreds of
 * connections at once — a webhook provider retrying, a pool growing because answers slowed down —
 * they wait in the kernel's accept queue for seconds although the app answers each request quickly
 * once it has read it. Every extra handle is another file descriptor of the same socket, polled on
 * its own, so a turn accepts up to `count` connections; each is handed to `server` as if it had
 * accepted it. With no connection waiting they cost nothing.
 *
 * Node gives a process a second descriptor of a socket only when one arrives over an IPC channel, so
 * a short-lived helper process receives the listening socket and sends it back `count - 1` times
 * (a connection the helper happens to accept meanwhile comes back too). Closing `server` closes the
 * extra handles first, so the socket stops accepting as before.
 */
export async function addAcceptors(server: Server, count: number, backlog: number, timeoutMs = 10_000): Promise<number> {
  if (count <= 1 || process.platform === 'win32' || !server.listening) return 1;
  let extra: Server[];
  try {
    extra = await receiveCopies(server, count - 1, timeoutMs);
  } finally {
    restoreBacklog(server, backlog);
  }
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => {
    for (const copy of extra.splice(0)) copy.close();
    return close(callback);
  };
  return extra.length + 1;
}

/**
 * Node listens again on every socket it receives over IPC, with its default backlog (511), and
 * listen() on a listening socket sets its backlog: the socket's own handle sets it back.
 */
function restoreBacklog(server: Server, backlog: number): void {
  const handle = (server as unknown as { _handle?: { listen?(backlog: number): number } })._handle;
  handle?.listen?.(backlog);
}

/** The helper: takes the listening socket, sends it back `copies` times, forwards what it accepted, and exits. */
const HELPER = `
process.on('message', (message, server) => {
  if (!message || typeof message.copies !== 'number' || !server) return;
  // Unread, so that the app gets every byte of a connection accepted here.
  server.pauseOnConnect = true;
  server.on('connection', (socket) => process.send({ connection: true }, socket));
  let left = message.copies;
  const next = () => {
    if (left-- > 0) return process.send({ copy: true }, server, next);
    server.close();
    process.disconnect();
  };
  next();
});`;

function receiveCopies(server: Server, copies: number, timeoutMs: number): Promise<Server[]> {
  return new Promise((resolve, reject) => {
    const received: Server[] = [];
    const { NODE_OPTIONS: _inspectorsAndLoaders, ...env } = process.env;
    const helper = spawn(process.execPath, ['-e', HELPER], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env });
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return; // settled already: what the helper does later changes nothing
      settled = true;
      clearTimeout(timer);
      for (const copy of received) copy.close();
      helper.kill();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`the acceptor helper did not answer within ${timeoutMs} ms`)), timeoutMs);
    helper.on('message', (message: { connection?: boolean; copy?: boolean }, handle: unknown) => {
      if (message.connection && handle) server.emit('connection', handle);
      else if (message.copy && handle instanceof Server) {
        // Listening as it arrives: it serves from now on.
        handle.on('connection', (socket) => server.emit('connection', socket));
        received.push(handle);
      }
    });
    helper.on('error', fail);
    helper.once('disconnect', () => {
      if (received.length !== copies) return fail(new Error(`the acceptor helper sent ${received.length} of ${copies} copies`));
      settled = true;
      clearTimeout(timer);
      resolve(received);
    });
    helper.send({ copies }, server);
  });
}

/**
 * How every app listens: with `backlog` (HTTP_BACKLOG), then `acceptors` handles on the socket
 * (HTTP_ACCEPTORS) — or Node's single handle and a warning when the helper process cannot do its part.
 */
export async function listenHttp(
  app: NestFastifyApplication,
  { port, host, backlog, acceptors }: { port: number; host: string; backlog: number; acceptors: number },
): Promise<void> {
  await app.listen({ port, host, backlog });
  try {
    await addAcceptors(app.getHttpServer(), acceptors, backlog);
  } catch (error) {
    new Logger('Http').warn(
      `HTTP_ACCEPTORS=${acceptors} not applied, accepting with one handle: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
