import { ErrorCode, opsSubjects, Role, SetTestClockCommand, TestClockView } from '@helpdesk/contracts';
import { Controller, Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError } from '../errors/domain-error';
import { currentTime, setClockOffset } from './clock';

/** ops.<service>.clock.set: a test moves this process's clock (registered only with TEST_CLOCK=true). */
export function testClockHandler(service: string): Type<unknown> {
  @Controller()
  class TestClockHandler {
    @MessagePattern(opsSubjects(service).clockSet)
    set(@Payload() { actor, offsetMs }: SetTestClockCommand): TestClockView {
      if (actor.role !== Role.Admin) throw new DomainError(ErrorCode.Forbidden, 'Only admins move the test clock');
      const offset = setClockOffset(offsetMs);
      return { offsetMs: offset, now: currentTime().toISOString() };
    }
  }
  return TestClockHandler;
}
