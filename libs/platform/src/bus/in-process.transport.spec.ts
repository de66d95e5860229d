import { ErrorCode } from '@helpdesk/contracts';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { IsInt, Min } from 'class-validator';
import { requestContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import { PlatformExceptionFilter } from '../errors/platform-exception.filter';
import { createValidationPipe } from '../errors/validation';
import { InProcessBusClient } from './bus-client';
import { InProcessBroker } from './in-process-broker';
import { InProcessServer } from './in-process.server';

class DoubleCommand {
  @IsInt()
  @Min(0)
  value: number;
}

@Controller()
class ProbeHandler {
  @MessagePattern('probe.request-id')
  requestId(): string | undefined {
    return requestContext.requestId();
  }

  @MessagePattern('probe.double')
  double(@Payload() command: DoubleCommand): number {
    return command.value * 2;
  }

  @MessagePattern('probe.fail')
  fail(): never {
    throw new DomainError(ErrorCode.Conflict, 'already there', { id: 'x' });
  }

  @MessagePattern('probe.crash')
  crash(): never {
    throw new Error('secret internals');
  }
}

@Module({ controllers: [ProbeHandler] })
class ProbeModule {}

describe('in-process transport with Nest handlers', () => {
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let client: InProcessBusClient;

  beforeAll(async () => {
    broker = new InProcessBroker();
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestMicroservice({ strategy: new InProcessServer(broker, { service: 'probe', namespace: 'ns' }) });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new PlatformExceptionFilter());
    app.useLogger(false);
    await app.listen();
    client = new InProcessBusClient(broker, 'ns', 500);
  });

  afterAll(async () => {
    await app.close();
  });

  it('carries the caller’s request id into the handler’s context', async () => {
    const seen = await requestContext.run({ requestId: 'req-42' }, () => client.request<string>('probe.request-id', {}));
    expect(seen).toBe('req-42');
  });

  it('validates the payload at the receiving end and answers with the field errors', async () => {
    await expect(client.request('probe.double', { value: 21 })).resolves.toBe(42);
    await expect(client.request('probe.double', { value: -1 })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: { errors: [{ field: 'value', message: expect.any(String) }] },
    });
  });

  it('passes a domain error’s code, message and details to the caller', async () => {
    await expect(client.request('probe.fail', {})).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: 'already there',
      details: { id: 'x' },
    });
  });

  it('hides an unexpected error behind INTERNAL', async () => {
    const error = (await client.request('probe.crash', {}).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe(ErrorCode.Internal);
    expect(error.message).not.toContain('secret');
  });

  it('answers SERVICE_UNAVAILABLE for a subject nobody serves', async () => {
    await expect(client.request('probe.nobody', {})).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable });
  });
});
