// A small trend line: the last N samples of a value, drawn as an SVG polyline scaled to its own
// range. SVG built through the DOM, so no markup strings and nothing the CSP must allow.

const SVG = 'http://www.w3.org/2000/svg';

/** The `points` of a polyline for `values` in a width × height box, or '' for fewer than two. */
export function sparklinePoints(values, width, height, pad = 1) {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) {
    return '';
  }
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min;
  const step = (width - 2 * pad) / (values.length - 1);
  const points = [];
  values.forEach((v, i) => {
    if (Number.isFinite(v)) {
      const y = span === 0 ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad);
      points.push(`${(pad + i * step).toFixed(1)},${y.toFixed(1)}`);
    }
  });
  return points.join(' ');
}

export class Sparkline {
  #values = [];
  #capacity;
  #line;
  #width;
  #height;

  constructor(capacity = 60, width = 96, height = 24) {
    this.#capacity = capacity;
    this.#width = width;
    this.#height = height;
    this.element = document.createElementNS(SVG, 'svg');
    this.element.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.element.setAttribute('width', String(width));
    this.element.setAttribute('height', String(height));
    this.element.setAttribute('class', 'sparkline');
    this.element.setAttribute('aria-hidden', 'true');
    this.#line = document.createElementNS(SVG, 'polyline');
    this.element.append(this.#line);
  }

  get values() {
    return this.#values;
  }

  push(value) {
    this.#values.push(value);
    if (this.#values.length > this.#capacity) {
      this.#values.shift();
    }
  }

  draw() {
    this.#line.setAttribute('points', sparklinePoints(this.#values, this.#width, this.#height));
  }
}
