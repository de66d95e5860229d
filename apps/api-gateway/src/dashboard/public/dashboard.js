// The managers' dashboard: plain ES module, no build step. Data comes from GET /api/v1/reports/summary
// with the reader's bearer token; charts are drawn by Chart.js (served at /dashboard/vendor/chart.umd.js).
// Served with a strict Content-Security-Policy: no inline script or style anywhere on the page.

const TOKEN_KEY = 'helpdesk.dashboard.token';
const LANG_KEY = 'helpdesk.dashboard.lang';
const CHARTS = ['backlog', 'createdSolved', 'sla', 'times', 'channels', 'csat'];

const TEXT = {
  en: {
    title: 'Helpdesk dashboard',
    otherLanguage: 'Español',
    signOut: 'Sign out',
    signInTitle: 'Sign in',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    period: 'Period',
    last30: 'Last 30 days',
    last90: 'Last 90 days',
    last365: 'Last 365 days',
    grouping: 'Group by',
    day: 'Day',
    week: 'Week',
    month: 'Month',
    businessHours: 'Business hours',
    range: (from, to, timeZone) => `From ${from} to ${to} (days in ${timeZone})`,
    kpiCreated: 'Created',
    kpiSolved: 'Solved',
    kpiBacklog: 'Backlog (end of period)',
    kpiSla: 'SLA compliance',
    kpiFirstResponse: 'First response (median)',
    kpiResolution: 'Resolution (median)',
    kpiCsat: 'Satisfaction (CSAT)',
    csatVotes: (good, bad) => `${good} good · ${bad} bad`,
    chartBacklog: 'Backlog trend',
    chartCreatedSolved: 'Created vs solved',
    chartSla: 'SLA compliance by target',
    chartTimes: 'First response and resolution times',
    chartChannels: 'Volume by channel',
    chartCsat: 'Customer satisfaction (CSAT)',
    noData: 'No data for this period',
    backlog: 'Open tickets',
    created: 'Created',
    solved: 'Solved',
    compliance: 'Compliance %',
    frMedian: 'First response, median',
    frP90: 'First response, p90',
    resMedian: 'Resolution, median',
    resP90: 'Resolution, p90',
    minutes: (unit) => `Minutes (${unit})`,
    calendar: 'calendar',
    business: 'business hours',
    tickets: 'Tickets',
    csatPercent: 'Good ratings %',
    targets: { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' },
    channels: { web: 'Web', email: 'Email', chat: 'Chat', phone: 'Phone', sms: 'SMS', api: 'API', form: 'Web form', none: 'None' },
    loading: 'Loading reports…',
    signingIn: 'Signing in…',
    unauthorized: 'Your session has ended. Please sign in again.',
    badLogin: 'Email or password is wrong.',
    forbidden: 'Reports are for supervisors and admins. Sign in with a supervisor or admin account.',
    tooMany: 'Too many attempts: wait a minute and try again.',
    failed: (status) => `The reports could not be loaded (${status}). Try again in a moment.`,
    chartLabel: (title, points) => `${title}: chart with ${points} data points; the table below lists them.`,
    weekOf: (day) => `Week of ${day}`,
  },
  es: {
    title: 'Panel de la mesa de ayuda',
    otherLanguage: 'English',
    signOut: 'Cerrar sesión',
    signInTitle: 'Iniciar sesión',
    email: 'Correo electrónico',
    password: 'Contraseña',
    signIn: 'Entrar',
    period: 'Periodo',
    last30: 'Últimos 30 días',
    last90: 'Últimos 90 días',
    last365: 'Últimos 365 días',
    grouping: 'Agrupar por',
    day: 'Día',
    week: 'Semana',
    month: 'Mes',
    businessHours: 'Horario laboral',
    range: (from, to, timeZone) => `Del ${from} al ${to} (días en ${timeZone})`,
    kpiCreated: 'Creados',
    kpiSolved: 'Resueltos',
    kpiBacklog: 'Pendientes (al cierre)',
    kpiSla: 'Cumplimiento de SLA',
    kpiFirstResponse: 'Primera respuesta (mediana)',
    kpiResolution: 'Resolución (mediana)',
    kpiCsat: 'Satisfacción (CSAT)',
    csatVotes: (good, bad) => `${good} buenas · ${bad} malas`,
    chartBacklog: 'Evolución de pendientes',
    chartCreatedSolved: 'Creados frente a resueltos',
    chartSla: 'Cumplimiento de SLA por objetivo',
    chartTimes: 'Tiempos de primera respuesta y de resolución',
    chartChannels: 'Volumen por canal',
    chartCsat: 'Satisfacción del cliente (CSAT)',
    noData: 'Sin datos en este periodo',
    backlog: 'Tickets abiertos',
    created: 'Creados',
    solved: 'Resueltos',
    compliance: '% de cumplimiento',
    frMedian: 'Primera respuesta, mediana',
    frP90: 'Primera respuesta, p90',
    resMedian: 'Resolución, mediana',
    resP90: 'Resolución, p90',
    minutes: (unit) => `Minutos (${unit})`,
    calendar: 'naturales',
    business: 'horario laboral',
    tickets: 'Tickets',
    csatPercent: '% de valoraciones buenas',
    targets: { first_response: 'Primera respuesta', next_response: 'Siguiente respuesta', resolution: 'Resolución' },
    channels: { web: 'Web', email: 'Correo', chat: 'Chat', phone: 'Teléfono', sms: 'SMS', api: 'API', form: 'Formulario', none: 'Ninguno' },
    loading: 'Cargando informes…',
    signingIn: 'Iniciando sesión…',
    unauthorized: 'La sesión ha terminado. Vuelve a iniciar sesión.',
    badLogin: 'El correo o la contraseña no son correctos.',
    forbidden: 'Los informes son para supervisores y administradores. Entra con una cuenta de supervisor o administrador.',
    tooMany: 'Demasiados intentos: espera un minuto y vuelve a probar.',
    failed: (status) => `No se pudieron cargar los informes (${status}). Inténtalo de nuevo en un momento.`,
    chartLabel: (title, points) => `${title}: gráfico con ${points} puntos de datos; la tabla siguiente los enumera.`,
    weekOf: (day) => `Semana del ${day}`,
  },
};

// Colours with at least 3:1 contrast on white (WCAG non-text contrast), told apart by shape and dash too.
const COLORS = ['#0b5cad', '#c2410c', '#2e7d32', '#7b1fa2', '#a16207', '#0e7490', '#be185d'];

/** What a test (or a kiosk monitor) can read: how far the page got and how many points each chart drew. */
const state = {
  status: 'starting',
  lang: 'en',
  error: null,
  charts: Object.fromEntries(CHARTS.map((name) => [name, 0])),
};
window.dashboardState = state;

const $ = (selector) => document.querySelector(selector);
const charts = new Map();
let lastData = null;

class HttpError extends Error {
  constructor(status, code) {
    super(`HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

const t = (key) => TEXT[state.lang][key];

function pickLanguage(fragment) {
  const asked = fragment.get('lang') ?? localStorage.getItem(LANG_KEY) ?? navigator.language ?? 'en';
  return asked.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  const toggle = $('#lang-toggle');
  toggle.textContent = t('otherLanguage');
  toggle.lang = state.lang === 'es' ? 'en' : 'es';
}

function setStatus(text) {
  $('#status').textContent = text ?? '';
}

function showError(kind, text) {
  state.error = kind;
  const box = $('#error');
  box.dataset.error = kind ?? '';
  box.textContent = text ?? '';
  box.hidden = !text;
}

function show(view) {
  $('#signin').hidden = view !== 'signin';
  $('#dashboard').hidden = view !== 'dashboard';
  $('#sign-out').hidden = view !== 'dashboard' && state.error !== 'forbidden';
}

// ---- data ----

const token = () => sessionStorage.getItem(TOKEN_KEY);

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json', Authorization: `Bearer ${token()}` } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new HttpError(response.status, body?.code);
  return body;
}

/** The period as the API wants it: `from` inclusive, `to` exclusive (tomorrow, so today is in). */
function periodOf(days) {
  const now = new Date();
  const tomorrow = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate() + 1));
  const from = new Date(tomorrow.getTime() - days * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: tomorrow.toISOString().slice(0, 10) };
}

function summaryPath(period, groupBy) {
  const query = new URLSearchParams({ from: period.from, to: period.to, groupBy });
  return `/api/v1/reports/summary?${query}`;
}

// ---- formatting ----

const locale = () => (state.lang === 'es' ? 'es-ES' : 'en-GB');
const number = (value) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(value);
const percent = (value) => (value === null || value === undefined ? '–' : `${number(value)} %`);

function duration(minutes) {
  if (minutes === null || minutes === undefined) return '–';
  if (minutes < 60) return `${number(minutes)} min`;
  if (minutes < 48 * 60) return `${number(Math.floor(minutes / 60))} h ${number(Math.round(minutes % 60))} min`;
  return `${number(Math.floor(minutes / 1440))} d ${number(Math.round((minutes % 1440) / 60))} h`;
}

function dayLabel(key, grouping) {
  const date = new Date(`${key}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return key;
  if (grouping === 'month') return new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
  const day = new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
  return grouping === 'week' ? TEXT[state.lang].weekOf(day) : day;
}

function overallCompliance(sla) {
  const met = sla.reduce((sum, s) => sum + s.met, 0);
  const breached = sla.reduce((sum, s) => sum + s.breached, 0);
  return met + breached === 0 ? null : (met * 100) / (met + breached);
}

// ---- charts ----

/** Marks each canvas with the number of points it actually drew (data-points), after every draw. */
const drawnMarker = {
  id: 'drawnMarker',
  afterDraw(chart) {
    let points = 0;
    chart.data.datasets.forEach((dataset, i) => {
      if (!chart.isDatasetVisible(i)) return;
      const meta = chart.getDatasetMeta(i);
      points += meta.data.filter((element, j) => !element.skip && dataset.data[j] !== null && dataset.data[j] !== undefined).length;
    });
    const name = chart.canvas.id.replace(/^chart-/, '');
    chart.canvas.dataset.points = String(points);
    state.charts[name] = points;
  },
};

function baseOptions(yTitle, counts = false) {
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: reduceMotion ? false : { duration: 400 },
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
    scales: {
      x: { ticks: { autoSkip: true, maxRotation: 0 } },
      y: { beginAtZero: true, ticks: { precision: counts ? 0 : undefined }, title: { display: Boolean(yTitle), text: yTitle ?? '' } },
    },
  };
}

const line = (label, data, color, extra = {}) => ({
  label,
  data,
  borderColor: color,
  backgroundColor: color,
  pointRadius: 3,
  spanGaps: true,
  tension: 0.2,
  ...extra,
});
const bar = (label, data, color) => ({ label, data, backgroundColor: color, borderColor: color });

/** One Chart.js configuration per chart, from the time-grouped and the channel-grouped summaries. */
function chartConfigs(byTime, byChannel, grouping, business) {
  const T = TEXT[state.lang];
  const labels = byTime.groups.map((g) => dayLabel(g.key, grouping));
  const clock = business ? 'business' : 'calendar';
  const sla = byTime.total.sla.filter((s) => s.met + s.breached > 0);
  const channels = byChannel.groups.filter((g) => g.ticketsCreated > 0);
  const csatLabel = `${T.csatPercent} (${T.csatVotes(byTime.total.csat.good, byTime.total.csat.bad)})`;
  return {
    backlog: {
      type: 'line',
      data: {
        labels,
        datasets: [
          line(
            T.backlog,
            byTime.groups.map((g) => g.backlog),
            COLORS[0],
            { fill: false },
          ),
        ],
      },
      options: baseOptions(T.tickets, true),
    },
    createdSolved: {
      type: 'bar',
      data: {
        labels,
        datasets: [
          bar(
            T.created,
            byTime.groups.map((g) => g.ticketsCreated),
            COLORS[0],
          ),
          bar(
            T.solved,
            byTime.groups.map((g) => g.ticketsSolved),
            COLORS[2],
          ),
        ],
      },
      options: baseOptions(T.tickets, true),
    },
    sla: {
      type: 'bar',
      data: {
        labels: sla.map((s) => T.targets[s.target] ?? s.target),
        datasets: [
          bar(
            T.compliance,
            sla.map((s) => s.compliancePercent),
            COLORS[0],
          ),
        ],
      },
      options: (() => {
        const options = baseOptions('%');
        options.scales.y.max = 100;
        options.plugins.legend.display = false;
        options.plugins.tooltip = {
          callbacks: { afterLabel: (item) => `${sla[item.dataIndex].met} / ${sla[item.dataIndex].met + sla[item.dataIndex].breached}` },
        };
        return options;
      })(),
    },
    times: {
      type: 'line',
      data: {
        labels,
        datasets: [
          line(
            T.frMedian,
            byTime.groups.map((g) => g.firstResponseTime[clock].median),
            COLORS[0],
          ),
          line(
            T.frP90,
            byTime.groups.map((g) => g.firstResponseTime[clock].p90),
            COLORS[0],
            { borderDash: [6, 4], pointStyle: 'triangle' },
          ),
          line(
            T.resMedian,
            byTime.groups.map((g) => g.resolutionTime[clock].median),
            COLORS[1],
            { pointStyle: 'rect' },
          ),
          line(
            T.resP90,
            byTime.groups.map((g) => g.resolutionTime[clock].p90),
            COLORS[1],
            { borderDash: [6, 4], pointStyle: 'rectRot' },
          ),
        ],
      },
      options: (() => {
        const options = baseOptions(T.minutes(business ? T.business : T.calendar));
        options.plugins.tooltip = { callbacks: { label: (item) => `${item.dataset.label}: ${duration(item.parsed.y)}` } };
        return options;
      })(),
    },
    channels: {
      type: 'doughnut',
      data: {
        labels: channels.map((g) => T.channels[g.key ?? 'none'] ?? g.key),
        datasets: [
          {
            label: T.created,
            data: channels.map((g) => g.ticketsCreated),
            backgroundColor: channels.map((_, i) => COLORS[i % COLORS.length]),
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: baseOptions().animation,
        plugins: { legend: { position: 'bottom' } },
      },
    },
    csat: {
      type: 'line',
      data: {
        labels,
        datasets: [
          line(
            csatLabel,
            byTime.groups.map((g) => g.csat.percent),
            COLORS[2],
          ),
        ],
      },
      options: (() => {
        const options = baseOptions('%');
        options.scales.y.max = 100;
        return options;
      })(),
    },
  };
}

/** A table of what a chart shows, for screen readers (the canvas itself is only a picture). */
function describe(canvas, title, config) {
  const figure = canvas.closest('figure');
  figure.querySelector('.chart-table')?.remove();
  // In a clipped box: a table keeps its own width, which would widen the page.
  const box = document.createElement('div');
  box.className = 'chart-table sr-only';
  const table = box.appendChild(document.createElement('table'));
  const caption = table.createCaption();
  caption.textContent = title;
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement('th'));
  for (const dataset of config.data.datasets) head.appendChild(document.createElement('th')).textContent = dataset.label;
  const body = table.createTBody();
  config.data.labels.forEach((label, i) => {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    row.appendChild(th);
    for (const dataset of config.data.datasets) row.insertCell().textContent = dataset.data[i] === null ? '–' : number(dataset.data[i]);
  });
  figure.appendChild(box);
}

function renderCharts() {
  if (!lastData) return;
  const { byTime, byChannel, grouping } = lastData;
  const business = $('#business').checked;
  const configs = chartConfigs(byTime, byChannel, grouping, business);
  const titles = {
    backlog: t('chartBacklog'),
    createdSolved: t('chartCreatedSolved'),
    sla: t('chartSla'),
    times: t('chartTimes'),
    channels: t('chartChannels'),
    csat: t('chartCsat'),
  };
  for (const name of CHARTS) {
    charts.get(name)?.destroy();
    const canvas = $(`#chart-${name}`);
    const config = configs[name];
    config.plugins = [drawnMarker];
    const values = config.data.datasets.flatMap((d) => d.data).filter((v) => v !== null && v !== undefined);
    $(`[data-empty="${name}"]`).hidden = values.length > 0;
    canvas.setAttribute('aria-label', t('chartLabel')(titles[name], values.length));
    describe(canvas, titles[name], config);
    charts.set(name, new window.Chart(canvas, config));
  }
}

function renderKpis() {
  const { byTime } = lastData;
  const total = byTime.total;
  const clock = $('#business').checked ? 'business' : 'calendar';
  const set = (name, text) => {
    $(`[data-kpi="${name}"]`).textContent = text;
  };
  set('created', number(total.ticketsCreated));
  set('solved', number(total.ticketsSolved));
  set('backlog', number(total.backlog));
  set('sla', percent(overallCompliance(total.sla)));
  set('firstResponse', duration(total.firstResponseTime[clock].median));
  set('resolution', duration(total.resolutionTime[clock].median));
  set('csat', percent(total.csat.percent));
  set('csatVotes', t('csatVotes')(total.csat.good, total.csat.bad));
  const dates = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' });
  const lastDay = new Date(new Date(`${byTime.to}T00:00:00Z`).getTime() - 86_400_000);
  $('#range').textContent = t('range')(dates.format(new Date(`${byTime.from}T00:00:00Z`)), dates.format(lastDay), byTime.timeZone);
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

async function render() {
  renderKpis();
  renderCharts();
  // Two frames: Chart.js has drawn each chart at least once (the data-points markers are set).
  await nextFrame();
  await nextFrame();
}

// ---- flow ----

function handleFailure(error) {
  state.status = 'error';
  setStatus('');
  if (error instanceof HttpError && error.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.status = 'signin';
    show('signin');
    showError('unauthorized', t('unauthorized'));
  } else if (error instanceof HttpError && error.status === 403) {
    state.status = 'forbidden';
    showError('forbidden', t('forbidden'));
    show('signin');
  } else {
    showError('failed', t('failed')(error instanceof HttpError ? error.status : error.message));
  }
}

async function load() {
  if (!token()) {
    state.status = 'signin';
    show('signin');
    return;
  }
  state.status = 'loading';
  setStatus(t('loading'));
  const grouping = $('#grouping').value;
  const period = periodOf(Number($('#period').value));
  try {
    const [byTime, byChannel] = await Promise.all([getJson(summaryPath(period, grouping)), getJson(summaryPath(period, 'channel'))]);
    lastData = { byTime, byChannel, grouping };
    showError(null, null);
    show('dashboard');
    setStatus('');
    await render();
    state.status = 'ready';
  } catch (error) {
    handleFailure(error);
  }
}

async function signIn(event) {
  event.preventDefault();
  setStatus(t('signingIn'));
  const form = event.target;
  try {
    const response = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email: form.email.value, password: form.password.value }),
    });
    setStatus('');
    if (response.status === 401 || response.status === 400) return showError('badLogin', t('badLogin'));
    if (response.status === 429) return showError('tooMany', t('tooMany'));
    if (!response.ok) return showError('failed', t('failed')(response.status));
    const { accessToken } = await response.json();
    sessionStorage.setItem(TOKEN_KEY, accessToken);
    form.password.value = '';
    showError(null, null);
    await load();
  } catch (error) {
    handleFailure(error);
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  charts.forEach((chart) => chart.destroy());
  charts.clear();
  lastData = null;
  showError(null, null);
  state.status = 'signin';
  show('signin');
}

function start() {
  // A token in the fragment (/dashboard#token=...) signs in kiosk screens and tests; it leaves the address bar at once.
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  state.lang = pickLanguage(fragment);
  state.status = 'starting';
  applyLanguage();

  if (!window.Chart) {
    showError('failed', t('failed')('chart.js'));
    return;
  }
  $('#signin-form').addEventListener('submit', (event) => void signIn(event));
  $('#sign-out').addEventListener('click', signOut);
  $('#lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'es' ? 'en' : 'es';
    localStorage.setItem(LANG_KEY, state.lang);
    applyLanguage();
    if (state.error) showError(state.error, typeof t(state.error) === 'function' ? $('#error').textContent : t(state.error));
    if (lastData) void render();
  });
  $('#period').addEventListener('change', () => {
    const days = Number($('#period').value);
    $('#grouping').value = days <= 30 ? 'day' : days <= 90 ? 'week' : 'month';
    void load();
  });
  $('#grouping').addEventListener('change', () => void load());
  $('#business').addEventListener('change', () => void render());
  void load();
}

start();
