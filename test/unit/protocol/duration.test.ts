import assert from 'node:assert/strict';
import { formatDuration } from '../../../src/protocol/duration';

describe('protocol/duration', () => {
  it('writes durations compactly', () => {
    assert.equal(formatDuration(-5), '0s');
    assert.equal(formatDuration(7_400), '7s');
    assert.equal(formatDuration(42_400), '42s');
    assert.equal(formatDuration(125_000), '2m 05s');
    assert.equal(formatDuration(185_000), '3m 05s');
    assert.equal(formatDuration(3_720_000), '1h 02m');
    assert.equal(formatDuration(51 * 3_600_000), '2d 3h');
  });
});
