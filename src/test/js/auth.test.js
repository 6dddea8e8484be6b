import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

// auth.js reads window.sessionStorage, window.prompt and fetch: stand-ins a test can steer.
const store = new Map();
const prompts = [];
let answer = null;
globalThis.window = {
  sessionStorage: {
    getItem: (k) => (store.has(k) ? store.get(k) : null),
    setItem: (k, v) => store.set(k, v),
  },
  prompt: (text) => { prompts.push(text); return answer; },
};
const calls = [];
globalThis.fetch = async (url, options) => {
  calls.push({ url, authorization: options.headers?.Authorization });
  return { status: options.headers?.Authorization === 'Bearer right' ? 200 : 401 };
};
const { authorizedFetch, renewTokenOnRefusal, token } = await import('../../main/webapp/js/auth.js');

beforeEach(() => { store.clear(); prompts.length = 0; calls.length = 0; answer = null; });

test('asks once on a 401, keeps the token for the tab and sends it from then on', async () => {
  answer = ' right ';
  assert.equal((await authorizedFetch('api/devices')).status, 200);
  assert.equal((await authorizedFetch('api/alarms')).status, 200);
  assert.equal(prompts.length, 1);
  assert.equal(token(), 'right');
  assert.deepEqual(calls.map((c) => c.authorization), [undefined, 'Bearer right', 'Bearer right']);
});

test('asks once for calls a page starts together, the others use the token it got', async () => {
  answer = 'right';
  const responses = await Promise.all(['api/overview', 'api/devices', 'api/alarms'].map((u) => authorizedFetch(u)));
  assert.deepEqual(responses.map((r) => r.status), [200, 200, 200]);
  assert.equal(prompts.length, 1);
});

test('gives up when the operator gives no token', async () => {
  assert.equal((await authorizedFetch('api/devices')).status, 401);
  assert.equal(calls.length, 1);
});

test('reconnects a refused socket with the token the page got meanwhile, without asking again', () => {
  const client = new EventTarget();
  let connects = 0;
  client.connect = () => { connects += 1; };
  renewTokenOnRefusal(client);
  store.set('plantpulse.token', 'right');
  const refused = () => client.dispatchEvent(new CustomEvent('status', { detail: { state: 'offline', code: 1008, reason: 'unauthorized' } }));

  refused();
  assert.equal(connects, 1);
  assert.equal(prompts.length, 0);

  refused();
  assert.equal(prompts.length, 1, 'the same token refused again: ask');
  assert.equal(connects, 1, 'and no retry without one');
});
