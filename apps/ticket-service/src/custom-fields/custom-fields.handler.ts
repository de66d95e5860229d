import {
  CreateCustomFieldCommand,
  CustomFieldRefCommand,
  CustomFieldView,
  ListCustomFieldsCommand,
  SUBJECTS,
  UpdateCustomFieldCommand,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CustomFieldsService } from './custom-fields.service';

/** ticket.field.* requests. */
@Controller()
export class CustomFieldsHandler {
  constructor(private readonly fields: CustomFieldsService) {}

  @MessagePattern(SUBJECTS.ticket.fieldCreate)
  create(@Payload() { actor, field }: CreateCustomFieldCommand): Promise<CustomFieldView> {
    return this.fields.create(actor, field);
  }

  @MessagePattern(SUBJECTS.ticket.fieldList)
  list(@Payload() { actor, includeInactive }: ListCustomFieldsCommand): Promise<CustomFieldView[]> {
    return this.fields.list(actor, includeInactive);
  }

  @MessagePattern(SUBJECTS.ticket.fieldGet)
  get(@Payload() { actor, id }: CustomFieldRefCommand): Promise<CustomFieldView> {
    return this.fields.get(actor, id);
  }

  @MessagePattern(SUBJECTS.ticket.fieldUpdate)
  update(@Payload() { actor, id, changes }: UpdateCustomFieldCommand): Promise<CustomFieldView> {
    return this.fields.update(actor, id, changes);
  }

  @MessagePattern(SUBJECTS.ticket.fieldDelete)
  async delete(@Payload() { actor, id }: CustomFieldRefCommand): Promise<{ deleted: true }> {
    await this.fields.deactivate(actor, id);
    return { deleted: true };
  }
}
