import request from 'supertest';
import { bearer, expectProblem, login, userWithRole } from '../support/api';
import { startTarget, Target } from '../support/target';

describe('Customer satisfaction surveys', () => {
  let target: Target;
  let admin: string;

  beforeAll(async () => {
    target = await startTarget({ CSAT_SURVEY_TTL_SECONDS: '3' });
    admin = await login(target);
  });

  afterAll(async () => {
    await target?.close();
  });

  const api = () => request(target.url);
  const solvedTicketOf = async (customerToken: string) => {
    const t = (await api().post('/api/v1/tickets').set(bearer(customerToken)).send({ subject: 's', description: 'd' }).expect(201)).body;
    await api().patch(`/api/v1/tickets/${t.id}`).set(bearer(admin)).send({ status: 'solved' }).expect(200);
    return t;
  };
  const surveyToken = async (customerToken: string, ticketId: string) => {
    const survey = await api().get(`/api/v1/tickets/${ticketId}/csat`).set(bearer(customerToken));
    expect(survey.body.state).toBe('pending');
    return survey.body.token as string;
  };

  it('issues a survey when a ticket is solved; the requester answers it once and the rating shows on the ticket', async () => {
    const customer = await userWithRole(target, admin, 'customer');
    const t = await solvedTicketOf(customer.token);
    const token = await surveyToken(customer.token, t.id);
    const staffView = await api().get(`/api/v1/tickets/${t.id}/csat`).set(bearer(admin));
    expect(staffView.body).toMatchObject({ state: 'pending' });
    expect(staffView.body).not.toHaveProperty('token');

    const answer = await api().post(`/api/v1/csat/${token}`).send({ rating: 'good', comment: 'Muy rápido' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ rating: 'good', comment: 'Muy rápido' });
    const ticket = (await api().get(`/api/v1/tickets/${t.id}`).set(bearer(admin))).body;
    expect(ticket.satisfaction).toMatchObject({ rating: 'good', comment: 'Muy rápido' });
    const history = (await api().get(`/api/v1/tickets/${t.id}/history`).set(bearer(admin))).body;
    expect(history[history.length - 1]).toMatchObject({ action: 'rated', actor: { email: customer.email } });

    expectProblem(await api().post(`/api/v1/csat/${token}`).send({ rating: 'bad' }), 409, 'SURVEY_ALREADY_ANSWERED');
    expect((await api().get(`/api/v1/tickets/${t.id}/csat`).set(bearer(customer.token))).body.state).toBe('rated');
  });

  it('refuses unknown or malformed tokens (404) and bad ratings (400)', async () => {
    expectProblem(await api().post('/api/v1/csat/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').send({ rating: 'good' }), 404, 'NOT_FOUND');
    expectProblem(await api().post('/api/v1/csat/short').send({ rating: 'good' }), 404, 'NOT_FOUND');
    const customer = await userWithRole(target, admin, 'customer');
    const t = await solvedTicketOf(customer.token);
    const token = await surveyToken(customer.token, t.id);
    expectProblem(await api().post(`/api/v1/csat/${token}`).send({ rating: 'meh' }), 400, 'VALIDATION_FAILED');
  });

  it('refuses an expired survey (422), and a new solve replaces an unanswered survey', async () => {
    const customer = await userWithRole(target, admin, 'customer');
    const t = await solvedTicketOf(customer.token);
    const first = await surveyToken(customer.token, t.id);
    await api().post(`/api/v1/tickets/${t.id}/comments`).set(bearer(customer.token)).send({ body: 'Vuelve a fallar' }).expect(201);
    await api().patch(`/api/v1/tickets/${t.id}`).set(bearer(admin)).send({ status: 'solved' }).expect(200);
    const second = await surveyToken(customer.token, t.id);
    expect(second).not.toBe(first);
    expectProblem(await api().post(`/api/v1/csat/${first}`).send({ rating: 'good' }), 422, 'SURVEY_EXPIRED');

    await new Promise((resolve) => setTimeout(resolve, 3500));
    expectProblem(await api().post(`/api/v1/csat/${second}`).send({ rating: 'good' }), 422, 'SURVEY_EXPIRED');
    expect((await api().get(`/api/v1/tickets/${t.id}/csat`).set(bearer(customer.token))).body).toMatchObject({ state: 'expired' });
  });
});
