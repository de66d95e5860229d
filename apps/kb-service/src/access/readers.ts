import { Actor, Role, SUBJECTS, UserView } from '@helpdesk/contracts';
import { BusClient } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { ANONYMOUS, Reader } from './article-access';

const TEAMS_TTL_MS = 30_000;
const MAX_CACHED = 5_000;

/**
 * Turns the caller into a Reader. Restricted articles may name teams, and team membership lives in
 * ticket-service's directory: staff teams are asked for once and kept 30 s, so a search does not
 * pay a bus round trip every time.
 */
@Injectable()
export class Readers {
  private readonly teams = new Map<string, { teamIds: string[]; until: number }>();

  constructor(private readonly bus: BusClient) {}

  async of(actor: Actor | null): Promise<Reader> {
    if (!actor) return ANONYMOUS;
    if (actor.role === Role.Admin || actor.role === Role.Customer) return { actor, teamIds: [] };
    return { actor, teamIds: await this.teamsOf(actor) };
  }

  private async teamsOf(actor: Actor): Promise<string[]> {
    const now = Date.now();
    const cached = this.teams.get(actor.id);
    if (cached && cached.until > now) return cached.teamIds;
    const user = await this.bus.request<UserView>(SUBJECTS.directory.userGet, { actor, id: actor.id });
    if (this.teams.size >= MAX_CACHED) this.teams.clear();
    this.teams.set(actor.id, { teamIds: user.teamIds, until: now + TEAMS_TTL_MS });
    return user.teamIds;
  }
}
