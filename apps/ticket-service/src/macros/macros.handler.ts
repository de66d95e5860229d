import {
  ActorCommand,
  ApplyMacroCommand,
  CreateMacroCommand,
  MacroApplicationView,
  MacroRefCommand,
  MacroView,
  SUBJECTS,
  UpdateMacroCommand,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MacrosService } from './macros.service';

/** ticket.macro.* requests. */
@Controller()
export class MacrosHandler {
  constructor(private readonly macros: MacrosService) {}

  @MessagePattern(SUBJECTS.ticket.macroCreate)
  create(@Payload() { actor, macro }: CreateMacroCommand): Promise<MacroView> {
    return this.macros.create(actor, macro);
  }

  @MessagePattern(SUBJECTS.ticket.macroList)
  list(@Payload() { actor }: ActorCommand): Promise<MacroView[]> {
    return this.macros.list(actor);
  }

  @MessagePattern(SUBJECTS.ticket.macroGet)
  get(@Payload() { actor, id }: MacroRefCommand): Promise<MacroView> {
    return this.macros.get(actor, id);
  }

  @MessagePattern(SUBJECTS.ticket.macroUpdate)
  update(@Payload() { actor, id, changes }: UpdateMacroCommand): Promise<MacroView> {
    return this.macros.update(actor, id, changes);
  }

  @MessagePattern(SUBJECTS.ticket.macroDelete)
  async delete(@Payload() { actor, id }: MacroRefCommand): Promise<{ deleted: true }> {
    await this.macros.delete(actor, id);
    return { deleted: true };
  }

  @MessagePattern(SUBJECTS.ticket.macroApply)
  apply(@Payload() command: ApplyMacroCommand): Promise<MacroApplicationView> {
    return this.macros.apply(command);
  }
}
