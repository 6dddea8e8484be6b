// The overview's device grid: one row per device with its status (icon and text, never colour
// alone), its key value with a one-minute trend, all latest values and when it was last seen.
// Updates are merged per device and drawn once per animation frame; hidden (filtered) rows keep
// their state but cost no DOM work. Everything from Kafka reaches the DOM through textContent;
// statuses, numbers and times are in the page's language.
import { messages } from './i18n.js';
import { Sparkline } from './sparkline.js';

const STALE_AFTER_MS = 5000;
const STATUS_ICONS = { RUNNING: '●', IDLE: '○', MAINTENANCE: '◆', FAULT: '▲', OFFLINE: '■' };
const COLUMNS = ['device', 'site', 'line', 'type', 'status', 'key', 'trend', 'metrics', 'seen'];

function withUnit(m, value, unit) {
  return unit ? `${m.number(Number(value))} ${unit}` : m.number(Number(value));
}

class DeviceRow {
  constructor(device) {
    this.id = device.deviceId;
    this.site = '';
    this.line = '';
    this.metrics = {};
    this.units = {};
    this.lastSeen = 0;
    this.sampledAt = 0;
    this.trend = new Sparkline();
    this.element = document.createElement('tr');
    this.element.dataset.deviceId = device.deviceId;
    this.cells = {};
    for (const name of COLUMNS) {
      const cell = document.createElement('td');
      cell.className = name;
      this.cells[name] = cell;
      this.element.append(cell);
    }
    const link = document.createElement('a');
    link.href = `dashboard.html?devices=${encodeURIComponent(device.deviceId)}`;
    link.textContent = device.deviceId;
    this.cells.device.append(link);
    this.icon = document.createElement('span');
    this.icon.className = 'icon';
    this.icon.setAttribute('aria-hidden', 'true');
    this.statusText = document.createElement('span');
    this.cells.status.append(this.icon, this.statusText);
    this.keyValue = document.createElement('strong');
    this.keyName = document.createElement('span');
    this.keyName.className = 'key-name';
    this.cells.key.append(this.keyValue, this.keyName);
    this.cells.trend.append(this.trend.element);
  }

  merge(device) {
    Object.assign(this.metrics, device.metrics);
    Object.assign(this.units, device.units ?? {});
    this.site = device.site ?? this.site;
    this.line = device.line ?? this.line;
    this.type = device.type ?? this.type;
    this.status = device.status ?? this.status;
    this.lastSeen = device.ts ?? device.lastSeen ?? this.lastSeen;
  }

  render(keyMetric) {
    const { cells } = this;
    const m = messages();
    cells.site.textContent = this.site;
    cells.line.textContent = this.line;
    cells.type.textContent = this.type ?? '';
    if (this.status) {
      this.element.dataset.status = this.status;
      this.icon.textContent = STATUS_ICONS[this.status] ?? '?';
      this.statusText.textContent = m.has(`status.${this.status}`) ? m.t(`status.${this.status}`) : this.status;
    }
    this.keyMetric = keyMetric;
    if (this.trend.values.length === 0 && keyMetric in this.metrics) {
      // The first value starts the trend, so a line shows one second after the page opens.
      this.trend.push(this.metrics[keyMetric]);
      this.sampledAt = this.lastSeen;
    }
    if (keyMetric in this.metrics) {
      this.keyValue.textContent = withUnit(m, this.metrics[keyMetric], this.units[keyMetric]);
      this.keyName.textContent = keyMetric;
    }
    cells.metrics.textContent = Object.keys(this.metrics)
      .sort()
      .map((name) => `${name} ${withUnit(m, this.metrics[name], this.units[name])}`)
      .join(' · ');
    cells.seen.textContent = m.time(this.lastSeen);
    this.element.classList.remove('stale');
  }

  /** Once a second: one trend sample if the device reported since the last one, and staleness. */
  tick(now) {
    if (this.lastSeen > this.sampledAt && this.keyMetric in this.metrics) {
      this.trend.push(this.metrics[this.keyMetric]);
      this.sampledAt = this.lastSeen;
      if (!this.element.hidden) this.trend.draw();
    }
    this.element.classList.toggle('stale', now - this.lastSeen > STALE_AFTER_MS);
  }
}

export class DeviceGrid extends EventTarget {
  #tbody;
  #keyMetricFor;
  #rows = new Map();
  #pending = new Map();
  #frameRequested = false;
  #filter = { site: '', line: '' };

  /** `keyMetricFor(type, metricNames)` names the metric a row shows large, with its trend. */
  constructor(tbody, keyMetricFor) {
    super();
    this.#tbody = tbody;
    this.#keyMetricFor = keyMetricFor;
  }

  get size() {
    return this.#rows.size;
  }

  get visibleCount() {
    let n = 0;
    for (const row of this.#rows.values()) if (!row.element.hidden) n++;
    return n;
  }

  /** Every site with its lines, sorted, for the filter. */
  sitesAndLines() {
    const sites = new Map();
    for (const row of this.#rows.values()) {
      if (!row.site) continue;
      if (!sites.has(row.site)) sites.set(row.site, new Set());
      if (row.line) sites.get(row.site).add(row.line);
    }
    return new Map([...sites.keys()].sort().map((s) => [s, [...sites.get(s)].sort()]));
  }

  setFilter(filter) {
    this.#filter = { site: filter.site ?? '', line: filter.line ?? '' };
    for (const row of this.#rows.values()) {
      this.#applyFilter(row);
      if (!row.element.hidden) row.trend.draw();
    }
    this.dispatchEvent(new Event('change'));
  }

  /** Takes a snapshot entry or an update; merged per device until the next animation frame. */
  queue(device) {
    const previous = this.#pending.get(device.deviceId);
    this.#pending.set(
      device.deviceId,
      previous ? { ...previous, ...device, metrics: { ...previous.metrics, ...device.metrics } } : device,
    );
    if (!this.#frameRequested) {
      this.#frameRequested = true;
      requestAnimationFrame(() => this.#flush());
    }
  }

  tick(now) {
    for (const row of this.#rows.values()) row.tick(now);
  }

  /** Draws every visible row again in the page's current language; hidden ones when shown. */
  relabel() {
    for (const row of this.#rows.values()) {
      if (!row.element.hidden) row.render(row.keyMetric ?? this.#keyMetricFor(row.type, Object.keys(row.metrics)));
    }
  }

  #flush() {
    const start = performance.now();
    this.#frameRequested = false;
    let added = false;
    const fresh = [];
    for (const device of this.#pending.values()) {
      let row = this.#rows.get(device.deviceId);
      if (!row) {
        row = new DeviceRow(device);
        this.#rows.set(row.id, row);
        fresh.push(row);
        added = true;
      }
      const siteBefore = row.site;
      const lineBefore = row.line;
      row.merge(device);
      added ||= row.site !== siteBefore || row.line !== lineBefore;
      this.#applyFilter(row);
      if (!row.element.hidden) {
        row.render(this.#keyMetricFor(row.type, Object.keys(row.metrics)));
      } else if (!row.keyMetric) {
        row.keyMetric = this.#keyMetricFor(row.type, Object.keys(row.metrics));
      }
    }
    this.#pending.clear();
    this.#insertSorted(fresh);
    if (added) this.dispatchEvent(new Event('change'));
    // A User Timing entry per render cycle, so the cost is visible in DevTools and to tests.
    performance.measure('plantpulse.render', { start });
  }

  #applyFilter(row) {
    const { site, line } = this.#filter;
    const hidden = (site !== '' && row.site !== site) || (line !== '' && row.line !== line);
    if (row.element.hidden !== hidden) {
      row.element.hidden = hidden;
      if (!hidden) row.render(this.#keyMetricFor(row.type, Object.keys(row.metrics)));
    }
  }

  /** Merges new rows into the sorted body in one pass (a snapshot brings hundreds at once). */
  #insertSorted(fresh) {
    if (fresh.length === 0) return;
    fresh.sort((a, b) => (a.id < b.id ? -1 : 1));
    let next = this.#tbody.firstElementChild;
    for (const row of fresh) {
      while (next && next.dataset.deviceId < row.id) next = next.nextElementSibling;
      this.#tbody.insertBefore(row.element, next);
    }
  }
}
