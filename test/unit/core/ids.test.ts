import assert from 'node:assert/strict';
import { ID_LENGTH, isId, isIdPrefix, newId } from '../../../src/core/ids';

describe('core/ids', () => {
  it('makes 12-character lowercase ids without look-alike letters', () => {
    for (let i = 0; i < 200; i++) {
      const id = newId();
      assert.equal(id.length, ID_LENGTH);
      assert.ok(isId(id), id);
      assert.doesNotMatch(id, /[ilou]/);
    }
  });

  it('does not repeat itself over many draws', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => newId()));
    assert.equal(seen.size, 10_000);
  });

  it('uses the random source it is given', () => {
    const zeros = newId((b) => b.fill(0));
    assert.equal(zeros, '000000000000');
  });

  it('recognises prefixes a user may type', () => {
    assert.ok(isIdPrefix('a1b'));
    assert.equal(isIdPrefix(''), false);
    assert.equal(isIdPrefix('ABC'), false);
    assert.equal(isIdPrefix('0123456789abc'), false);
  });
});
