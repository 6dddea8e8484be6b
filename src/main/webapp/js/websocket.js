// A reusable client for /ws/telemetry, protocol v1 (docs/protocol.md). It keeps the page's
// subscriptions across reconnects: after a drop it reconnects with jittered exponential backoff
// (never sooner than a server's retry hint), then resumes each subscription from the last
// position it saw. No global state: every dependency (WebSocket, timers, randomness, clock) can
// be injected, so node's test runner can drive it.

const CLOSE_POLICY = 1008;
const CLOSE_TOO_BIG = 1009;
// Ours to use (RFC 6455 §7.4.2): the client gave up on a server that went silent.
const CLOSE_GAVE_UP = 4000;
const HELLO = Symbol('hello');

/** The endpoint URL for a page at `location`, honouring the context path and HTTPS. */
export function telemetryUrl(location, accessToken) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const base = location.pathname.replace(/[^/]*$/, '');
  const query = accessToken ? `?access_token=${encodeURIComponent(accessToken)}` : '';
  return `${scheme}//${location.host}${base}ws/telemetry${query}`;
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base * 2^attempt)]. */
export function backoffDelay(attempt, { baseMs = 500, maxMs = 30000, random = Math.random } = {}) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(random() * ceiling);
}

/** The `retry=N` hint of a close reason (protocol §7), in milliseconds, or 0. */
export function retryHint(reason) {
  const match = /retry=(\d+)/.exec(reason ?? '');
  return match ? Number(match[1]) : 0;
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
  #requestIds = 0;
  // sub -> { filter, mode, intervalMs, position, stream }
  #subscriptions = new Map();
  // stream -> Set of subs reading it
  #streams = new Map();
  // request id -> sub, for subscribes and resumes not yet answered
  #pending = new Map();
  // what this connection waits for ('hello', or a request id) -> the timer that gives up on it
  #awaiting = new Map();
  // timers of subscribes sent again after a rate_limited answer
  #resubscribeTimers = new Set();
  #resubscribeAttempt = 0;
  #watchOverview = false;

  constructor(url, {
    WebSocketImpl = globalThis.WebSocket,
    timers = globalThis,
    random = Math.random,
    now = () => Date.now(),
    baseDelayMs = 500,
    maxDelayMs = 30000,
    heartbeatMs = 15000,
    answerTimeoutMs = 10000,
  } = {}) {
    super();
    this.#url = url;
    this.#WebSocket = WebSocketImpl;
    this.#timers = timers;
    this.#random = random;
    this.#now = now;
    this.#options = { baseDelayMs, maxDelayMs, heartbeatMs, answerTimeoutMs };
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
      this.#socket.close(1000, 'normal');
      this.#socket = null;
    }
    this.#setState('closed');
  }

  /**
   * Subscribes now if connected, and again after every reconnect. `filter` has optional lists
   * sites, lines, types, devices (with * wildcards) and metrics; `mode` is 'stream' or 'conflated'.
   */
  subscribe(sub, filter = {}, { mode = 'stream', intervalMs } = {}) {
    this.#subscriptions.set(sub, { filter, mode, intervalMs, position: null, stream: null });
    this.#sendSubscribe(sub);
  }

  /** Asks for the fleet overview once a second, now if connected and after every reconnect. */
  watchOverview() {
    this.#watchOverview = true;
    this.send({ type: 'watch', id: this.#nextId(), what: 'overview' });
  }

  unsubscribe(sub) {
    if (this.#subscriptions.delete(sub)) {
      this.send({ type: 'unsubscribe', id: this.#nextId(), sub });
    }
  }

  ack(alarmId, by) {
    return this.send({ type: 'ack', id: this.#nextId(), alarmId, ...(by ? { by } : {}) });
  }

  send(message) {
    if (this.#socket && this.#socket.readyState === 1) {
      this.#socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  #nextId() {
    this.#requestIds += 1;
    return `r${this.#requestIds}`;
  }

  #sendSubscribe(sub) {
    const s = this.#subscriptions.get(sub);
    const request = {
      type: s.position ? 'resume' : 'subscribe',
      id: this.#nextId(),
      sub,
      filter: s.filter,
      mode: s.mode,
      ...(s.mode === 'conflated' ? { intervalMs: s.intervalMs } : {}),
      ...(s.position ? { position: s.position } : {}),
    };
    if (this.send(request)) {
      this.#pending.set(request.id, sub);
      this.#await(request.id);
    }
  }

  /**
   * The server spends a budget of snapshot rows per session (protocol §2.1): a subscribe it
   * answers rate_limited is sent again later, after a jittered backoff of at least a second,
   * unless the page dropped the subscription meanwhile.
   */
  #resubscribeLater(sub) {
    const delay = Math.max(1000, backoffDelay(this.#resubscribeAttempt, {
      baseMs: 1000,
      maxMs: this.#options.maxDelayMs,
      random: this.#random,
    }));
    this.#resubscribeAttempt += 1;
    const timer = this.#timers.setTimeout(() => {
      this.#resubscribeTimers.delete(timer);
      if (this.#subscriptions.has(sub)) {
        this.#sendSubscribe(sub);
      }
    }, delay);
    this.#resubscribeTimers.add(timer);
  }

  #open() {
    this.#setState(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    let socket;
    try {
      // A function gives the URL afresh at every connect (a token asked for meanwhile, say).
      socket = new this.#WebSocket(typeof this.#url === 'function' ? this.#url() : this.#url);
    } catch (e) {
      this.#scheduleReconnect(0);
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#lastMessageAt = this.#now();
      this.#startHeartbeat();
      this.#await(HELLO);
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = (event) => this.#dropped(socket, event.code, event.reason);
    socket.onerror = () => {
      // onclose follows and decides what to do.
    };
  }

  /** The connection is over, whoever ended it; a socket already given up on is ignored. */
  #dropped(socket, code, reason) {
    if (this.#socket !== socket) {
      return;
    }
    this.#socket = null;
    this.#streams.clear();
    this.#pending.clear();
    this.#clearTimers();
    this.dispatchEvent(new CustomEvent('close', { detail: { code, reason } }));
    if (this.#stopped) {
      return;
    }
    const refused = code === CLOSE_POLICY || code === CLOSE_TOO_BIG;
    if (refused && !retryHint(reason)) {
      // Reconnecting cannot fix a refused origin or token, or a message we keep sending too big;
      // a refusal with a retry hint (too many sessions from this address) can pass later.
      this.#setState('offline', { code, reason });
      return;
    }
    this.#scheduleReconnect(retryHint(reason));
  }

  /**
   * Ends a connection on our side and moves on at once: a server that went silent may not answer
   * the close either, and the browser would wait for it before it fires onclose.
   */
  #giveUp(reason) {
    const socket = this.#socket;
    this.#dropped(socket, CLOSE_GAVE_UP, reason);
    socket.close(CLOSE_GAVE_UP, reason);
  }

  /**
   * The server says hello at once and answers each subscribe or resume at once (protocol §1.2,
   * §2.1): a connection that does neither within answerTimeoutMs is given up on and made again,
   * not left open and silent until the heartbeat's three intervals have passed.
   */
  #await(key) {
    const socket = this.#socket;
    const timer = this.#timers.setTimeout(() => {
      this.#awaiting.delete(key);
      if (this.#socket === socket) {
        this.#giveUp(key === HELLO ? 'no hello' : 'no answer');
      }
    }, this.#options.answerTimeoutMs);
    this.#awaiting.set(key, timer);
  }

  #answered(key) {
    if (this.#awaiting.has(key)) {
      this.#timers.clearTimeout(this.#awaiting.get(key));
      this.#awaiting.delete(key);
    }
  }

  #receive(data) {
    this.#lastMessageAt = this.#now();
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (!message || typeof message.type !== 'string') {
      return;
    }
    const pendingSub = this.#pending.get(message.id);
    this.#pending.delete(message.id);
    this.#answered(message.id);
    switch (message.type) {
      case 'hello':
        this.#answered(HELLO);
        this.#attempt = 0;
        this.#setState('open');
        this.dispatchEvent(new CustomEvent('open', { detail: message }));
        for (const sub of this.#subscriptions.keys()) {
          this.#sendSubscribe(sub);
        }
        if (this.#watchOverview) {
          this.send({ type: 'watch', id: this.#nextId(), what: 'overview' });
        }
        break;
      case 'error':
        if (message.code === 'rate_limited' && pendingSub !== undefined) {
          this.#resubscribeLater(pendingSub);
        }
        break;
      case 'subscribed': {
        this.#resubscribeAttempt = 0;
        const s = this.#subscriptions.get(message.sub);
        if (s) {
          s.stream = message.stream;
          if (!this.#streams.has(message.stream)) {
            this.#streams.set(message.stream, new Set());
          }
          this.#streams.get(message.stream).add(message.sub);
        }
        break;
      }
      case 'snapshot': {
        const s = this.#subscriptions.get(message.sub);
        if (s) {
          s.position = message.position;
        }
        break;
      }
      case 'updates': {
        const subs = [...(this.#streams.get(message.stream) ?? [])];
        for (const sub of subs) {
          this.#subscriptions.get(sub).position = message.position;
        }
        message.subs = subs;
        break;
      }
      case 'replay':
        // Missed updates of one resuming subscription: pages take them as ordinary updates. The
        // position moves only at 'resumed', so a drop mid-replay resumes from before it again.
        message.subs = this.#subscriptions.has(message.sub) ? [message.sub] : [];
        this.dispatchEvent(new CustomEvent('updates', { detail: message }));
        return;
      case 'resumed': {
        const s = this.#subscriptions.get(message.sub);
        if (s) {
          s.position = message.position;
        }
        break;
      }
      default:
        break;
    }
    this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
  }

  #scheduleReconnect(hintMs) {
    const delay = Math.max(hintMs, backoffDelay(this.#attempt, {
      baseMs: this.#options.baseDelayMs,
      maxMs: this.#options.maxDelayMs,
      random: this.#random,
    }));
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
        this.#giveUp('heartbeat timeout');
        return;
      }
      if (silentFor > every) {
        this.send({ type: 'ping', id: this.#nextId() });
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
    for (const timer of this.#awaiting.values()) {
      this.#timers.clearTimeout(timer);
    }
    this.#awaiting.clear();
    // After a reconnect every subscription is sent again at hello anyway.
    for (const timer of this.#resubscribeTimers) {
      this.#timers.clearTimeout(timer);
    }
    this.#resubscribeTimers.clear();
  }

  #setState(state, detail = {}) {
    this.#state = state;
    this.dispatchEvent(new CustomEvent('status', { detail: { state, ...detail } }));
  }
}
