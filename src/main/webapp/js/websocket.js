// A reusable client for /ws/telemetry: reconnects with jittered exponential backoff, answers the
// server's greeting, keeps a heartbeat and reports its state as events. No global state: every
// dependency (WebSocket, timers, randomness) can be injected, so node's test runner can drive it.

const CLOSE_POLICY = 1008;
const CLOSE_TOO_BIG = 1009;

/** The endpoint URL for a page at `location`, honouring the context path and HTTPS. */
export function telemetryUrl(location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const base = location.pathname.replace(/[^/]*$/, '');
  return `${scheme}//${location.host}${base}ws/telemetry`;
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base * 2^attempt)]. */
export function backoffDelay(attempt, { baseMs = 500, maxMs = 30000, random = Math.random } = {}) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(random() * ceiling);
}

export class TelemetryClient extends EventTarget {
  #url;
  #WebSocket;
  #timers;
  #random;
  #now;
  #options;
  #socket = null;
  #attempt = 0;
  #retryTimer = null;
  #heartbeatTimer = null;
  #lastMessageAt = 0;
  #stopped = false;
  #state = 'idle';

  constructor(url, {
    WebSocketImpl = globalThis.WebSocket,
    timers = globalThis,
    random = Math.random,
    now = () => Date.now(),
    baseDelayMs = 500,
    maxDelayMs = 30000,
    heartbeatMs = 15000,
  } = {}) {
    super();
    this.#url = url;
    this.#WebSocket = WebSocketImpl;
    this.#timers = timers;
    this.#random = random;
    this.#now = now;
    this.#options = { baseDelayMs, maxDelayMs, heartbeatMs };
  }

  get state() {
    return this.#state;
  }

  connect() {
    this.#stopped = false;
    this.#open();
    return this;
  }

  close() {
    this.#stopped = true;
    this.#clearTimers();
    if (this.#socket) {
      this.#socket.close(1000, 'client closed');
      this.#socket = null;
    }
    this.#setState('closed');
  }

  send(message) {
    if (this.#socket && this.#socket.readyState === 1) {
      this.#socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  #open() {
    this.#setState(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    let socket;
    try {
      socket = new this.#WebSocket(this.#url);
    } catch (e) {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      this.#lastMessageAt = this.#now();
      this.#setState('open');
      this.#startHeartbeat();
      this.dispatchEvent(new Event('open'));
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = (event) => {
      if (this.#socket !== socket) {
        return;
      }
      this.#socket = null;
      this.#clearTimers();
      this.dispatchEvent(new CustomEvent('close', { detail: { code: event.code, reason: event.reason } }));
      if (this.#stopped) {
        return;
      }
      if (event.code === CLOSE_POLICY || event.code === CLOSE_TOO_BIG) {
        // Reconnecting cannot fix a refused origin or a message we keep sending too big.
        this.#setState('offline', { code: event.code, reason: event.reason });
        return;
      }
      this.#scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and decides what to do.
    };
  }

  #receive(data) {
    this.#lastMessageAt = this.#now();
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (message && typeof message.type === 'string') {
      this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
    }
  }

  #scheduleReconnect() {
    const delay = backoffDelay(this.#attempt, {
      baseMs: this.#options.baseDelayMs,
      maxMs: this.#options.maxDelayMs,
      random: this.#random,
    });
    this.#attempt += 1;
    this.#setState('reconnecting', { retryInMs: delay, attempt: this.#attempt });
    this.#retryTimer = this.#timers.setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#stopped) {
        this.#open();
      }
    }, delay);
  }

  /** Pings while quiet; a server silent for three intervals is presumed gone. */
  #startHeartbeat() {
    const every = this.#options.heartbeatMs;
    this.#heartbeatTimer = this.#timers.setInterval(() => {
      const silentFor = this.#now() - this.#lastMessageAt;
      if (silentFor > 3 * every && this.#socket) {
        this.#socket.close(4000, 'heartbeat timeout');
        return;
      }
      if (silentFor > every) {
        this.send({ type: 'ping' });
      }
    }, every);
  }

  #clearTimers() {
    if (this.#retryTimer !== null) {
      this.#timers.clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
    if (this.#heartbeatTimer !== null) {
      this.#timers.clearInterval(this.#heartbeatTimer);
      this.#heartbeatTimer = null;
    }
  }

  #setState(state, detail = {}) {
    this.#state = state;
    this.dispatchEvent(new CustomEvent('status', { detail: { state, ...detail } }));
  }
}
