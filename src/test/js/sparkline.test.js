import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sparklinePoints } from '../../main/webapp/js/sparkline.js';

const parse = (points) => points.split(' ').map((p) => p.split(',').map(Number));

test('scales values to the box, highest at the top', () => {
  const pts = parse(sparklinePoints([0, 5, 10], 102, 22, 1));
  assert.deepEqual(pts, [[1, 21], [51, 11], [101, 1]]);
});

test('a constant value is a flat line through the middle', () => {
  const pts = parse(sparklinePoints([3, 3, 3, 3], 40, 20));
  assert.ok(pts.every(([, y]) => y === 10));
});

test('fewer than two values draw nothing; non-numbers are skipped', () => {
  assert.equal(sparklinePoints([], 10, 10), '');
  assert.equal(sparklinePoints([4], 10, 10), '');
  assert.equal(parse(sparklinePoints([1, NaN, 2], 10, 10)).length, 2);
});
