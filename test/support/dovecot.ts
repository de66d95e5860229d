import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort, waitFor } from './free-port';

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) => existsSync(path));

/**
 * A real IMAP server for the email tests: Dovecot (Debian's `dovecot-imapd`) started on loopback
 * with its own configuration, mail users and Maildirs in a temporary directory, plain-text login
 * (no TLS on loopback). Mail is put in a mailbox over IMAP (APPEND), as another mail client would.
 */
export class Dovecot {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly config: string,
    readonly password: string,
  ) {}

  static async start(users: string[]): Promise<Dovecot> {
    if (!DOVECOT) throw new Error('Dovecot is not installed: apt-get install dovecot-imapd (.ci/run does)');
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-dovecot-'));
    const port = await freePort();
    const password = 'imap-secret-0123';
    const home = join(dir, 'home');
    mkdirSync(home);
    chmodSync(dir, 0o755);
    chmodSync(home, 0o777);
    const me = userInfo();
    // As root, mail is owned by Dovecot's own users; otherwise by whoever runs the tests.
    const root = me.uid === 0;
    const mailUser = root ? 'dovecot' : me.username;
    writeFileSync(join(dir, 'users'), users.map((user) => `${user}:{PLAIN}${password}\n`).join(''));
    const config = join(dir, 'dovecot.conf');
    writeFileSync(
      config,
      `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
mail_location = maildir:~/Maildir
default_internal_user = ${root ? 'dovecot' : me.username}
default_login_user = ${root ? 'dovenull' : me.username}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${root ? 'dovecot' : me.gid} home=${home}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 50
}
service anvil {
  chroot =
}
`,
    );
    // Dovecot daemonizes: its child keeps inherited pipes open, so nothing is piped here.
    const started = spawnSync(DOVECOT, ['-c', config], { stdio: 'ignore' });
    if (started.status !== 0) throw new Error(`Dovecot did not start (exit ${started.status}): ${readLog(dir)}`);
    const server = new Dovecot(port, dir, config, password);
    await waitFor('Dovecot to take logins', async () => ((await server.tryLogin(users[0])) ? true : undefined), 15_000);
    return server;
  }

  stop(): void {
    spawnSync(DOVECOT!, ['-c', this.config, 'stop'], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }

  log(): string {
    return readLog(this.dir);
  }

  /** Puts a raw RFC 5322 message in a user's folder (unseen), as delivery would; answers its UID. */
  async append(user: string, raw: string, folder = 'INBOX'): Promise<number> {
    return this.with(user, async (client) => {
      const result = await client.append(folder, raw, []);
      if (!result || !result.uid) throw new Error('APPEND returned no UID');
      return result.uid;
    });
  }

  /** The flags of each message in a folder, by UID. */
  async flags(user: string, folder = 'INBOX'): Promise<Map<number, Set<string>>> {
    return this.with(user, async (client) => {
      const lock = await client.getMailboxLock(folder);
      try {
        const status = await client.status(folder, { messages: true });
        if (!status || !status.messages) return new Map();
        const messages = await client.fetchAll('1:*', { uid: true, flags: true });
        return new Map(messages.map((m) => [m.uid, m.flags ?? new Set<string>()]));
      } finally {
        lock.release();
      }
    });
  }

  /** Removes `\Seen` from a message, as a person marking it unread would. */
  async markUnseen(user: string, uid: number, folder = 'INBOX'): Promise<void> {
    await this.with(user, async (client) => {
      const lock = await client.getMailboxLock(folder);
      try {
        await client.messageFlagsRemove(String(uid), ['\\Seen'], { uid: true });
      } finally {
        lock.release();
      }
    });
  }

  async createFolder(user: string, folder: string): Promise<void> {
    await this.with(user, (client) => client.mailboxCreate(folder).then(() => undefined));
  }

  private async tryLogin(user: string): Promise<boolean> {
    try {
      await this.with(user, () => Promise.resolve(undefined));
      return true;
    } catch {
      return false;
    }
  }

  private async with<T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({ host: '127.0.0.1', port: this.port, secure: false, auth: { user, pass: this.password }, logger: false });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}

function readLog(dir: string): string {
  const path = join(dir, 'dovecot.log');
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
