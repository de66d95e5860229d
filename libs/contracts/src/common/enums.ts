/** Lifecycle of a ticket. */
export enum TicketStatus {
  New = 'new',
  Open = 'open',
  Pending = 'pending',
  OnHold = 'on_hold',
  Solved = 'solved',
  Closed = 'closed',
}

export enum TicketPriority {
  Low = 'low',
  Normal = 'normal',
  High = 'high',
  Urgent = 'urgent',
}

/** Where a ticket or message came from. */
export enum Channel {
  Web = 'web',
  Email = 'email',
  Chat = 'chat',
  Phone = 'phone',
  Sms = 'sms',
  Api = 'api',
  Form = 'form',
}

export enum Role {
  Admin = 'admin',
  Supervisor = 'supervisor',
  Agent = 'agent',
  Customer = 'customer',
}

/** Roles that work tickets (everyone but customers). */
export const STAFF_ROLES: readonly Role[] = [Role.Admin, Role.Supervisor, Role.Agent];

export enum Locale {
  Es = 'es',
  En = 'en',
}
