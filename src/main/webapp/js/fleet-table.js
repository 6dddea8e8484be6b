// The fleet page: a live table of every device. Everything that came from Kafka is untrusted and
// reaches the DOM only through textContent, never as markup.
import { TelemetryClient, telemetryUrl } from './websocket.js';
import { AlarmList } from './alarm-list.js';
import { initTheme } from './theme.js';

const STALE_AFTER_MS = 5000;

const rows = new Map();
const pending = new Map();
const tbody = document.querySelector('#devices tbody');
const statusEl = document.querySelector('#connection');
const deviceCount = document.querySelector('#device-count');
const rateEl = document.querySelector('#update-rate');
let updatesThisSecond = 0;
let frameRequested = false;

function formatMetrics(metrics, units) {
  return Object.keys(metrics ?? {})
    .sort()
    .map((name) => `${name} ${Number(metrics[name]).toLocaleString(undefined, { maximumFractionDigits: 2 })}${units?.[name] ? ` ${units[name]}` : ''}`)
    .join(' · ');
}

function rowFor(device) {
  let row = rows.get(device.deviceId);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.deviceId = device.deviceId;
    for (const cls of ['device', 'site', 'line', 'type', 'status', 'metrics', 'seen']) {
      const cell = document.createElement('td');
      cell.className = cls;
      row.append(cell);
    }
    row.metricState = { metrics: {}, units: {} };
    rows.set(device.deviceId, row);
    insertSorted(row, device.deviceId);
    deviceCount.textContent = String(rows.size);
  }
  return row;
}

function insertSorted(row, id) {
  for (const existing of tbody.children) {
    if (existing.dataset.deviceId > id) {
      tbody.insertBefore(row, existing);
      return;
    }
  }
  tbody.append(row);
}

function render(device) {
  const row = rowFor(device);
  const state = row.metricState;
  Object.assign(state.metrics, device.metrics);
  Object.assign(state.units, device.units ?? {});
  const cells = row.children;
  if (!cells[0].firstChild) {
    const link = document.createElement('a');
    link.href = `dashboard.html?devices=${encodeURIComponent(device.deviceId)}`;
    link.textContent = device.deviceId;
    cells[0].append(link);
  }
  cells[1].textContent = device.site ?? '';
  cells[2].textContent = device.line ?? '';
  cells[3].textContent = device.type ?? '';
  if (device.status) {
    cells[4].textContent = device.status;
    row.dataset.status = device.status;
  }
  cells[5].textContent = formatMetrics(state.metrics, state.units);
  const seen = device.ts ?? device.lastSeen;
  row.lastSeen = seen;
  cells[6].textContent = new Date(seen).toLocaleTimeString();
  row.classList.remove('stale');
}

function flushToDom() {
  frameRequested = false;
  for (const device of pending.values()) {
    render(device);
  }
  pending.clear();
}

function queue(device) {
  const previous = pending.get(device.deviceId);
  pending.set(device.deviceId, previous
    ? { ...previous, ...device, metrics: { ...previous.metrics, ...device.metrics } }
    : device);
  if (!frameRequested) {
    frameRequested = true;
    requestAnimationFrame(flushToDom);
  }
}

function showStatus({ state, retryInMs }) {
  const text = {
    connecting: 'Connecting…',
    open: 'Live',
    reconnecting: retryInMs === undefined ? 'Reconnecting…' : `Reconnecting in ${Math.ceil(retryInMs / 1000)} s`,
    offline: 'Offline',
    closed: 'Closed',
  }[state] ?? state;
  statusEl.textContent = text;
  statusEl.dataset.state = state;
}

const client = new TelemetryClient(telemetryUrl(window.location));
const alarms = new AlarmList(document.querySelector('#alarm-list'), document.querySelector('#no-alarms'), (alarm) => {
  fetch(`api/alarms/${encodeURIComponent(alarm.id)}/ack?by=operator`, { method: 'POST' }).catch(() => {});
});
initTheme(document.querySelector('#theme'));

function showOverview(o) {
  document.querySelector('#kpi-online').textContent = String(o.devicesOnline);
  document.querySelector('#kpi-offline').textContent = o.devicesOffline ? `${o.devicesOffline} offline` : 'none offline';
  document.querySelector('#kpi-rate').textContent = Number(o.recordsPerSecond).toLocaleString(undefined, { maximumFractionDigits: 0 });
  document.querySelector('#kpi-critical').textContent = String(o.activeAlarms?.CRITICAL ?? 0);
  document.querySelector('#kpi-warning').textContent = String(o.activeAlarms?.WARNING ?? 0);
  document.querySelector('#kpi-clients').textContent = String(o.clients);
}

async function loadAlarms() {
  const response = await fetch('api/alarms?state=active', { headers: { Accept: 'application/json' } });
  if (response.ok) {
    for (const alarm of await response.json()) {
      alarms.update(alarm);
    }
  }
}

client.addEventListener('open', () => loadAlarms().catch(() => {}));
client.addEventListener('overview', (e) => showOverview(e.detail.overview));
client.addEventListener('alarm', (e) => alarms.update(e.detail.alarm));
client.addEventListener('status', (e) => showStatus(e.detail));
client.addEventListener('snapshot', (e) => {
  for (const device of e.detail.devices) {
    queue(device);
  }
});
client.addEventListener('updates', (e) => {
  for (const update of e.detail.updates) {
    updatesThisSecond += 1;
    queue(update);
  }
});

setInterval(() => {
  rateEl.textContent = String(updatesThisSecond);
  updatesThisSecond = 0;
  const now = Date.now();
  for (const row of rows.values()) {
    row.classList.toggle('stale', now - row.lastSeen > STALE_AFTER_MS);
  }
  alarms.render(now);
}, 1000);

client.subscribe('fleet', {}, { mode: 'stream' });
client.connect();
