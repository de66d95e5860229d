import { ConfigError } from '@helpdesk/platform';
import { readTicketServiceConfig } from './ticket-service.config';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(readTicketServiceConfig.name, () => {
  it('has no admin when neither variable is set', () => {
    const config = readTicketServiceConfig({});
    expect(config.adminEmail).toBeUndefined();
    expect(config.adminPassword).toBeUndefined();
  });

  it('reads the admin email and password together', () => {
    expect(readTicketServiceConfig({ HELPDESK_ADMIN_EMAIL: 'admin@example.com', HELPDESK_ADMIN_PASSWORD: 'correct-horse' })).toMatchObject({
      adminEmail: 'admin@example.com',
      adminPassword: 'correct-horse',
    });
  });

  it('closes solved tickets after 4 days, checked every minute, unless told otherwise', () => {
    expect(readTicketServiceConfig({})).toMatchObject({ autoCloseAfterMinutes: 5760, autoCloseIntervalMs: 60_000 });
    expect(readTicketServiceConfig({ TICKET_AUTO_CLOSE_AFTER_MINUTES: '0' }).autoCloseAfterMinutes).toBe(0);
    expect(configError(() => readTicketServiceConfig({ TICKET_AUTO_CLOSE_AFTER_MINUTES: '-1' })).variable).toBe(
      'TICKET_AUTO_CLOSE_AFTER_MINUTES',
    );
  });

  it('stores attachments up to 10 MiB unless told otherwise, and at least 1 KiB', () => {
    expect(readTicketServiceConfig({}).attachmentMaxBytes).toBe(10 * 1_048_576);
    expect(readTicketServiceConfig({ ATTACHMENT_MAX_BYTES: '2048' }).attachmentMaxBytes).toBe(2048);
    expect(configError(() => readTicketServiceConfig({ ATTACHMENT_MAX_BYTES: '10' })).variable).toBe('ATTACHMENT_MAX_BYTES');
  });

  it('folds new comments into the search vectors after 5 s, checked every second, unless told otherwise', () => {
    expect(readTicketServiceConfig({})).toMatchObject({ searchFoldDelayMs: 5000, searchFoldIntervalMs: 1000 });
    expect(readTicketServiceConfig({ TICKET_SEARCH_FOLD_DELAY_MS: '0', TICKET_SEARCH_FOLD_INTERVAL_MS: '100' })).toMatchObject({
      searchFoldDelayMs: 0,
      searchFoldIntervalMs: 100,
    });
    expect(configError(() => readTicketServiceConfig({ TICKET_SEARCH_FOLD_DELAY_MS: '-1' })).variable).toBe('TICKET_SEARCH_FOLD_DELAY_MS');
    expect(configError(() => readTicketServiceConfig({ TICKET_SEARCH_FOLD_INTERVAL_MS: '10' })).variable).toBe(
      'TICKET_SEARCH_FOLD_INTERVAL_MS',
    );
  });

  it('opens up to 2 channel tickets at once unless told otherwise, from 1 to 64', () => {
    expect(readTicketServiceConfig({}).channelIntakeConcurrency).toBe(2);
    expect(readTicketServiceConfig({ CHANNEL_INTAKE_CONCURRENCY: '8' }).channelIntakeConcurrency).toBe(8);
    expect(configError(() => readTicketServiceConfig({ CHANNEL_INTAKE_CONCURRENCY: '0' })).variable).toBe('CHANNEL_INTAKE_CONCURRENCY');
    expect(configError(() => readTicketServiceConfig({ CHANNEL_INTAKE_CONCURRENCY: '65' })).variable).toBe('CHANNEL_INTAKE_CONCURRENCY');
  });

  it('requires the password when the email is set', () => {
    const error = configError(() => readTicketServiceConfig({ HELPDESK_ADMIN_EMAIL: 'admin@example.com' }));
    expect(error.variable).toBe('HELPDESK_ADMIN_PASSWORD');
    expect(error.message).toContain('HELPDESK_ADMIN_PASSWORD');
  });

  it('requires the email when the password is set', () => {
    const error = configError(() => readTicketServiceConfig({ HELPDESK_ADMIN_PASSWORD: 'correct-horse' }));
    expect(error.variable).toBe('HELPDESK_ADMIN_EMAIL');
  });

  it('treats a blank email as unset', () => {
    expect(
      configError(() => readTicketServiceConfig({ HELPDESK_ADMIN_EMAIL: ' ', HELPDESK_ADMIN_PASSWORD: 'correct-horse' })).variable,
    ).toBe('HELPDESK_ADMIN_EMAIL');
  });

  it('rejects a password shorter than 10 characters', () => {
    const error = configError(() =>
      readTicketServiceConfig({ HELPDESK_ADMIN_EMAIL: 'admin@example.com', HELPDESK_ADMIN_PASSWORD: '123456789' }),
    );
    expect(error.variable).toBe('HELPDESK_ADMIN_PASSWORD');
    expect(error.message).toContain('at least 10 characters');
  });

  it('accepts a password of exactly 10 characters', () => {
    expect(
      readTicketServiceConfig({ HELPDESK_ADMIN_EMAIL: 'admin@example.com', HELPDESK_ADMIN_PASSWORD: '1234567890' }).adminPassword,
    ).toBe('1234567890');
  });

  it.each([['admin'], ['admin@'], ['@example.com'], ['ad min@example.com']])('rejects %p as an admin email', (email) => {
    expect(
      configError(() => readTicketServiceConfig({ HELPDESK_ADMIN_EMAIL: email, HELPDESK_ADMIN_PASSWORD: 'correct-horse' })).variable,
    ).toBe('HELPDESK_ADMIN_EMAIL');
  });
});
