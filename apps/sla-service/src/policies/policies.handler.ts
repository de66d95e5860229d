import {
  ActorCommand,
  CreateSlaPolicyCommand,
  SlaPolicyRefCommand,
  SlaPolicyVersionView,
  SlaPolicyView,
  SUBJECTS,
  UpdateSlaPolicyCommand,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PoliciesService } from './policies.service';

/** sla.policy.* requests. */
@Controller()
export class PoliciesHandler {
  constructor(private readonly policies: PoliciesService) {}

  @MessagePattern(SUBJECTS.sla.policyCreate)
  create(@Payload() { actor, policy }: CreateSlaPolicyCommand): Promise<SlaPolicyView> {
    return this.policies.create(actor, policy);
  }

  @MessagePattern(SUBJECTS.sla.policyList)
  list(@Payload() { actor }: ActorCommand): Promise<SlaPolicyView[]> {
    return this.policies.list(actor);
  }

  @MessagePattern(SUBJECTS.sla.policyGet)
  get(@Payload() { actor, id }: SlaPolicyRefCommand): Promise<SlaPolicyView> {
    return this.policies.get(actor, id);
  }

  @MessagePattern(SUBJECTS.sla.policyVersions)
  versions(@Payload() { actor, id }: SlaPolicyRefCommand): Promise<SlaPolicyVersionView[]> {
    return this.policies.versions(actor, id);
  }

  @MessagePattern(SUBJECTS.sla.policyUpdate)
  update(@Payload() { actor, id, changes, expectedRevision }: UpdateSlaPolicyCommand): Promise<SlaPolicyView> {
    return this.policies.update(actor, id, changes, expectedRevision);
  }

  @MessagePattern(SUBJECTS.sla.policyDelete)
  async delete(@Payload() { actor, id }: SlaPolicyRefCommand): Promise<{ deleted: true }> {
    await this.policies.delete(actor, id);
    return { deleted: true };
  }
}
