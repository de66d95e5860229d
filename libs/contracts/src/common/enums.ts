/** Lifecycle of a ticket. */
export enum TicketStatus {
  New = 'new',
  Open = 'open',
  Pending = 'pending',
  OnHold = 'on_hold',
  Solved = 'solved',
  Closed = 'closed',
}

/** What kind of request a ticket is (ITIL): problems link the incidents they cause. */
export enum TicketType {
  Incident = 'incident',
  ServiceRequest = 'service_request',
  Question = 'question',
  Problem = 'problem',
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

/** How a team picks the agent for a ticket routed to it. */
export enum RoutingStrategy {
  RoundRobin = 'round_robin',
  LeastLoaded = 'least_loaded',
  Skills = 'skills',
}

/** Support tiers: 1 solves the simple cases, 2 and 3 the complex ones. */
export const TIERS = [1, 2, 3] as const;
export type Tier = (typeof TIERS)[number];
