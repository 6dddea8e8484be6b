// The device detail page: one chart per metric for the devices named in the URL
// (dashboard.html?devices=press-0001,press-0002&window=5), filled from the history API, then live
// at one point a second over a conflated subscription. Bookmarkable: the URL is the state. Its
// words, numbers and chart times follow the page's language, switched in place.
import { TelemetryClient, telemetryUrl } from './websocket.js';
import { authorizedFetch, renewTokenOnRefusal, token } from './auth.js';
import { MetricChart } from './charts.js';
import { ConnectionIndicator } from './connection-status.js';
import { initTheme } from './theme.js';
import { initLanguage, language, messages, t } from './i18n.js';

const WINDOWS = [1, 5, 15];
const params = new URLSearchParams(window.location.search);
const deviceIds = (params.get('devices') ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter((s) => /^[A-Za-z0-9._:-]{1,64}$/.test(s))
  .slice(0, 6);
let windowMin = WINDOWS.includes(Number(params.get('window'))) ? Number(params.get('window')) : 5;
let paused = false;
const charts = new Map();
// metric -> { caption, unit }: the latest values as text, for people and screen readers alike.
const captions = new Map();

const title = document.querySelector('#devices-title');
const grid = document.querySelector('#charts');
const pause = document.querySelector('#pause');
const windowSelect = document.querySelector('#window');
// What the title says until the charts are built: a key, so a language switch rewords it too.
let titleKey = 'detail.loading';
await initLanguage(document.querySelector('#lang'));
initTheme(document.querySelector('#theme'));

function json(url) {
  return authorizedFetch(url, { headers: { Accept: 'application/json' } }).then((r) => (r.ok ? r.json() : Promise.reject(r.status)));
}

async function loadHistory(metric, chart) {
  const to = Date.now();
  const from = to - windowMin * 60_000;
  const step = windowMin >= 15 ? 5 : 1;
  await Promise.all(
    deviceIds.map(async (id, i) => {
      try {
        const h = await json(`api/devices/${encodeURIComponent(id)}/history?metric=${encodeURIComponent(metric)}&from=${from}&to=${to}&step=${step}`);
        chart.fill(i, h.points.map((p) => ({ x: p.t + step * 500, y: p.last })));
      } catch (e) {
        chart.fill(i, []);
      }
    }),
  );
}

async function build() {
  if (deviceIds.length === 0) {
    showTitle('detail.noDevice');
    return;
  }
  const [first, rules] = await Promise.all([json(`api/devices/${encodeURIComponent(deviceIds[0])}`), json('api/rules')]);
  showTitle(null);
  for (const metric of Object.keys(first.metrics).sort()) {
    const card = document.createElement('figure');
    card.className = 'chart-card';
    const box = document.createElement('div');
    box.className = 'chart-box';
    const canvas = document.createElement('canvas');
    canvas.dataset.metric = metric;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', t('detail.chartLabel', { metric, devices: deviceIds.join(', ') }));
    box.append(canvas);
    const caption = document.createElement('figcaption');
    caption.className = 'latest';
    captions.set(metric, { caption, unit: first.units?.[metric] });
    card.append(box, caption);
    grid.append(card);
    const thresholds = rules.thresholds
      .filter((r) => r.type === first.type && r.metric === metric)
      .flatMap((r) => [r.high, r.low].filter((v) => v !== null && v !== undefined).map((value) => ({ value, severity: r.severity })));
    const chart = new MetricChart(canvas, { metric, unit: first.units?.[metric], deviceIds, thresholds, windowMs: windowMin * 60_000 });
    charts.set(metric, chart);
    await loadHistory(metric, chart);
    chart.refresh(Date.now());
  }
}

const client = new TelemetryClient(() => telemetryUrl(window.location, token()));
renewTokenOnRefusal(client);
const indicator = new ConnectionIndicator(document.querySelector('#connection'), client, {
  openLabel: () => t(paused ? 'connection.paused' : 'connection.open'),
});
// After a reconnect, the history API fills the gap the drop left in every chart.
let opened = 0;
client.addEventListener('open', () => {
  opened += 1;
  if (opened > 1) {
    for (const [metric, chart] of charts) loadHistory(metric, chart);
  }
});
client.addEventListener('updates', (e) => {
  for (const u of e.detail.updates) {
    const index = deviceIds.indexOf(u.deviceId);
    if (index < 0) continue;
    for (const [metric, value] of Object.entries(u.metrics)) {
      charts.get(metric)?.add(index, u.ts, value);
    }
  }
});

function showTitle(key) {
  titleKey = key;
  title.textContent = key ? t(key) : deviceIds.join(' · ');
}

function showCaptions() {
  const m = messages();
  for (const [metric, chart] of charts) {
    const { caption, unit } = captions.get(metric);
    caption.textContent = chart
      .latest()
      .map((v, i) => `${deviceIds[i]} ${v === undefined ? '–' : `${m.number(Number(v))}${unit ? ` ${unit}` : ''}`}`)
      .join(' · ');
  }
}

function relabel() {
  showTitle(titleKey);
  pause.textContent = t(paused ? 'detail.resume' : 'detail.pause');
  for (const option of windowSelect.options) option.textContent = t('detail.minutes', { count: Number(option.value) });
  for (const [metric, chart] of charts) {
    chart.canvas.setAttribute('aria-label', t('detail.chartLabel', { metric, devices: deviceIds.join(', ') }));
    chart.relabel();
  }
  showCaptions();
}
relabel();
language.addEventListener('change', relabel);

pause.addEventListener('click', () => {
  paused = !paused;
  pause.setAttribute('aria-pressed', String(paused));
  relabel();
  indicator.render();
});
windowSelect.value = String(windowMin);
windowSelect.addEventListener('change', async () => {
  windowMin = Number(windowSelect.value);
  // Read afresh: the language switch may have changed ?lang= since the page loaded.
  const query = new URLSearchParams(window.location.search);
  query.set('window', String(windowMin));
  history.replaceState(null, '', `?${query}`);
  for (const [metric, chart] of charts) {
    chart.windowMs = windowMin * 60_000;
    await loadHistory(metric, chart);
  }
});

setInterval(() => {
  if (!paused) {
    const now = Date.now();
    for (const chart of charts.values()) chart.refresh(now);
    showCaptions();
  }
}, 1000);

build()
  .catch(() => showTitle('detail.loadFailed'))
  .finally(() => {
    client.subscribe('detail', { devices: deviceIds }, { mode: 'conflated', intervalMs: 1000 });
    client.connect();
  });
