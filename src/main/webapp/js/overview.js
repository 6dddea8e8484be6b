// The fleet overview page: KPI tiles from the server's `overview` push, the live alarm list, the
// device grid with a site and line filter (kept in the URL, so a view can be bookmarked), and a
// panel of what this browser measures: end-to-end latency, updates per second. Every word comes
// from the page's message catalog; a language switch redraws all of it in place.
import { TelemetryClient, telemetryUrl } from './websocket.js';
import { authorizedFetch, renewTokenOnRefusal, token } from './auth.js';
import { AlarmList } from './alarm-list.js';
import { ConnectionIndicator } from './connection-status.js';
import { DeviceGrid } from './device-grid.js';
import { LatencyWindow } from './latency.js';
import { initTheme } from './theme.js';
import { initLanguage, language, messages, t } from './i18n.js';

const $ = (selector) => document.querySelector(selector);
const params = new URLSearchParams(window.location.search);
const latency = new LatencyWindow();
let updatesThisSecond = 0;
let lastOverview = null;
let lastRate = 0;
await initLanguage($('#lang'));

// The metric a row shows large: the first one the rules watch for its type, else the first name.
let watched = new Map();
function keyMetricFor(type, names) {
  const ruled = watched.get(type)?.find((m) => names.includes(m));
  return ruled ?? [...names].sort()[0];
}

const grid = new DeviceGrid($('#devices tbody'), keyMetricFor);
const siteFilter = $('#site-filter');
const lineFilter = $('#line-filter');

function fillSelect(select, values, allLabel) {
  const chosen = select.value;
  const wanted = ['', ...values];
  const current = [...select.options].map((o) => o.value);
  if (wanted.join('\n') === current.join('\n')) {
    select.options[0].textContent = allLabel;
    return;
  }
  select.replaceChildren(
    ...wanted.map((v) => {
      const option = document.createElement('option');
      option.value = v;
      option.textContent = v === '' ? allLabel : v;
      return option;
    }),
  );
  select.value = wanted.includes(chosen) ? chosen : '';
}

function refreshFilterOptions() {
  const sites = grid.sitesAndLines();
  fillSelect(siteFilter, [...sites.keys()], t('filter.allSites'));
  const lines = siteFilter.value ? sites.get(siteFilter.value) ?? [] : [...new Set([...sites.values()].flat())].sort();
  fillSelect(lineFilter, lines, t('filter.allLines'));
}

function applyFilter() {
  const filter = { site: siteFilter.value, line: lineFilter.value };
  // Read afresh: the language switch may have changed ?lang= since the page loaded.
  const search = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(filter)) {
    if (value) search.set(key, value);
    else search.delete(key);
  }
  const query = search.toString();
  history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
  grid.setFilter(filter);
}

function showDeviceCount() {
  $('#device-count').textContent = grid.visibleCount === grid.size
    ? t('devices.count', { count: grid.size })
    : t('devices.countOf', { shown: grid.visibleCount, count: grid.size });
}

grid.addEventListener('change', () => {
  refreshFilterOptions();
  showDeviceCount();
});
siteFilter.addEventListener('change', () => {
  refreshFilterOptions();
  applyFilter();
});
lineFilter.addEventListener('change', applyFilter);
// The URL's filter holds before the options exist: seed each select with its value.
for (const [select, key] of [[siteFilter, 'site'], [lineFilter, 'line']]) {
  const value = params.get(key);
  if (value) {
    fillSelect(select, [value], t(select === siteFilter ? 'filter.allSites' : 'filter.allLines'));
    select.value = value;
  }
}
grid.setFilter({ site: siteFilter.value, line: lineFilter.value });

const client = new TelemetryClient(() => telemetryUrl(window.location, token()));
renewTokenOnRefusal(client);
new ConnectionIndicator($('#connection'), client);
initTheme($('#theme'));
const alarms = new AlarmList($('#alarm-list'), $('#no-alarms'), (alarm) => {
  authorizedFetch(`api/alarms/${encodeURIComponent(alarm.id)}/ack?by=operator`, { method: 'POST' }).catch(() => {});
});

function showOverview(o) {
  lastOverview = o;
  const count = (n) => messages().integer(Number(n ?? 0));
  $('#kpi-online').textContent = count(o.devicesOnline);
  $('#kpi-offline').textContent = o.devicesOffline ? t('kpi.offline', { count: count(o.devicesOffline) }) : t('kpi.noneOffline');
  $('#kpi-rate').textContent = count(o.recordsPerSecond);
  $('#kpi-critical').textContent = count(o.activeAlarms?.CRITICAL);
  $('#kpi-warning').textContent = count(o.activeAlarms?.WARNING);
  $('#kpi-clients').textContent = count(o.clients);
  $('#srv-clients').textContent = count(o.clients);
  $('#srv-rate').textContent = t('perf.perSecond', { value: count(o.recordsPerSecond) });
  showSource(o);
}

/** A broker outage is not a plant outage: say the data is stale rather than the devices gone. */
function showSource(o) {
  const banner = $('#source');
  const live = !o.source || o.source === 'LIVE';
  banner.hidden = live;
  banner.dataset.source = o.source ?? 'LIVE';
  if (!live) {
    banner.textContent = o.source === 'WARMING'
      ? t('source.warming')
      : t('source.offline', { time: messages().time(o.sourceSince) });
  }
}

function ms(value) {
  if (value === null) return '–';
  return Number.isFinite(value) ? t('perf.ms', { value }) : t('perf.over');
}

const latCount = $('#lat-count');

function showBrowserFigures(now) {
  const { p50, p95, count } = latency.summary([50, 95], now);
  $('#update-rate').textContent = messages().integer(lastRate);
  $('#lat-p50').textContent = ms(p50);
  $('#lat-p95').textContent = ms(p95);
  latCount.textContent = messages().integer(count);
}

function relabel() {
  refreshFilterOptions();
  showDeviceCount();
  if (lastOverview) showOverview(lastOverview);
  showBrowserFigures(Date.now());
  grid.relabel();
  alarms.relabel();
}

async function json(url) {
  const response = await authorizedFetch(url, { headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : Promise.reject(new Error(`${url}: ${response.status}`));
}

client.addEventListener('open', () => {
  json('api/alarms?state=active').then((list) => list.forEach((a) => alarms.update(a))).catch(() => {});
});
client.addEventListener('overview', (e) => showOverview(e.detail.overview));
client.addEventListener('alarm', (e) => alarms.update(e.detail.alarm));
client.addEventListener('snapshot', (e) => e.detail.devices.forEach((d) => grid.queue(d)));
client.addEventListener('updates', (e) => {
  const received = Date.now();
  for (const update of e.detail.updates) {
    updatesThisSecond += 1;
    if (update.kts) latency.record(received - update.kts, received);
    grid.queue(update);
  }
});

setInterval(() => {
  const start = performance.now();
  const now = Date.now();
  lastRate = updatesThisSecond;
  updatesThisSecond = 0;
  showBrowserFigures(now);
  grid.tick(now);
  alarms.render(now);
  performance.measure('plantpulse.tick', { start });
  // The entries have reached any observer; drop them so the timeline buffer stays bounded.
  performance.clearMeasures();
}, 1000);

relabel();
language.addEventListener('change', relabel);

json('api/rules')
  .then((rules) => {
    watched = new Map();
    for (const r of rules.thresholds ?? []) {
      if (!watched.has(r.type)) watched.set(r.type, []);
      if (!watched.get(r.type).includes(r.metric)) watched.get(r.type).push(r.metric);
    }
  })
  .catch(() => {})
  .finally(() => {
    client.subscribe('fleet', {}, { mode: 'stream' });
    client.watchOverview();
    client.connect();
  });
