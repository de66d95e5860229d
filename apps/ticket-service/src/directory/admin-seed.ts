import { randomBytes } from 'node:crypto';
import { Locale, Role } from '@helpdesk/contracts';
import { RUNTIME, Runtime } from '@helpdesk/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { User } from './user.entity';
import { UsersService } from './users.service';

export const GENERATED_ADMIN_EMAIL = 'admin@helpdesk.local';

/**
 * The first admin. From HELPDESK_ADMIN_EMAIL / HELPDESK_ADMIN_PASSWORD when set (created if that
 * email is not in the directory yet); in standalone mode with neither set and no admin yet, one is
 * generated and its credentials printed once.
 */
@Injectable()
export class AdminSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminSeed.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly usersService: UsersService,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (adminEmail && adminPassword) {
      if (await this.users.existsBy({ email: adminEmail.toLowerCase() })) return;
      await this.createAdmin(adminEmail, adminPassword);
      this.logger.log(`created the first admin ${adminEmail}`);
      return;
    }
    if (await this.users.existsBy({ role: Role.Admin })) return;
    if (this.runtime.mode !== 'standalone') {
      this.logger.warn('no admin exists: set HELPDESK_ADMIN_EMAIL and HELPDESK_ADMIN_PASSWORD to create one');
      return;
    }
    const password = randomBytes(12).toString('base64url');
    await this.createAdmin(GENERATED_ADMIN_EMAIL, password);
    process.stdout.write(
      [
        '',
        '  ┌──────────────────────────────────────────────────────────────',
        '  │ First admin created (shown once; change it after logging in):',
        `  │   email:    ${GENERATED_ADMIN_EMAIL}`,
        `  │   password: ${password}`,
        '  └──────────────────────────────────────────────────────────────',
        '',
      ].join('\n') + '\n',
    );
  }

  private async createAdmin(email: string, password: string): Promise<void> {
    try {
      await this.usersService.insert({ email, password, name: 'Administrator', role: Role.Admin, locale: Locale.Es });
    } catch (error) {
      // Another replica seeded it at the same moment.
      if (!(await this.users.existsBy({ email: email.toLowerCase() }))) throw error;
    }
  }
}
