// The connection indicator both pages share: connected, reconnecting with a live countdown, or
// offline (no network, or refused for good by the server), in the page's language.
import { language, t } from './i18n.js';

export class ConnectionIndicator {
  #element;
  #retryAt = 0;
  #detail = { state: 'idle' };
  #openLabel;

  /** `openLabel` lets a page qualify "Live", e.g. while its charts are paused. */
  constructor(element, client, { openLabel = () => t('connection.open') } = {}) {
    this.#element = element;
    this.#openLabel = openLabel;
    client.addEventListener('status', (e) => {
      this.#detail = e.detail;
      this.#retryAt = e.detail.retryInMs === undefined ? 0 : Date.now() + e.detail.retryInMs;
      this.render();
    });
    window.addEventListener('online', () => this.render());
    window.addEventListener('offline', () => this.render());
    language.addEventListener('change', () => this.render());
    setInterval(() => {
      if (this.#detail.state === 'reconnecting') this.render();
    }, 1000);
  }

  render() {
    let { state } = this.#detail;
    let text;
    if (state !== 'open' && navigator.onLine === false) {
      state = 'offline';
      text = t('connection.noNetwork');
    } else if (state === 'reconnecting') {
      const seconds = Math.max(0, Math.ceil((this.#retryAt - Date.now()) / 1000));
      text = this.#retryAt && seconds > 0 ? t('connection.reconnectingIn', { seconds }) : t('connection.reconnecting');
    } else if (state === 'offline') {
      text = this.#detail.code === 1008 ? t('connection.refused') : t('connection.offline');
    } else if (state === 'open') {
      text = this.#openLabel();
    } else {
      text = ['idle', 'connecting', 'closed'].includes(state) ? t(`connection.${state}`) : state;
    }
    this.#element.dataset.state = state;
    this.#element.textContent = text;
  }
}
