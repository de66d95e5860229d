import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { verifySignature } from '@helpdesk/platform';
import { DeliveryTransport, DeliveryTransports, OutboundMessage } from './delivery-transport';
import { HttpTransport } from './http-transport';

const message = (url: string | null, secret: string | null = 'whsec_unit-test-secret-01'): OutboundMessage => ({
  deliveryId: '6f1c1f9e-6a43-4c43-9d4c-1d2f3b4a5c6d',
  kind: 'subscription',
  eventType: 'ticket.created',
  payload: { type: 'ticket.created', data: { n: 1 } },
  attempt: 1,
  target: { url, secret, channel: null },
});

describe(DeliveryTransports.name, () => {
  const fake = (name: string): DeliveryTransport => ({
    name,
    send: () => Promise.resolve({ ok: true, statusCode: 250, error: null, durationMs: 1 }),
  });

  it('finds a transport by its name', () => {
    const smtp = fake('smtp');
    const transports = new DeliveryTransports([new HttpTransport(), smtp]);
    expect(transports.get('smtp')).toBe(smtp);
    expect(transports.has('http')).toBe(true);
    expect(transports.get('fax')).toBeNull();
  });

  it('refuses two transports of one name', () => {
    expect(() => new DeliveryTransports([fake('http'), fake('http')])).toThrow('http');
  });
});

describe(HttpTransport.name, () => {
  let server: Server;
  let url: string;
  let status = 200;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs the payload signed with the target secret', async () => {
    status = 204;
    const result = await new HttpTransport().send(message(url), { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, statusCode: 204, error: null });
    const last = received[received.length - 1];
    expect(JSON.parse(last.body)).toEqual({ type: 'ticket.created', data: { n: 1 } });
    expect(last.headers['x-helpdesk-event']).toBe('ticket.created');
    const problem = verifySignature({
      header: last.headers['x-helpdesk-signature'] as string,
      secret: 'whsec_unit-test-secret-01',
      rawBody: last.body,
      now: new Date(),
      toleranceSeconds: 300,
    });
    expect(problem).toBeNull();
  });

  it('counts a non-2xx answer as a failed try with its status code', async () => {
    status = 500;
    expect(await new HttpTransport().send(message(url), { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      statusCode: 500,
      error: 'HTTP 500',
    });
  });

  it('fails without a URL, sending nothing', async () => {
    const before = received.length;
    expect(await new HttpTransport().send(message(null), { timeoutMs: 2000 })).toMatchObject({ ok: false, statusCode: null });
    expect(received).toHaveLength(before);
  });
});
