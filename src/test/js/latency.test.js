import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatencyWindow } from '../../main/webapp/js/latency.js';

test('percentiles over a window, within one bucket', () => {
  let now = 1_000_000;
  const w = new LatencyWindow({ now: () => now });
  for (let ms = 1; ms <= 100; ms++) w.record(ms);
  const s = w.summary([50, 95, 100]);
  assert.equal(s.count, 100);
  assert.equal(s.p50, 50);
  assert.equal(s.p95, 95);
  assert.equal(s.p100, 100);
});

test('coarser buckets above 100 ms and overflow past 10 s', () => {
  const w = new LatencyWindow({ now: () => 5_000 });
  w.record(333);
  assert.equal(w.summary([50]).p50, 335);
  w.record(4_321);
  assert.equal(w.summary([100]).p100, 4_350);
  w.record(60_000);
  assert.equal(w.summary([100]).p100, Infinity);
});

test('a negative latency (clocks apart) counts as zero, not as an error', () => {
  const w = new LatencyWindow({ now: () => 5_000 });
  w.record(-40);
  assert.equal(w.summary([50]).p50, 1);
});

test('samples older than the window drop out; slots are reused without growing', () => {
  let now = 10_000;
  const w = new LatencyWindow({ windowSeconds: 60, now: () => now });
  w.record(900);
  now += 30_000;
  w.record(10);
  assert.equal(w.summary([100]).count, 2);
  now += 45_000; // the 900 ms sample is now 75 s old
  const s = w.summary([50, 100]);
  assert.equal(s.count, 1);
  assert.equal(s.p100, 10);
  now += 60_000;
  assert.deepEqual(w.summary([50]), { count: 0, p50: null });
  // The same slot a minute later starts from zero rather than adding to last minute's counts.
  for (let i = 0; i < 5; i++) w.record(7);
  assert.equal(w.summary([100]).count, 5);
});
