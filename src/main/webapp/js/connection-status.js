// The connection indicator both pages share: connected, reconnecting with a live countdown, or
// offline (no network, or refused for good by the server).

const LABELS = {
  idle: 'Starting…',
  connecting: 'Connecting…',
  open: 'Live',
  offline: 'Offline',
  closed: 'Closed',
};

export class ConnectionIndicator {
  #element;
  #retryAt = 0;
  #detail = { state: 'idle' };
  #openLabel;

  /** `openLabel` lets a page qualify "Live", e.g. while its charts are paused. */
  constructor(element, client, { openLabel = () => LABELS.open } = {}) {
    this.#element = element;
    this.#openLabel = openLabel;
    client.addEventListener('status', (e) => {
      this.#detail = e.detail;
      this.#retryAt = e.detail.retryInMs === undefined ? 0 : Date.now() + e.detail.retryInMs;
      this.render();
    });
    window.addEventListener('online', () => this.render());
    window.addEventListener('offline', () => this.render());
    setInterval(() => {
      if (this.#detail.state === 'reconnecting') this.render();
    }, 1000);
  }

  render() {
    let { state } = this.#detail;
    let text;
    if (state !== 'open' && navigator.onLine === false) {
      state = 'offline';
      text = 'Offline: no network';
    } else if (state === 'reconnecting') {
      const seconds = Math.max(0, Math.ceil((this.#retryAt - Date.now()) / 1000));
      text = this.#retryAt && seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…';
    } else if (state === 'offline') {
      text = this.#detail.code === 1008 ? 'Offline: refused by the server' : 'Offline';
    } else if (state === 'open') {
      text = this.#openLabel();
    } else {
      text = LABELS[state] ?? state;
    }
    this.#element.dataset.state = state;
    this.#element.textContent = text;
  }
}
