import { CreateKbCategoryCommand, KbCategoryRefCommand, KbCategoryView, SUBJECTS, UpdateKbCategoryCommand } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CategoriesService } from './categories.service';

/** kb.category.* requests. */
@Controller()
export class CategoriesHandler {
  constructor(private readonly categories: CategoriesService) {}

  @MessagePattern(SUBJECTS.kb.categoryCreate)
  create(@Payload() { actor, category }: CreateKbCategoryCommand): Promise<KbCategoryView> {
    return this.categories.create(actor, category);
  }

  @MessagePattern(SUBJECTS.kb.categoryList)
  list(): Promise<KbCategoryView[]> {
    return this.categories.list();
  }

  @MessagePattern(SUBJECTS.kb.categoryGet)
  get(@Payload() { id }: KbCategoryRefCommand): Promise<KbCategoryView> {
    return this.categories.get(id);
  }

  @MessagePattern(SUBJECTS.kb.categoryUpdate)
  update(@Payload() { actor, id, changes, expectedRevision }: UpdateKbCategoryCommand): Promise<KbCategoryView> {
    return this.categories.update(actor, id, changes, expectedRevision);
  }

  @MessagePattern(SUBJECTS.kb.categoryDelete)
  async delete(@Payload() { actor, id }: KbCategoryRefCommand): Promise<{ deleted: true }> {
    await this.categories.delete(actor, id);
    return { deleted: true };
  }
}
