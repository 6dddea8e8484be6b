// Chart components for live metrics. A chart is made once and updated in place (never re-created
// per update); points older than the window are trimmed and Chart.js decimation keeps drawing
// cheap. Chart.js 4 comes from the WebJar inside the WAR (vendor/chart.js), loaded before this
// module as a classic script. Axis times and threshold labels follow the page's language.
import { messages, t } from './i18n.js';

const Chart = globalThis.Chart;
const COLOURS = ['#0969da', '#cf222e', '#1a7f37', '#9a6700', '#8250df', '#bf3989'];

/** Draws each rule's thresholds as dashed horizontal lines with their severity. */
const thresholdLines = {
  id: 'thresholdLines',
  afterDatasetsDraw(chart, args, options) {
    const { ctx, chartArea, scales } = chart;
    for (const line of options.lines ?? []) {
      const y = scales.y.getPixelForValue(line.value);
      if (y < chartArea.top || y > chartArea.bottom) continue;
      ctx.save();
      ctx.strokeStyle = line.severity === 'CRITICAL' ? '#cf222e' : '#9a6700';
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(chartArea.right, y);
      ctx.stroke();
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fillText(line.label, chartArea.left + 4, y - 4);
      ctx.restore();
    }
  },
};

/**
 * A theme colour as rgb(): custom properties hold light-dark(...) unresolved, so let the browser
 * resolve one through a probe element's computed colour.
 */
function cssColour(property) {
  const probe = document.createElement('span');
  probe.style.color = `var(${property})`;
  probe.hidden = true;
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

function thresholdLabel(line) {
  return t('detail.threshold', { severity: t(`severity.${line.severity}`), value: line.value });
}

export class MetricChart {
  #chart;
  #windowMs;
  #canvas;
  #thresholds;

  constructor(canvas, { metric, unit, deviceIds, thresholds = [], windowMs }) {
    this.#windowMs = windowMs;
    this.#canvas = canvas;
    this.#thresholds = thresholds;
    // The page's font stack, CJK faces included, for the axes and titles drawn on the canvas.
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    const fg = cssColour('--muted');
    const grid = cssColour('--line');
    this.#chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: deviceIds.map((id, i) => ({
          label: id,
          data: [],
          borderColor: COLOURS[i % COLOURS.length],
          backgroundColor: COLOURS[i % COLOURS.length],
          borderWidth: 1.5,
          pointRadius: 0,
          tension: 0,
        })),
      },
      options: {
        animation: false,
        locale: messages().lang,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: {
            type: 'linear',
            ticks: { color: fg, maxTicksLimit: 6, callback: (v) => messages().time(v) },
            grid: { color: grid },
          },
          y: {
            // The axis reaches the thresholds, so the headroom to an alarm is always in view.
            suggestedMin: thresholds.length ? Math.min(...thresholds.map((t) => t.value)) : undefined,
            suggestedMax: thresholds.length ? Math.max(...thresholds.map((t) => t.value)) : undefined,
            title: { display: Boolean(unit), text: unit ?? '', color: fg },
            ticks: { color: fg },
            grid: { color: grid },
          },
        },
        plugins: {
          legend: { display: deviceIds.length > 1, labels: { color: fg } },
          decimation: { enabled: true, algorithm: 'min-max' },
          title: { display: true, text: unit ? `${metric} (${unit})` : metric, color: fg },
          thresholdLines: { lines: this.#labelledThresholds() },
        },
      },
      plugins: [thresholdLines],
    });
  }

  get chart() {
    return this.#chart;
  }

  get canvas() {
    return this.#canvas;
  }

  /** Words the threshold labels again and redraws the axes in the page's current language. */
  relabel() {
    this.#chart.options.locale = messages().lang;
    this.#chart.options.plugins.thresholdLines.lines = this.#labelledThresholds();
    this.#chart.update('none');
  }

  #labelledThresholds() {
    return this.#thresholds.map((line) => ({ ...line, label: thresholdLabel(line) }));
  }

  set windowMs(ms) {
    this.#windowMs = ms;
  }

  /**
   * Takes one device's points from the history API: they replace what the chart holds up to their
   * last point, and live points after it stay, so a refill never loses what arrived meanwhile.
   */
  fill(deviceIndex, points) {
    const dataset = this.#chart.data.datasets[deviceIndex];
    const last = points.length ? points[points.length - 1].x : -Infinity;
    dataset.data = points.concat(dataset.data.filter((p) => p.x > last));
  }

  add(deviceIndex, x, y) {
    const data = this.#chart.data.datasets[deviceIndex].data;
    if (data.length && data[data.length - 1].x >= x) {
      return;
    }
    data.push({ x, y });
  }

  /** The newest value of each device, in dataset order (undefined while it has none). */
  latest() {
    return this.#chart.data.datasets.map((d) => d.data[d.data.length - 1]?.y);
  }

  /** Trims to the window and redraws, without animation: once a second. */
  refresh(now) {
    const from = now - this.#windowMs;
    for (const dataset of this.#chart.data.datasets) {
      const data = dataset.data;
      let drop = 0;
      while (drop < data.length && data[drop].x < from) drop++;
      if (drop) data.splice(0, drop);
    }
    this.#chart.options.scales.x.min = from;
    this.#chart.options.scales.x.max = now;
    this.#chart.update('none');
  }

  destroy() {
    this.#chart.destroy();
  }
}
