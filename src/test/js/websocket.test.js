import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TelemetryClient, backoffDelay, retryHint, telemetryUrl } from '../../main/webapp/js/websocket.js';

class FakeSocket {
  static instances = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.instances.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close(code, reason) { this.serverClose(code, reason); }
  serverOpen() { this.readyState = 1; this.onopen?.(); this.serverSend({ type: 'hello', protocol: 1 }); }
  serverSend(message) { this.onmessage?.({ data: JSON.stringify(message) }); }
  serverClose(code, reason = '') { this.readyState = 3; this.onclose?.({ code, reason }); }
}

class FakeTimers {
  #next = 1;
  timeouts = new Map();
  intervals = new Map();
  setTimeout(fn, ms) { const id = this.#next++; this.timeouts.set(id, { fn, ms }); return id; }
  clearTimeout(id) { this.timeouts.delete(id); }
  setInterval(fn, ms) { const id = this.#next++; this.intervals.set(id, { fn, ms }); return id; }
  clearInterval(id) { this.intervals.delete(id); }
  runTimeouts() { const due = [...this.timeouts.values()]; this.timeouts.clear(); due.forEach((t) => t.fn()); }
  tickIntervals() { [...this.intervals.values()].forEach((t) => t.fn()); }
}

function client(options = {}) {
  FakeSocket.instances = [];
  const timers = new FakeTimers();
  const c = new TelemetryClient('ws://plant/ws/telemetry', {
    WebSocketImpl: FakeSocket, timers, random: () => 1, baseDelayMs: 100, maxDelayMs: 1000, ...options,
  });
  const statuses = [];
  c.addEventListener('status', (e) => statuses.push(e.detail));
  return { c, timers, statuses };
}

test('builds the endpoint URL from the page location and context path', () => {
  assert.equal(telemetryUrl({ protocol: 'http:', host: 'localhost:8080', pathname: '/' }), 'ws://localhost:8080/ws/telemetry');
  assert.equal(telemetryUrl({ protocol: 'https:', host: 'ops.example', pathname: '/plantpulse/index.html' }), 'wss://ops.example/plantpulse/ws/telemetry');
});

test('backoff grows exponentially, is capped and jittered', () => {
  assert.equal(backoffDelay(0, { baseMs: 100, maxMs: 1000, random: () => 1 }), 100);
  assert.equal(backoffDelay(3, { baseMs: 100, maxMs: 1000, random: () => 1 }), 800);
  assert.equal(backoffDelay(10, { baseMs: 100, maxMs: 1000, random: () => 1 }), 1000);
  assert.equal(backoffDelay(10, { baseMs: 100, maxMs: 1000, random: () => 0.25 }), 250);
});

test('dispatches each server message type as its own event', () => {
  const { c } = client();
  const received = [];
  c.addEventListener('updates', (e) => received.push(e.detail.updates.length));
  c.connect();
  FakeSocket.instances[0].serverOpen();
  FakeSocket.instances[0].serverSend({ type: 'updates', updates: [{}, {}] });
  FakeSocket.instances[0].onmessage({ data: 'not json' });
  assert.deepEqual(received, [2]);
});

test('reconnects with growing delays after the connection drops, and resets once open', () => {
  const { c, timers, statuses } = client();
  c.connect();
  FakeSocket.instances[0].serverClose(1006);
  assert.equal(statuses.at(-1).state, 'reconnecting');
  assert.equal(statuses.at(-1).retryInMs, 100);
  timers.runTimeouts();
  FakeSocket.instances[1].serverClose(1006);
  assert.equal(statuses.at(-1).retryInMs, 200);
  timers.runTimeouts();
  FakeSocket.instances[2].serverOpen();
  assert.equal(c.state, 'open');
  FakeSocket.instances[2].serverClose(1001);
  assert.equal(statuses.at(-1).retryInMs, 100, 'a successful open resets the backoff');
});

test('does not retry when the server refuses by policy', () => {
  const { c, timers } = client();
  c.connect();
  FakeSocket.instances[0].serverClose(1008, 'origin not allowed');
  assert.equal(c.state, 'offline');
  assert.equal(timers.timeouts.size, 0);
});

test('retries a policy refusal only when the server says when', () => {
  const { c, timers, statuses } = client();
  c.connect();
  FakeSocket.instances[0].serverClose(1008, 'too many sessions from this address; retry=30000');
  assert.equal(c.state, 'reconnecting');
  assert.equal(statuses.at(-1).retryInMs, 30000);
  timers.runTimeouts();
  assert.equal(FakeSocket.instances.length, 2);
});

test('pings when quiet and drops a server that stays silent', () => {
  let now = 0;
  const { c, timers } = client({ now: () => now, heartbeatMs: 1000 });
  c.connect();
  const socket = FakeSocket.instances[0];
  socket.serverOpen();
  now = 1500;
  timers.tickIntervals();
  assert.deepEqual(socket.sent, [{ type: 'ping', id: 'r1' }]);
  now = 3500;
  timers.tickIntervals();
  assert.equal(c.state, 'reconnecting');
});

test('gives up on a connection that opens but never says hello, and connects again', () => {
  const { c, timers, statuses } = client({ answerTimeoutMs: 10000 });
  const closes = [];
  c.addEventListener('close', (e) => closes.push([e.detail.code, e.detail.reason]));
  c.connect();
  const silent = FakeSocket.instances[0];
  silent.readyState = 1;
  silent.onopen();
  assert.deepEqual([...timers.timeouts.values()].map((t) => t.ms), [10000]);

  timers.runTimeouts();
  assert.deepEqual(closes, [[4000, 'no hello']]);
  assert.equal(silent.readyState, 3, 'the socket given up on is closed');
  assert.equal(statuses.at(-1).state, 'reconnecting');
  timers.runTimeouts();
  FakeSocket.instances[1].serverOpen();
  assert.equal(c.state, 'open');
  assert.equal(timers.timeouts.size, 0, 'a hello in time leaves nothing waiting');
});

test('gives up on a connection whose subscribe or resume goes unanswered, not on one answered', () => {
  const { c, timers } = client();
  c.subscribe('fleet', {});
  c.connect();
  const first = FakeSocket.instances[0];
  first.serverOpen();
  first.serverSend({ type: 'subscribed', id: first.sent[0].id, sub: 'fleet', stream: 'g1' });
  assert.equal(timers.timeouts.size, 0, 'answered: nothing waits');
  first.serverSend({ type: 'snapshot', sub: 'fleet', stream: 'g1', position: '0:10', devices: [] });
  first.serverClose(1006);
  timers.runTimeouts();

  const second = FakeSocket.instances[1];
  second.serverOpen();
  assert.equal(second.sent[0].type, 'resume');
  timers.runTimeouts();
  assert.equal(c.state, 'reconnecting', 'a resume with no answer ends the connection');
  timers.runTimeouts();
  FakeSocket.instances[2].serverOpen();
  assert.deepEqual(FakeSocket.instances[2].sent.map((m) => [m.type, m.position]), [['resume', '0:10']]);
});

test('close() stops reconnecting', () => {
  const { c, timers } = client();
  c.connect();
  c.close();
  assert.equal(c.state, 'closed');
  assert.equal(timers.timeouts.size, 0);
  assert.equal(FakeSocket.instances.length, 1);
});

test('subscribes on hello, then resumes from the last position after a reconnect', () => {
  const { c, timers } = client();
  const updates = [];
  c.addEventListener('updates', (e) => updates.push(e.detail.subs));
  c.subscribe('fleet', { sites: ['plant-a'] }, { mode: 'conflated', intervalMs: 1000 });
  c.connect();
  const first = FakeSocket.instances[0];
  first.serverOpen();
  assert.deepEqual(first.sent.map((m) => [m.type, m.sub, m.mode, m.intervalMs]), [['subscribe', 'fleet', 'conflated', 1000]]);
  first.serverSend({ type: 'subscribed', sub: 'fleet', stream: 'g7' });
  first.serverSend({ type: 'snapshot', sub: 'fleet', stream: 'g7', position: '0:10', devices: [] });
  first.serverSend({ type: 'updates', stream: 'g7', position: '0:12', updates: [] });
  assert.deepEqual(updates, [['fleet']], 'updates name the subscriptions that read the stream');

  first.serverClose(1006);
  timers.runTimeouts();
  const second = FakeSocket.instances[1];
  second.serverOpen();
  const resume = second.sent[0];
  assert.equal(resume.type, 'resume');
  assert.equal(resume.position, '0:12');
  assert.deepEqual(resume.filter, { sites: ['plant-a'] });
});

test('hands a replay to its subscription as updates, and moves the position only when resumed', () => {
  const { c, timers } = client();
  const updates = [];
  c.addEventListener('updates', (e) => updates.push([e.detail.subs, e.detail.updates.length]));
  c.subscribe('a', {});
  c.subscribe('b', {});
  c.connect();
  const first = FakeSocket.instances[0];
  first.serverOpen();
  for (const sub of ['a', 'b']) {
    first.serverSend({ type: 'subscribed', sub, stream: 'g1' });
    first.serverSend({ type: 'snapshot', sub, stream: 'g1', position: '0:10', devices: [] });
  }
  first.serverClose(1006);
  timers.runTimeouts();
  const second = FakeSocket.instances[1];
  second.serverOpen();
  assert.deepEqual(second.sent.map((m) => [m.type, m.position]), [['resume', '0:10'], ['resume', '0:10']]);
  second.serverSend({ type: 'subscribed', sub: 'a', stream: 'g1' });
  second.serverSend({ type: 'replay', sub: 'a', stream: 'g1', updates: [{ deviceId: 'd' }, { deviceId: 'e' }] });
  assert.deepEqual(updates, [[['a'], 2]], 'only the resuming subscription gets its replay');

  second.serverClose(1006);
  timers.runTimeouts();
  const third = FakeSocket.instances[2];
  third.serverOpen();
  assert.equal(third.sent[0].position, '0:10', 'a replay cut short is asked for again');
  third.serverSend({ type: 'subscribed', sub: 'a', stream: 'g1' });
  third.serverSend({ type: 'resumed', sub: 'a', stream: 'g1', position: '0:14', recovered: true, replayed: 2 });
  third.serverClose(1006);
  timers.runTimeouts();
  assert.equal(FakeSocket.instances[3].sent.length, 0, 'nothing is sent before the server says hello');
  FakeSocket.instances[3].serverOpen();
  assert.equal(FakeSocket.instances[3].sent[0].position, '0:14');
});

test('waits at least as long as the server asks before reconnecting', () => {
  const { c, statuses } = client({ random: () => 0.5 });
  c.connect();
  FakeSocket.instances[0].serverClose(1013, 'stalled; retry=5000');
  assert.equal(statuses.at(-1).retryInMs, 5000);
  assert.equal(retryHint('server full; retry=10000'), 10000);
  assert.equal(retryHint('normal'), 0);
});

test('acknowledges alarms with an id', () => {
  const { c } = client();
  c.connect();
  FakeSocket.instances[0].serverOpen();
  assert.ok(c.ack('a-9', 'operator-3'));
  assert.deepEqual(FakeSocket.instances[0].sent.at(-1), { type: 'ack', id: 'r1', alarmId: 'a-9', by: 'operator-3' });
});

test('asks a URL function afresh at every connect, so a token given meanwhile is used', () => {
  FakeSocket.instances = [];
  let token = null;
  const c = new TelemetryClient(() => telemetryUrl({ protocol: 'http:', host: 'plant', pathname: '/' }, token), {
    WebSocketImpl: FakeSocket, timers: new FakeTimers(), random: () => 1,
  });
  const offline = [];
  c.addEventListener('status', (e) => { if (e.detail.state === 'offline') offline.push(e.detail); });
  c.connect();
  FakeSocket.instances[0].serverClose(1008, 'unauthorized');
  assert.deepEqual(offline.map((s) => [s.code, s.reason]), [[1008, 'unauthorized']], 'no retry with the same credentials');

  token = 's3 cret';
  c.connect();
  assert.equal(FakeSocket.instances[1].url, 'ws://plant/ws/telemetry?access_token=s3%20cret');
});

test('asks the server for the overview after every hello once watching', () => {
  const { c } = client();
  c.watchOverview();
  c.connect();
  FakeSocket.instances[0].serverOpen();
  assert.deepEqual(FakeSocket.instances[0].sent.map((m) => [m.type, m.what]), [['watch', 'overview']]);
  FakeSocket.instances[0].serverClose(1012, 'retry=0');
});

test('sends a subscribe answered rate_limited again after a pause, unless it was dropped', () => {
  const { c, timers } = client();
  c.subscribe('fleet', {});
  c.subscribe('press', { types: ['hydraulic-press'] });
  c.connect();
  const socket = FakeSocket.instances[0];
  socket.serverOpen();
  const [fleet, press] = socket.sent;
  socket.serverSend({ type: 'error', id: fleet.id, code: 'rate_limited', message: 'Too many snapshot rows' });
  socket.serverSend({ type: 'error', id: press.id, code: 'rate_limited', message: 'Too many snapshot rows' });
  socket.serverSend({ type: 'error', id: 'r99', code: 'rate_limited', message: 'Too many messages' });
  const delays = [...timers.timeouts.values()].map((t) => t.ms);
  assert.equal(delays.length, 2, 'one retry per refused subscribe, none for other requests');
  assert.ok(delays.every((ms) => ms >= 1000), `at least a second: ${delays}`);

  c.unsubscribe('press');
  socket.sent.length = 0;
  timers.runTimeouts();
  assert.deepEqual(socket.sent.map((m) => [m.type, m.sub]), [['subscribe', 'fleet']]);
  socket.serverSend({ type: 'error', id: socket.sent[0].id, code: 'bad_filter', message: 'no' });
  assert.equal(timers.timeouts.size, 0, 'other errors are not retried');
});
