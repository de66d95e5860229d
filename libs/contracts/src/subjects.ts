/**
 * Request-reply subjects (commands and queries). Dotted lower-case so NATS wildcards work.
 * Each service answers its own prefix in its own queue group.
 */
export const SUBJECTS = {
  ticket: {
    create: 'ticket.create',
    get: 'ticket.get',
    list: 'ticket.list',
    update: 'ticket.update',
    history: 'ticket.history',
    commentAdd: 'ticket.comment.add',
    commentList: 'ticket.comment.list',
    attachmentBegin: 'ticket.attachment.begin',
    attachmentChunk: 'ticket.attachment.chunk',
    attachmentComplete: 'ticket.attachment.complete',
    attachmentAbort: 'ticket.attachment.abort',
    attachmentList: 'ticket.attachment.list',
    attachmentRead: 'ticket.attachment.read',
    escalate: 'ticket.escalate',
    merge: 'ticket.merge',
    followerAdd: 'ticket.follower.add',
    followerRemove: 'ticket.follower.remove',
    bulkUpdate: 'ticket.bulk.update',
    presenceSet: 'ticket.presence.set',
    presenceClear: 'ticket.presence.clear',
    csatGet: 'ticket.csat.get',
    csatRate: 'ticket.csat.rate',
    routingRuleCreate: 'ticket.routing.rule.create',
    routingRuleList: 'ticket.routing.rule.list',
    routingRuleGet: 'ticket.routing.rule.get',
    routingRuleUpdate: 'ticket.routing.rule.update',
    routingRuleDelete: 'ticket.routing.rule.delete',
    fieldCreate: 'ticket.field.create',
    fieldList: 'ticket.field.list',
    fieldGet: 'ticket.field.get',
    fieldUpdate: 'ticket.field.update',
    fieldDelete: 'ticket.field.delete',
    macroCreate: 'ticket.macro.create',
    macroList: 'ticket.macro.list',
    macroGet: 'ticket.macro.get',
    macroUpdate: 'ticket.macro.update',
    macroDelete: 'ticket.macro.delete',
    macroApply: 'ticket.macro.apply',
    viewList: 'ticket.view.list',
    viewGet: 'ticket.view.get',
    viewCreate: 'ticket.view.create',
    viewUpdate: 'ticket.view.update',
    viewDelete: 'ticket.view.delete',
    viewTickets: 'ticket.view.tickets',
    notificationList: 'ticket.notification.list',
    notificationRead: 'ticket.notification.read',
  },
  directory: {
    authenticate: 'directory.authenticate',
    userGet: 'directory.user.get',
    userCreate: 'directory.user.create',
    userList: 'directory.user.list',
    userUpdate: 'directory.user.update',
    organizationCreate: 'directory.organization.create',
    organizationGet: 'directory.organization.get',
    organizationList: 'directory.organization.list',
    organizationUpdate: 'directory.organization.update',
    organizationDelete: 'directory.organization.delete',
    teamCreate: 'directory.team.create',
    teamGet: 'directory.team.get',
    teamList: 'directory.team.list',
    teamUpdate: 'directory.team.update',
    teamDelete: 'directory.team.delete',
    teamMemberAdd: 'directory.team.member.add',
    teamMemberRemove: 'directory.team.member.remove',
  },
  sla: {
    calendarCreate: 'sla.calendar.create',
    calendarList: 'sla.calendar.list',
    calendarGet: 'sla.calendar.get',
    calendarUpdate: 'sla.calendar.update',
    calendarDelete: 'sla.calendar.delete',
    policyCreate: 'sla.policy.create',
    policyList: 'sla.policy.list',
    policyGet: 'sla.policy.get',
    policyUpdate: 'sla.policy.update',
    policyDelete: 'sla.policy.delete',
    policyVersions: 'sla.policy.versions',
    policySimulate: 'sla.policy.simulate',
    ticketSla: 'sla.ticket.get',
  },
  report: {
    summary: 'report.summary',
  },
  channel: {
    create: 'channel.config.create',
    list: 'channel.config.list',
    get: 'channel.config.get',
    update: 'channel.config.update',
    delete: 'channel.config.delete',
    webhookChat: 'channel.webhook.chat',
    webhookTwilioSms: 'channel.webhook.twilio.sms',
    webhookTwilioVoice: 'channel.webhook.twilio.voice',
  },
} as const;

/** Domain event types. On NATS they travel under the events prefix (see EVENT_SUBJECT_PREFIX). */
export const EVENTS = {
  ticket: {
    created: 'ticket.created',
    updated: 'ticket.updated',
    commentAdded: 'ticket.comment.added',
    solved: 'ticket.solved',
    reopened: 'ticket.reopened',
    assigned: 'ticket.assigned',
    escalated: 'ticket.escalated',
    merged: 'ticket.merged',
  },
  channel: {
    messageReceived: 'channel.message.received',
  },
  csat: {
    requested: 'csat.requested',
    received: 'csat.received',
  },
  sla: {
    warning: 'sla.warning',
    breached: 'sla.breached',
    escalated: 'sla.escalated',
    ticketState: 'sla.ticket-state.changed',
  },
} as const;

/** Events live apart from requests so that a stream never captures a request. */
export const EVENT_SUBJECT_PREFIX = 'evt.';

/** The service names, also their queue groups and database schemas' owners. */
export const SERVICES = {
  apiGateway: 'api-gateway',
  ticket: 'ticket-service',
  sla: 'sla-service',
  kb: 'kb-service',
  channel: 'channel-gateway',
  reporting: 'reporting-service',
} as const;

export type ServiceName = (typeof SERVICES)[keyof typeof SERVICES];
