import { ErrorCode, GetRebuildRequest, RebuildView, Role, StartRebuildRequest, SUBJECTS } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RebuildService } from './rebuild.service';

@Controller()
export class RebuildHandler {
  constructor(private readonly rebuilds: RebuildService) {}

  @MessagePattern(SUBJECTS.report.rebuildStart)
  start(@Payload() { actor }: StartRebuildRequest): Promise<RebuildView> {
    if (actor.role !== Role.Admin) throw new DomainError(ErrorCode.Forbidden, 'Only admins rebuild the read models');
    return this.rebuilds.start(actor.id);
  }

  @MessagePattern(SUBJECTS.report.rebuildGet)
  async get(@Payload() { actor, id }: GetRebuildRequest): Promise<RebuildView> {
    if (actor.role !== Role.Admin) throw new DomainError(ErrorCode.Forbidden, 'Only admins rebuild the read models');
    const rebuild = await this.rebuilds.get(id);
    if (!rebuild) throw new DomainError(ErrorCode.NotFound, 'No such rebuild');
    return rebuild;
  }
}
