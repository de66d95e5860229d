import { randomUUID } from 'node:crypto';
import { Actor, CreateEmailSenderRuleDto, EmailSenderRuleView, ErrorCode, Role } from '@helpdesk/contracts';
import { DomainError, sqlRows } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface RuleRow {
  id: string;
  sender: string;
  verdict: EmailSenderRuleView['verdict'];
  note: string | null;
  created_at: Date;
}

/** Admins' per-sender overrides of the automated-mail verdict (an address or a whole `@domain`). */
@Injectable()
export class SenderRulesService {
  constructor(private readonly dataSource: DataSource) {}

  async create(actor: Actor, dto: CreateEmailSenderRuleDto): Promise<EmailSenderRuleView> {
    assertAdmin(actor);
    const sender = dto.sender.trim().toLowerCase();
    const [row] = await sqlRows<RuleRow>(
      this.dataSource,
      `INSERT INTO "channel"."email_sender_rules" (id, sender, verdict, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sender) DO NOTHING RETURNING *`,
      [randomUUID(), sender, dto.verdict, dto.note?.trim() || null],
    );
    if (!row) throw new DomainError(ErrorCode.Conflict, `There is a rule for ${sender} already; delete it first`, { sender });
    return toView(row);
  }

  async list(actor: Actor): Promise<EmailSenderRuleView[]> {
    assertAdmin(actor);
    const rows = await sqlRows<RuleRow>(this.dataSource, `SELECT * FROM "channel"."email_sender_rules" ORDER BY sender`);
    return rows.map(toView);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor);
    const rows = await sqlRows(this.dataSource, `DELETE FROM "channel"."email_sender_rules" WHERE id = $1 RETURNING id`, [id]);
    if (!rows.length) throw DomainError.notFound('EmailSenderRule', id);
  }
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== Role.Admin) throw new DomainError(ErrorCode.Forbidden, 'Only admins manage email sender rules');
}

function toView(row: RuleRow): EmailSenderRuleView {
  return { id: row.id, sender: row.sender, verdict: row.verdict, note: row.note, createdAt: new Date(row.created_at).toISOString() };
}
