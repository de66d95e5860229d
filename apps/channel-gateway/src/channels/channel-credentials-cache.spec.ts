import { Role } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';
import { ChannelGatewayConfig } from '../config/channel-gateway.config';
import { ChannelsService } from './channels.service';

/** Webhooks read a channel's credentials from memory within CHANNEL_CACHE_TTL_MS; a change on this replica is seen at once. */
describe('ChannelsService.credentials cache', () => {
  const id = '0b0b0b0b-1111-4222-8333-444444444444';
  const admin = { id: 'a', role: Role.Admin, email: 'a@x.test', name: 'A' };

  function service(ttlMs: number) {
    const query = jest.fn((sql: string): Promise<unknown> => {
      if (sql.startsWith('SELECT id, type, active, secret')) return Promise.resolve([{ id, type: 'chat', active: true, secret: 's' }]);
      if (sql.startsWith('DELETE')) return Promise.resolve([[{ id }], 1]);
      return Promise.resolve([]);
    });
    const dataSource = { query } as unknown as DataSource;
    const channels = new ChannelsService(dataSource, { channelCacheTtlMs: ttlMs } as ChannelGatewayConfig);
    const reads = () => query.mock.calls.filter(([sql]) => sql.startsWith('SELECT id, type, active, secret')).length;
    return { channels, reads };
  }

  it('reads the database once per TTL, whatever the case of the id', async () => {
    const { channels, reads } = service(60_000);
    await channels.credentials(id);
    await channels.credentials(id.toUpperCase());
    expect(reads()).toBe(1);
  });

  it('reads again at once after the channel is deleted here', async () => {
    const { channels, reads } = service(60_000);
    await channels.credentials(id);
    await channels.delete(admin, id);
    await channels.credentials(id);
    expect(reads()).toBe(2);
  });

  it('reads every time with a TTL of 0, and never for an id that is not a uuid', async () => {
    const { channels, reads } = service(0);
    await channels.credentials(id);
    await channels.credentials(id);
    expect(await channels.credentials('not-a-uuid')).toBeNull();
    expect(reads()).toBe(2);
  });
});
