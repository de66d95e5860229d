import request from 'supertest';
import { bearer, expectProblem, login, userWithRole } from '../support/api';
import { startTarget, Target } from '../support/target';

type Role = 'anonymous' | 'customer' | 'agent' | 'supervisor' | 'admin';
const ROLES: Role[] = ['anonymous', 'customer', 'agent', 'supervisor', 'admin'];

/**
 * The role × endpoint matrix of docs/access-matrix.md, cell by cell: `allow` means the route lets
 * the role in (whatever the outcome of the request itself), `deny` answers 403, and anonymous
 * callers of a protected route get 401.
 */
const MATRIX: { route: string; method: 'get' | 'post' | 'patch' | 'delete'; path: string; body?: object; allow: Role[] }[] = [
  { route: 'POST /auth/login', method: 'post', path: '/api/v1/auth/login', body: {}, allow: ROLES },
  { route: 'GET /auth/me', method: 'get', path: '/api/v1/auth/me', allow: ['customer', 'agent', 'supervisor', 'admin'] },
  { route: 'POST /tickets', method: 'post', path: '/api/v1/tickets', body: {}, allow: ['customer', 'agent', 'supervisor', 'admin'] },
  { route: 'GET /tickets', method: 'get', path: '/api/v1/tickets', allow: ['customer', 'agent', 'supervisor', 'admin'] },
  { route: 'GET /tickets/:id', method: 'get', path: '/api/v1/tickets/HD-999999', allow: ['customer', 'agent', 'supervisor', 'admin'] },
  { route: 'PATCH /tickets/:id', method: 'patch', path: '/api/v1/tickets/HD-999999', body: {}, allow: ['agent', 'supervisor', 'admin'] },
  { route: 'POST /tickets/bulk', method: 'post', path: '/api/v1/tickets/bulk', body: {}, allow: ['agent', 'supervisor', 'admin'] },
  {
    route: 'POST /tickets/:id/comments',
    method: 'post',
    path: '/api/v1/tickets/HD-999999/comments',
    body: {},
    allow: ['customer', 'agent', 'supervisor', 'admin'],
  },
  {
    route: 'GET /tickets/:id/comments',
    method: 'get',
    path: '/api/v1/tickets/HD-999999/comments',
    allow: ['customer', 'agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /tickets/:id/attachments',
    method: 'post',
    path: '/api/v1/tickets/HD-999999/attachments',
    body: {},
    allow: ['customer', 'agent', 'supervisor', 'admin'],
  },
  {
    route: 'GET /tickets/:id/attachments',
    method: 'get',
    path: '/api/v1/tickets/HD-999999/attachments',
    allow: ['customer', 'agent', 'supervisor', 'admin'],
  },
  {
    route: 'GET /tickets/:id/attachments/:attachmentId',
    method: 'get',
    path: '/api/v1/tickets/HD-999999/attachments/00000000-0000-4000-8000-000000000000',
    allow: ['customer', 'agent', 'supervisor', 'admin'],
  },
  { route: 'GET /tickets/:id/history', method: 'get', path: '/api/v1/tickets/HD-999999/history', allow: ['agent', 'supervisor', 'admin'] },
  {
    route: 'GET /tickets/:id/csat',
    method: 'get',
    path: '/api/v1/tickets/HD-999999/csat',
    allow: ['customer', 'agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /tickets/:id/escalate',
    method: 'post',
    path: '/api/v1/tickets/HD-999999/escalate',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /tickets/:id/merge',
    method: 'post',
    path: '/api/v1/tickets/HD-999999/merge',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /tickets/:id/followers',
    method: 'post',
    path: '/api/v1/tickets/HD-999999/followers',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /tickets/:id/presence',
    method: 'post',
    path: '/api/v1/tickets/HD-999999/presence',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /csat/:token',
    method: 'post',
    path: '/api/v1/csat/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    body: { rating: 'good' },
    allow: ROLES,
  },
  { route: 'POST /users', method: 'post', path: '/api/v1/users', body: {}, allow: ['admin'] },
  { route: 'GET /users', method: 'get', path: '/api/v1/users', allow: ['agent', 'supervisor', 'admin'] },
  { route: 'PATCH /users/:id', method: 'patch', path: '/api/v1/users/00000000-0000-4000-8000-000000000000', body: {}, allow: ['admin'] },
  { route: 'POST /organizations', method: 'post', path: '/api/v1/organizations', body: {}, allow: ['admin'] },
  { route: 'GET /organizations', method: 'get', path: '/api/v1/organizations', allow: ['agent', 'supervisor', 'admin'] },
  {
    route: 'DELETE /organizations/:id',
    method: 'delete',
    path: '/api/v1/organizations/00000000-0000-4000-8000-000000000000',
    allow: ['admin'],
  },
  { route: 'POST /teams', method: 'post', path: '/api/v1/teams', body: {}, allow: ['admin'] },
  { route: 'GET /teams', method: 'get', path: '/api/v1/teams', allow: ['agent', 'supervisor', 'admin'] },
  {
    route: 'POST /teams/:id/members',
    method: 'post',
    path: '/api/v1/teams/00000000-0000-4000-8000-000000000000/members',
    body: {},
    allow: ['admin'],
  },
  { route: 'POST /routing-rules', method: 'post', path: '/api/v1/routing-rules', body: {}, allow: ['admin'] },
  { route: 'GET /routing-rules', method: 'get', path: '/api/v1/routing-rules', allow: ['agent', 'supervisor', 'admin'] },
  { route: 'POST /ticket-fields', method: 'post', path: '/api/v1/ticket-fields', body: {}, allow: ['admin'] },
  { route: 'GET /ticket-fields', method: 'get', path: '/api/v1/ticket-fields', allow: ['customer', 'agent', 'supervisor', 'admin'] },
  {
    route: 'GET /ticket-fields/:id',
    method: 'get',
    path: '/api/v1/ticket-fields/00000000-0000-4000-8000-000000000000',
    allow: ['customer', 'agent', 'supervisor', 'admin'],
  },
  {
    route: 'PATCH /ticket-fields/:id',
    method: 'patch',
    path: '/api/v1/ticket-fields/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ['admin'],
  },
  {
    route: 'DELETE /ticket-fields/:id',
    method: 'delete',
    path: '/api/v1/ticket-fields/00000000-0000-4000-8000-000000000000',
    allow: ['admin'],
  },
  { route: 'POST /macros', method: 'post', path: '/api/v1/macros', body: {}, allow: ['agent', 'supervisor', 'admin'] },
  { route: 'GET /macros', method: 'get', path: '/api/v1/macros', allow: ['agent', 'supervisor', 'admin'] },
  {
    route: 'PATCH /macros/:id',
    method: 'patch',
    path: '/api/v1/macros/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'DELETE /macros/:id',
    method: 'delete',
    path: '/api/v1/macros/00000000-0000-4000-8000-000000000000',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /tickets/:id/macros/:macroId',
    method: 'post',
    path: '/api/v1/tickets/HD-999999/macros/00000000-0000-4000-8000-000000000000',
    allow: ['agent', 'supervisor', 'admin'],
  },
  { route: 'GET /admin/parked-events', method: 'get', path: '/api/v1/admin/parked-events', allow: ['admin'] },
  {
    route: 'POST /admin/parked-events/:service/:kind/:id/replay',
    method: 'post',
    path: '/api/v1/admin/parked-events/ticket-service/outgoing/00000000-0000-4000-8000-000000000000/replay',
    allow: ['admin'],
  },
  { route: 'GET /reports/summary', method: 'get', path: '/api/v1/reports/summary', allow: ['supervisor', 'admin'] },
  { route: 'POST /reports/rebuild', method: 'post', path: '/api/v1/reports/rebuild', allow: ['admin'] },
  {
    route: 'GET /reports/rebuild/:id',
    method: 'get',
    path: '/api/v1/reports/rebuild/00000000-0000-4000-8000-000000000000',
    allow: ['admin'],
  },
  { route: 'POST /api-keys', method: 'post', path: '/api/v1/api-keys', body: {}, allow: ['admin'] },
  { route: 'GET /api-keys', method: 'get', path: '/api/v1/api-keys', allow: ['admin'] },
  { route: 'GET /api-keys/:id', method: 'get', path: '/api/v1/api-keys/00000000-0000-4000-8000-000000000000', allow: ['admin'] },
  { route: 'DELETE /api-keys/:id', method: 'delete', path: '/api/v1/api-keys/00000000-0000-4000-8000-000000000000', allow: ['admin'] },
  {
    route: 'GET /reports/export/tickets.csv',
    method: 'get',
    path: '/api/v1/reports/export/tickets.csv?from=2026-01-01&to=2026-01-02',
    allow: ['supervisor', 'admin'],
  },
  {
    route: 'GET /reports/export/daily-stats.csv',
    method: 'get',
    path: '/api/v1/reports/export/daily-stats.csv?from=2026-01-01&to=2026-01-02',
    allow: ['supervisor', 'admin'],
  },
  {
    route: 'GET /reports/export/tickets/incremental',
    method: 'get',
    path: '/api/v1/reports/export/tickets/incremental?updatedSince=2026-01-01T00:00:00Z',
    allow: ['supervisor', 'admin'],
  },
  { route: 'GET /odata', method: 'get', path: '/odata/', allow: ['supervisor', 'admin'] },
  { route: 'GET /odata/$metadata', method: 'get', path: '/odata/$metadata', allow: ['supervisor', 'admin'] },
  { route: 'GET /odata/TicketFacts', method: 'get', path: '/odata/TicketFacts?$top=1', allow: ['supervisor', 'admin'] },
  { route: 'GET /odata/Agents', method: 'get', path: '/odata/Agents?$top=1', allow: ['supervisor', 'admin'] },
  { route: 'POST /sla/calendars', method: 'post', path: '/api/v1/sla/calendars', body: {}, allow: ['admin'] },
  { route: 'GET /sla/calendars', method: 'get', path: '/api/v1/sla/calendars', allow: ['agent', 'supervisor', 'admin'] },
  {
    route: 'GET /sla/calendars/:id',
    method: 'get',
    path: '/api/v1/sla/calendars/00000000-0000-4000-8000-000000000000',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'PATCH /sla/calendars/:id',
    method: 'patch',
    path: '/api/v1/sla/calendars/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ['admin'],
  },
  {
    route: 'DELETE /sla/calendars/:id',
    method: 'delete',
    path: '/api/v1/sla/calendars/00000000-0000-4000-8000-000000000000',
    allow: ['admin'],
  },
  { route: 'POST /sla/policies', method: 'post', path: '/api/v1/sla/policies', body: {}, allow: ['admin'] },
  { route: 'POST /sla/policies/simulate', method: 'post', path: '/api/v1/sla/policies/simulate', body: {}, allow: ['supervisor', 'admin'] },
  { route: 'GET /sla/policies', method: 'get', path: '/api/v1/sla/policies', allow: ['agent', 'supervisor', 'admin'] },
  {
    route: 'GET /sla/policies/:id',
    method: 'get',
    path: '/api/v1/sla/policies/00000000-0000-4000-8000-000000000000',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'GET /sla/policies/:id/versions',
    method: 'get',
    path: '/api/v1/sla/policies/00000000-0000-4000-8000-000000000000/versions',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'PATCH /sla/policies/:id',
    method: 'patch',
    path: '/api/v1/sla/policies/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ['admin'],
  },
  {
    route: 'DELETE /sla/policies/:id',
    method: 'delete',
    path: '/api/v1/sla/policies/00000000-0000-4000-8000-000000000000',
    allow: ['admin'],
  },
  { route: 'GET /tickets/:id/sla', method: 'get', path: '/api/v1/tickets/HD-999999/sla', allow: ['agent', 'supervisor', 'admin'] },
  { route: 'GET /notifications', method: 'get', path: '/api/v1/notifications', allow: ['customer', 'agent', 'supervisor', 'admin'] },
  {
    route: 'POST /notifications/:id/read',
    method: 'post',
    path: '/api/v1/notifications/00000000-0000-4000-8000-000000000000/read',
    body: {},
    allow: ['customer', 'agent', 'supervisor', 'admin'],
  },
  {
    route: 'GET /views/:id/tickets (sla)',
    method: 'get',
    path: '/api/v1/views/sla-breached/tickets',
    allow: ['agent', 'supervisor', 'admin'],
  },
  { route: 'GET /views', method: 'get', path: '/api/v1/views', allow: ['agent', 'supervisor', 'admin'] },
  { route: 'GET /views/:id/tickets', method: 'get', path: '/api/v1/views/all-open/tickets', allow: ['agent', 'supervisor', 'admin'] },
  { route: 'POST /views', method: 'post', path: '/api/v1/views', body: {}, allow: ['agent', 'supervisor', 'admin'] },
  {
    route: 'PATCH /views/:id',
    method: 'patch',
    path: '/api/v1/views/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  { route: 'POST /channels', method: 'post', path: '/api/v1/channels', body: {}, allow: ['admin'] },
  { route: 'GET /channels', method: 'get', path: '/api/v1/channels', allow: ['admin'] },
  { route: 'GET /channels/:id', method: 'get', path: '/api/v1/channels/00000000-0000-4000-8000-000000000000', allow: ['admin'] },
  {
    route: 'PATCH /channels/:id',
    method: 'patch',
    path: '/api/v1/channels/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ['admin'],
  },
  { route: 'DELETE /channels/:id', method: 'delete', path: '/api/v1/channels/00000000-0000-4000-8000-000000000000', allow: ['admin'] },
  { route: 'POST /channels/email-sender-rules', method: 'post', path: '/api/v1/channels/email-sender-rules', body: {}, allow: ['admin'] },
  { route: 'GET /channels/email-sender-rules', method: 'get', path: '/api/v1/channels/email-sender-rules', allow: ['admin'] },
  {
    route: 'DELETE /channels/email-sender-rules/:id',
    method: 'delete',
    path: '/api/v1/channels/email-sender-rules/00000000-0000-4000-8000-000000000000',
    allow: ['admin'],
  },
  { route: 'POST /webhooks (subscriptions)', method: 'post', path: '/api/v1/webhooks', body: {}, allow: ['admin'] },
  { route: 'GET /webhooks', method: 'get', path: '/api/v1/webhooks', allow: ['admin'] },
  { route: 'GET /webhooks/:id', method: 'get', path: '/api/v1/webhooks/00000000-0000-4000-8000-000000000000', allow: ['admin'] },
  {
    route: 'PATCH /webhooks/:id',
    method: 'patch',
    path: '/api/v1/webhooks/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ['admin'],
  },
  { route: 'DELETE /webhooks/:id', method: 'delete', path: '/api/v1/webhooks/00000000-0000-4000-8000-000000000000', allow: ['admin'] },
  {
    route: 'GET /webhooks/:id/deliveries',
    method: 'get',
    path: '/api/v1/webhooks/00000000-0000-4000-8000-000000000000/deliveries',
    allow: ['admin'],
  },
  {
    route: 'POST /webhooks/:id/ping',
    method: 'post',
    path: '/api/v1/webhooks/00000000-0000-4000-8000-000000000000/ping',
    body: {},
    allow: ['admin'],
  },
  {
    route: 'POST /webhooks/deliveries/:deliveryId/replay',
    method: 'post',
    path: '/api/v1/webhooks/deliveries/00000000-0000-4000-8000-000000000000/replay',
    body: {},
    allow: ['admin'],
  },
  {
    route: 'POST /webhooks/chat/:channelId',
    method: 'post',
    path: '/webhooks/chat/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ROLES,
  },
  {
    route: 'POST /webhooks/twilio/:channelId/sms',
    method: 'post',
    path: '/webhooks/twilio/00000000-0000-4000-8000-000000000000/sms',
    body: {},
    allow: ROLES,
  },
  {
    route: 'POST /webhooks/twilio/:channelId/voice',
    method: 'post',
    path: '/webhooks/twilio/00000000-0000-4000-8000-000000000000/voice',
    body: {},
    allow: ROLES,
  },
  {
    route: 'POST /webhooks/cti/:channelId',
    method: 'post',
    path: '/webhooks/cti/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ROLES,
  },
  {
    route: 'GET /webhooks/cti/:channelId/lookup',
    method: 'get',
    path: '/webhooks/cti/00000000-0000-4000-8000-000000000000/lookup?number=600111222',
    allow: ROLES,
  },
  { route: 'GET /kb/search', method: 'get', path: '/api/v1/kb/search?q=impresora', allow: ROLES },
  { route: 'GET /kb/suggestions', method: 'get', path: '/api/v1/kb/suggestions?text=impresora', allow: ROLES },
  {
    route: 'POST /kb/suggestion-sessions/:sessionId/events',
    method: 'post',
    path: '/api/v1/kb/suggestion-sessions/00000000-0000-4000-8000-000000000000/events',
    body: { kind: 'ticket_created' },
    allow: ROLES,
  },
  { route: 'GET /kb/deflection', method: 'get', path: '/api/v1/kb/deflection', allow: ['supervisor', 'admin'] },
  { route: 'POST /webhooks/form', method: 'post', path: '/webhooks/form', body: {}, allow: ROLES },
  {
    route: 'POST /webhooks/form/:channelId',
    method: 'post',
    path: '/webhooks/form/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ROLES,
  },
  { route: 'POST /kb/articles', method: 'post', path: '/api/v1/kb/articles', body: {}, allow: ['agent', 'supervisor', 'admin'] },
  { route: 'GET /kb/articles', method: 'get', path: '/api/v1/kb/articles', allow: ROLES },
  { route: 'GET /kb/articles/:id', method: 'get', path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000', allow: ROLES },
  {
    route: 'PATCH /kb/articles/:id',
    method: 'patch',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'DELETE /kb/articles/:id',
    method: 'delete',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000',
    allow: ['supervisor', 'admin'],
  },
  {
    route: 'POST /kb/articles/:id/publish',
    method: 'post',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/publish',
    body: {},
    allow: ['supervisor', 'admin'],
  },
  {
    route: 'POST /kb/articles/:id/unpublish',
    method: 'post',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/unpublish',
    body: {},
    allow: ['supervisor', 'admin'],
  },
  {
    route: 'POST /kb/articles/:id/archive',
    method: 'post',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/archive',
    body: {},
    allow: ['supervisor', 'admin'],
  },
  {
    route: 'GET /kb/articles/:id/revisions',
    method: 'get',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/revisions',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'GET /kb/articles/:id/revisions/diff',
    method: 'get',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/revisions/diff?from=1&to=2',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'GET /kb/articles/:id/revisions/:revision',
    method: 'get',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/revisions/1',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /kb/articles/:id/revisions/:revision/restore',
    method: 'post',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/revisions/1/restore',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  { route: 'POST /kb/categories', method: 'post', path: '/api/v1/kb/categories', body: {}, allow: ['supervisor', 'admin'] },
  { route: 'GET /kb/categories', method: 'get', path: '/api/v1/kb/categories', allow: ROLES },
  { route: 'GET /kb/categories/:id', method: 'get', path: '/api/v1/kb/categories/00000000-0000-4000-8000-000000000000', allow: ROLES },
  {
    route: 'PATCH /kb/categories/:id',
    method: 'patch',
    path: '/api/v1/kb/categories/00000000-0000-4000-8000-000000000000',
    body: {},
    allow: ['supervisor', 'admin'],
  },
  {
    route: 'DELETE /kb/categories/:id',
    method: 'delete',
    path: '/api/v1/kb/categories/00000000-0000-4000-8000-000000000000',
    allow: ['supervisor', 'admin'],
  },
  // Knowledge base: links to tickets, knowledge capture, feedback and the review queue
  {
    route: 'POST /kb/articles/:id/ticket-links',
    method: 'post',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/ticket-links',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'DELETE /kb/articles/:id/ticket-links/:ticketId',
    method: 'delete',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/ticket-links/HD-999999',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'GET /kb/ticket-links',
    method: 'get',
    path: '/api/v1/kb/ticket-links?ticketId=HD-999999',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'GET /kb/articles/:id/ticket-links',
    method: 'get',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/ticket-links',
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /kb/articles/from-ticket/:ticketId',
    method: 'post',
    path: '/api/v1/kb/articles/from-ticket/HD-999999',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  { route: 'GET /kb/capture-proposals', method: 'get', path: '/api/v1/kb/capture-proposals', allow: ['agent', 'supervisor', 'admin'] },
  {
    route: 'POST /kb/capture-proposals/:ticketId/dismiss',
    method: 'post',
    path: '/api/v1/kb/capture-proposals/HD-999999/dismiss',
    body: {},
    allow: ['agent', 'supervisor', 'admin'],
  },
  {
    route: 'POST /kb/articles/:id/feedback',
    method: 'post',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/feedback',
    body: { helpful: true },
    allow: ROLES,
  },
  {
    route: 'GET /kb/articles/:id/feedback',
    method: 'get',
    path: '/api/v1/kb/articles/00000000-0000-4000-8000-000000000000/feedback',
    allow: ['agent', 'supervisor', 'admin'],
  },
  { route: 'GET /kb/review-queue', method: 'get', path: '/api/v1/kb/review-queue', allow: ['agent', 'supervisor', 'admin'] },
];

/**
 * What an API key with `reports:read` reaches: the routes its scope opens, and the @Public() ones
 * (which look at no credential). Everything else, the optional-auth knowledge base included, is 403.
 */
const OPEN_TO_REPORTS_KEY = (route: string, path: string): boolean =>
  route === 'GET /reports/summary' ||
  route.startsWith('GET /reports/export/') ||
  route.startsWith('GET /odata') ||
  route === 'POST /auth/login' ||
  route === 'POST /csat/:token' ||
  path.startsWith('/webhooks/');

describe('Access control', () => {
  let target: Target;
  const tokens: Partial<Record<Role, string>> = {};
  let admin: string;
  let reportsKey: string;

  beforeAll(async () => {
    target = await startTarget();
    admin = await login(target);
    tokens.admin = admin;
    for (const role of ['customer', 'agent', 'supervisor'] as const) tokens[role] = (await userWithRole(target, admin, role)).token;
    const key = await request(target.url)
      .post('/api/v1/api-keys')
      .set(bearer(admin))
      .send({ name: 'access matrix', scopes: ['reports:read'] });
    reportsKey = key.body.secret as string;
  });

  afterAll(async () => {
    await target?.close();
  });

  const api = () => request(target.url);

  describe.each(MATRIX)('$route', ({ method, path, body, allow }) => {
    it.each(ROLES)('as %s', async (role) => {
      let req = api()[method](path);
      if (role !== 'anonymous') req = req.set(bearer(tokens[role] as string));
      const res = await (body ? req.send(body) : req);
      if (allow.includes(role)) {
        expect([401, 403]).not.toContain(res.status);
      } else if (role === 'anonymous') {
        expect(res.status).toBe(401);
      } else {
        expect(res.status).toBe(403);
      }
    });
  });

  describe.each(MATRIX)('$route with a reports:read API key', ({ route, method, path, body }) => {
    it(OPEN_TO_REPORTS_KEY(route, path) ? 'lets it in' : 'answers 403', async () => {
      const req = api()[method](path).set('X-API-Key', reportsKey);
      const res = await (body ? req.send(body) : req);
      if (OPEN_TO_REPORTS_KEY(route, path)) expect([401, 403]).not.toContain(res.status);
      else expectProblem(res, 403, 'FORBIDDEN');
    });
  });

  describe('which tickets staff see', () => {
    it('agents and supervisors see their teams’ tickets, the general queue and what they are assigned or follow; admins everything', async () => {
      const a1 = await userWithRole(target, admin, 'agent');
      const a2 = await userWithRole(target, admin, 'agent');
      const boss = await userWithRole(target, admin, 'supervisor');
      const run = Date.now().toString(36);
      const teamA = (
        await api()
          .post('/api/v1/teams')
          .set(bearer(admin))
          .send({ name: `A ${run}`, tier: 1, memberIds: [a1.id], supervisorId: boss.id })
          .expect(201)
      ).body;
      const teamB = (
        await api()
          .post('/api/v1/teams')
          .set(bearer(admin))
          .send({ name: `B ${run}`, tier: 1, memberIds: [a2.id] })
          .expect(201)
      ).body;
      const open = async (teamId?: string) =>
        (await api().post('/api/v1/tickets').set(bearer(admin)).send({ subject: run, description: 'x', teamId }).expect(201)).body;
      const inA = await open(teamA.id);
      const inB = await open(teamB.id);
      const queue = await open();

      const sees = async (token: string) =>
        (await api().get('/api/v1/tickets').query({ limit: 100 }).set(bearer(token))).body.data
          .map((t: { id: string }) => t.id)
          .filter((id: string) => [inA.id, inB.id, queue.id].includes(id));
      expect((await sees(a1.token)).sort()).toEqual([inA.id, queue.id].sort());
      expect((await sees(a2.token)).sort()).toEqual([inB.id, queue.id].sort());
      expect((await sees(boss.token)).sort()).toEqual([inA.id, queue.id].sort());
      expect((await sees(admin)).sort()).toEqual([inA.id, inB.id, queue.id].sort());

      expectProblem(await api().get(`/api/v1/tickets/${inB.id}`).set(bearer(a1.token)), 404, 'NOT_FOUND');
      expectProblem(await api().patch(`/api/v1/tickets/${inB.id}`).set(bearer(a1.token)).send({ priority: 'high' }), 404, 'NOT_FOUND');
      expectProblem(await api().get(`/api/v1/tickets/${inB.id}/comments`).set(bearer(a1.token)), 404, 'NOT_FOUND');

      await api().patch(`/api/v1/tickets/${inB.id}`).set(bearer(admin)).send({ assigneeId: a1.id }).expect(200);
      expect((await api().get(`/api/v1/tickets/${inB.id}`).set(bearer(a1.token))).status).toBe(200);
    });
  });
});
