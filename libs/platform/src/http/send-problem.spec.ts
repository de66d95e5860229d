import { ErrorCode } from '@helpdesk/contracts';
import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error';
import { sendProblem } from './send-problem';

/** A reply that records what was set on it. */
function fakeReply(preset: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...preset };
  const sent: { status?: number; body?: string } = {};
  const reply = {
    sent: false,
    hasHeader: (name: string) => name.toLowerCase() in headers,
    header(name: string, value: string) {
      headers[name.toLowerCase()] = value;
      return reply;
    },
    status(code: number) {
      sent.status = code;
      return reply;
    },
    send(body: string) {
      sent.body = body;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers, sent };
}

const request = { url: '/webhooks/chat/x', headers: {}, id: 'req-1' } as unknown as FastifyRequest;
const logger = { error: jest.fn() } as unknown as Logger;

describe('sendProblem', () => {
  it.each([
    ['busy (503) with a wait', new DomainError(ErrorCode.ServiceUnavailable, 'busy', { retryAfterSeconds: 1 }), 503, '1'],
    [
      'over a limit (429) with a wait, rounded up',
      new DomainError(ErrorCode.RateLimited, 'slow down', { retryAfterSeconds: 2.2 }),
      429,
      '3',
    ],
    ['a 503 without a wait', new DomainError(ErrorCode.ServiceUnavailable, 'busy'), 503, undefined],
    ['a 409 that happens to carry one', new DomainError(ErrorCode.Conflict, 'taken', { retryAfterSeconds: 5 }), 409, undefined],
  ])('%s → Retry-After %p', (_, error, status, retryAfter) => {
    const { reply, headers, sent } = fakeReply();
    sendProblem(error, request, reply, logger);
    expect(sent.status).toBe(status);
    expect(headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(headers['retry-after']).toBe(retryAfter);
  });

  it('keeps a Retry-After the route set itself', () => {
    const { reply, headers } = fakeReply({ 'retry-after': '30' });
    sendProblem(new DomainError(ErrorCode.RateLimited, 'slow down', { retryAfterSeconds: 1 }), request, reply, logger);
    expect(headers['retry-after']).toBe('30');
  });
});
