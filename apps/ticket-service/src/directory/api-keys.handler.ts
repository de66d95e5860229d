import {
  ApiKeyPageView,
  ApiKeyRefCommand,
  ApiKeyView,
  CreateApiKeyCommand,
  CreatedApiKeyView,
  ListApiKeysRequest,
  SUBJECTS,
  VerifiedApiKey,
  VerifyApiKeyCommand,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ApiKeysService } from './api-keys.service';

/** directory.apikey.* requests. */
@Controller()
export class ApiKeysHandler {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @MessagePattern(SUBJECTS.directory.apiKeyCreate)
  create(@Payload() { actor, apiKey }: CreateApiKeyCommand): Promise<CreatedApiKeyView> {
    return this.apiKeys.create(actor, apiKey);
  }

  @MessagePattern(SUBJECTS.directory.apiKeyList)
  list(@Payload() { actor, query }: ListApiKeysRequest): Promise<ApiKeyPageView> {
    return this.apiKeys.list(actor, query);
  }

  @MessagePattern(SUBJECTS.directory.apiKeyGet)
  get(@Payload() { actor, id }: ApiKeyRefCommand): Promise<ApiKeyView> {
    return this.apiKeys.get(actor, id);
  }

  @MessagePattern(SUBJECTS.directory.apiKeyRevoke)
  revoke(@Payload() { actor, id }: ApiKeyRefCommand): Promise<ApiKeyView> {
    return this.apiKeys.revoke(actor, id);
  }

  @MessagePattern(SUBJECTS.directory.apiKeyVerify)
  verify(@Payload() { key }: VerifyApiKeyCommand): Promise<VerifiedApiKey> {
    return this.apiKeys.verify(key);
  }
}
