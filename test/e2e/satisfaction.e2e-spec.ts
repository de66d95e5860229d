import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

describe('Customer satisfaction surveys', () => {
  const suite = useSuite({ CSAT_SURVEY_TTL_SECONDS: '3' });

  const solvedTicketOf = async (customerToken: string) => {
    const t = (await suite.api().post('/api/v1/tickets').set(bearer(customerToken)).send({ subject: 's', description: 'd' }).expect(201))
      .body;
    await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
    return t;
  };
  const surveyToken = async (customerToken: string, ticketId: string) => {
    const survey = await suite.api().get(`/api/v1/tickets/${ticketId}/csat`).set(bearer(customerToken));
    expect(survey.body.state).toBe('pending');
    return survey.body.token as string;
  };

  it('issues a survey when a ticket is solved; the requester answers it once and the rating shows on the ticket', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const t = await solvedTicketOf(customer.token);
    const token = await surveyToken(customer.token, t.id);
    const staffView = await suite.api().get(`/api/v1/tickets/${t.id}/csat`).set(bearer(suite.admin));
    expect(staffView.body).toMatchObject({ state: 'pending' });
    expect(staffView.body).not.toHaveProperty('token');

    const answer = await suite.api().post(`/api/v1/csat/${token}`).send({ rating: 'good', comment: 'Muy rápido' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ rating: 'good', comment: 'Muy rápido' });
    const ticket = (await suite.api().get(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin))).body;
    expect(ticket.satisfaction).toMatchObject({ rating: 'good', comment: 'Muy rápido' });
    const history = (await suite.api().get(`/api/v1/tickets/${t.id}/history`).set(bearer(suite.admin))).body;
    expect(history[history.length - 1]).toMatchObject({ action: 'rated', actor: { email: customer.email } });

    expectProblem(await suite.api().post(`/api/v1/csat/${token}`).send({ rating: 'bad' }), 409, 'SURVEY_ALREADY_ANSWERED');
    expect((await suite.api().get(`/api/v1/tickets/${t.id}/csat`).set(bearer(customer.token))).body.state).toBe('rated');
  });

  it('refuses unknown or malformed tokens (404) and bad ratings (400)', async () => {
    expectProblem(await suite.api().post('/api/v1/csat/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').send({ rating: 'good' }), 404, 'NOT_FOUND');
    expectProblem(await suite.api().post('/api/v1/csat/short').send({ rating: 'good' }), 404, 'NOT_FOUND');
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const t = await solvedTicketOf(customer.token);
    const token = await surveyToken(customer.token, t.id);
    expectProblem(await suite.api().post(`/api/v1/csat/${token}`).send({ rating: 'meh' }), 400, 'VALIDATION_FAILED');
  });

  it('refuses an expired survey (422), and a new solve replaces an unanswered survey', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const t = await solvedTicketOf(customer.token);
    const first = await surveyToken(customer.token, t.id);
    await suite.api().post(`/api/v1/tickets/${t.id}/comments`).set(bearer(customer.token)).send({ body: 'Vuelve a fallar' }).expect(201);
    await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
    const second = await surveyToken(customer.token, t.id);
    expect(second).not.toBe(first);
    expectProblem(await suite.api().post(`/api/v1/csat/${first}`).send({ rating: 'good' }), 422, 'SURVEY_EXPIRED');

    await new Promise((resolve) => setTimeout(resolve, 3500));
    expectProblem(await suite.api().post(`/api/v1/csat/${second}`).send({ rating: 'good' }), 422, 'SURVEY_EXPIRED');
    expect((await suite.api().get(`/api/v1/tickets/${t.id}/csat`).set(bearer(customer.token))).body).toMatchObject({ state: 'expired' });
  });
});
