import assert from 'node:assert/strict';
import { modelNameProblem } from '../../../../src/core/task';
import {
  autonomyItems,
  modelMemoryKey,
  modelProblem,
} from '../../../../src/extension/delegate/autonomyItems';

describe('extension/delegate/autonomyItems', () => {
  it('lists the three levels with what each lets the agent do, marking the default', () => {
    const items = autonomyItems('full');
    assert.deepEqual(
      items.map((i) => [i.label, i.description]),
      [
        ['read-only', undefined],
        ['edit', undefined],
        ['full', 'default (dispatch.autonomy)'],
      ],
    );
    assert.match(items[0]!.detail!, /every change is refused/);
    assert.match(items[2]!.detail!, /any command/);
  });

  it('accepts an empty model (the agent’s default) and refuses one the flag would misread', () => {
    assert.equal(modelProblem('  ', modelNameProblem), undefined);
    assert.equal(modelProblem('opus', modelNameProblem), undefined);
    assert.match(
      modelProblem('--yolo', modelNameProblem)!,
      /does not start with "-".*empty for the agent's default/,
    );
    assert.match(modelProblem('big model', modelNameProblem)!, /no spaces/);
    assert.notEqual(modelMemoryKey('claude'), modelMemoryKey('codex'));
  });
});
