import { createHash } from 'node:crypto';
import { IntegrationActor, SUBJECTS, VerifiedApiKey } from '@helpdesk/contracts';
import { BusClient, currentTime } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { ApiKeyCache } from './api-key-cache';

const MAX_CACHED_KEYS = 10_000;

/** Turns a presented API key into the integration caller, asking ticket-service (`directory.apikey.verify`) once per cache TTL. */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache: ApiKeyCache;

  constructor(
    private readonly bus: BusClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.cache = new ApiKeyCache(config.apiKeyCacheTtlMs, MAX_CACHED_KEYS, () => currentTime().getTime());
  }

  /** The caller the key stands for; rejects with UNAUTHENTICATED when the key is wrong, expired or revoked. */
  async authenticate(key: string): Promise<IntegrationActor> {
    const hash = createHash('sha256').update(key, 'utf8').digest('base64url');
    let verified = this.cache.get(hash);
    if (!verified) {
      verified = await this.bus.request<VerifiedApiKey>(SUBJECTS.directory.apiKeyVerify, { key });
      this.cache.set(hash, verified);
    }
    return { kind: 'integration', id: verified.id, name: verified.name, scopes: verified.scopes };
  }

  /** Stops trusting a key at once on this gateway (others follow within the TTL). */
  forget(id: string): void {
    this.cache.forget(id);
  }
}
