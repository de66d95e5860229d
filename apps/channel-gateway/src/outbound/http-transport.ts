import { signatureHeader } from '@helpdesk/platform';
import { DeliveryResult, DeliveryTransport, OutboundMessage } from './delivery-transport';

/**
 * POSTs the payload as JSON to the target's URL, signed as the inbound webhooks are
 * (`X-Helpdesk-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`), with the event type and the
 * delivery id in headers (a receiver dedupes by the latter). A 2xx is delivered; anything else, or no
 * answer within the timeout, is a failed try.
 */
export class HttpTransport implements DeliveryTransport {
  readonly name = 'http';

  constructor(private readonly now: () => Date = () => new Date()) {}

  async send(message: OutboundMessage, { timeoutMs }: { timeoutMs: number }): Promise<DeliveryResult> {
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    if (!message.target.url) return { ok: false, statusCode: null, error: 'no outbound URL is configured', durationMs: 0 };
    const body = JSON.stringify(message.payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'helpdesk-webhooks/1',
      'x-helpdesk-event': message.eventType,
      'x-helpdesk-delivery': message.deliveryId,
      'x-helpdesk-attempt': String(message.attempt),
    };
    if (message.target.secret) {
      headers['x-helpdesk-signature'] = signatureHeader(message.target.secret, Math.floor(this.now().getTime() / 1000), body);
    }
    try {
      const response = await fetch(message.target.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: elapsed() };
    } catch (error) {
      const text =
        error instanceof Error ? (error.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : error.message) : String(error);
      return { ok: false, statusCode: null, error: text.slice(0, 2000), durationMs: elapsed() };
    }
  }
}
