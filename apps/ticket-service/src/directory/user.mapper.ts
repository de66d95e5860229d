import { UserRefView, UserView } from '@helpdesk/contracts';
import { User } from './user.entity';

export function toUserView(user: User, teamIds: string[] = []): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    active: user.active,
    phone: user.phone,
    organizationId: user.organizationId,
    tier: user.tier,
    skills: user.skills ?? [],
    capacity: user.capacity,
    teamIds,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toUserRef(user: Pick<User, 'id' | 'name' | 'email'>): UserRefView {
  return { id: user.id, name: user.name, email: user.email };
}

/** A display name from an email when none is given: ana.perez@example.com → ana.perez */
export function nameFromEmail(email: string): string {
  return email.split('@')[0] || email;
}
