import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import { connect, createServer, Server, Socket } from 'node:net';
import { addAcceptors } from './acceptors';

/**
 * A server whose event loop is busy (20 ms of work per turn) receives 64 connections at once: how
 * many does each turn of its loop accept? Real sockets on loopback, the real helper process.
 */
describe(addAcceptors.name, () => {
  const servers: Server[] = [];
  const clients: Socket[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const somaxconn = (): number => Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
  /** The listening socket on `port` as `ss` sees it: Send-Q is its backlog, and `users:` lists each descriptor (`fd=`). */
  const listeningSocket = (port: number): { backlog: number; descriptors: number } => {
    const line = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' }).trim();
    return { backlog: Number(line.split(/\s+/)[2]), descriptors: line.match(/fd=\d+/g)?.length ?? 0 };
  };

  const listening = async (): Promise<{ server: Server; port: number; accepted: Socket[] }> => {
    const accepted: Socket[] = [];
    const server = createServer((socket) => accepted.push(socket));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 1024 }, resolve));
    const address = server.address();
    return { server, port: typeof address === 'object' && address ? address.port : 0, accepted };
  };

  /** Opens `count` connections at once, then keeps the loop busy until all are accepted; the connections each turn took. */
  const perTurn = async (port: number, accepted: Socket[], count: number): Promise<number[]> => {
    for (let i = 0; i < count; i += 1) clients.push(connect({ port, host: '127.0.0.1' }).on('error', () => undefined));
    const turns: number[] = [];
    let seen = 0;
    await new Promise<void>((resolve) => {
      const turn = (): void => {
        turns.push(accepted.length - seen);
        seen = accepted.length;
        if (seen >= count || turns.length > 2_000) return resolve();
        const until = Date.now() + 20;
        while (Date.now() < until); // the busy app
        setImmediate(turn);
      };
      setImmediate(turn);
    });
    return turns;
  };

  it('accepts one connection per turn of a busy loop on its own (libuv ≥ 1.45)', async () => {
    const { port, accepted } = await listening();
    const turns = await perTurn(port, accepted, 64);
    expect(accepted).toHaveLength(64);
    expect(Math.max(...turns)).toBe(1);
  }, 30_000);

  it('with 16 handles accepts up to 16 a turn, and every connection reaches the server', async () => {
    const { server, port, accepted } = await listening();
    expect(await addAcceptors(server, 16, 1024)).toBe(16);
    const turns = await perTurn(port, accepted, 64);
    expect(accepted).toHaveLength(64);
    expect(Math.max(...turns)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...turns)).toBeLessThanOrEqual(16);
    expect(turns.filter((n) => n > 0).length).toBeLessThanOrEqual(16);
  }, 30_000);

  it('keeps the socket’s backlog (Node listens again with 511 on a socket it receives)', async () => {
    const { server, port } = await listening();
    await addAcceptors(server, 4, 1024);
    expect(listeningSocket(port)).toEqual({ backlog: Math.min(1024, somaxconn()), descriptors: 4 });
  }, 30_000);

  it('answers every request whose connection arrived while the handles were being handed over, byte for byte', async () => {
    const server = createHttpServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => res.end(`got ${body}`));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const post = (i: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/', agent: false }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end(`request ${i}`);
      });
    const answers: Promise<string>[] = [];
    let timer: NodeJS.Timeout | undefined;
    const send = (): void => {
      answers.push(post(answers.length));
      timer = setTimeout(send, 1);
    };
    send();
    expect(await addAcceptors(server, 8, 511)).toBe(8);
    clearTimeout(timer);
    const texts = await Promise.all(answers);
    expect(texts).toEqual(texts.map((_, i) => `got request ${i}`));
    expect(texts.length).toBeGreaterThan(10);
  }, 30_000);

  it('stops accepting on all handles when the server closes', async () => {
    const { server, port } = await listening();
    await addAcceptors(server, 4, 1024);
    await new Promise((resolve) => server.close(resolve));
    servers.splice(0);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.on('connect', () => resolve('connected'));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      clients.push(socket);
    });
    expect(refused).toBe('ECONNREFUSED');
  }, 30_000);

  it('leaves the server as it was when the helper does not answer in time', async () => {
    const { server, port, accepted } = await listening();
    await expect(addAcceptors(server, 4, 1024, 1)).rejects.toThrow(/did not answer within 1 ms/);
    expect(listeningSocket(port)).toEqual({ backlog: Math.min(1024, somaxconn()), descriptors: 1 });
    await perTurn(port, accepted, 3);
    expect(accepted).toHaveLength(3);
  }, 30_000);

  it('adds nothing for one handle or a server that is not listening', async () => {
    const { server } = await listening();
    expect(await addAcceptors(server, 1, 1024)).toBe(1);
    expect(await addAcceptors(createServer(), 16, 1024)).toBe(1);
  });
});
