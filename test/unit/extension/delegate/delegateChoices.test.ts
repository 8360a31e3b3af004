import assert from 'node:assert/strict';
import {
  type ChoicesView,
  choiceKeys,
  choicesLine,
  choiceTooltip,
  type DelegateChoices,
  taskInputOf,
} from '../../../../src/extension/delegate/delegateChoices';

const choices = (over: Partial<DelegateChoices> = {}): DelegateChoices => ({
  agent: 'claude',
  model: '',
  autonomy: 'edit',
  priority: 'P1',
  worktree: false,
  cwd: '/work/app',
  after: [],
  continueFrom: false,
  ...over,
});

const plain: ChoicesView = { takesModel: true, inRepository: false };

describe('extension/delegate/delegateChoices', () => {
  it('says what Enter would delegate, under the input', () => {
    assert.equal(choicesLine(choices(), plain), 'claude · edit · default model · normal priority');
    assert.equal(
      choicesLine(choices({ model: 'opus', priority: 'P0', worktree: true, after: ['a', 'b'] }), {
        takesModel: true,
        inRepository: true,
        folderName: 'api',
      }),
      'claude · edit · model opus · urgent priority · own worktree · in api · after 2 tasks',
    );
    assert.equal(
      choicesLine(choices({ agent: 'shell' }), { takesModel: false, inRepository: false }),
      'shell · normal priority',
      'no autonomy or model for a command line',
    );
  });

  it('offers the buttons that apply, each naming its value', () => {
    assert.deepEqual(choiceKeys(choices(), { ...plain, canWait: false }), [
      'agent',
      'autonomy',
      'model',
      'priority',
    ]);
    assert.deepEqual(
      choiceKeys(choices({ agent: 'shell' }), {
        takesModel: false,
        inRepository: true,
        folderName: 'web',
        canWait: true,
      }),
      ['agent', 'worktree', 'priority', 'after', 'folder'],
    );
    assert.equal(choiceTooltip('agent', choices(), plain), 'Agent: claude');
    assert.equal(choiceTooltip('model', choices(), plain), 'Model: default');
    assert.equal(choiceTooltip('priority', choices({ priority: 'P2' }), plain), 'Priority: low');
    assert.equal(choiceTooltip('worktree', choices(), plain), 'Worktree: off (press to turn on)');
    assert.equal(choiceTooltip('after', choices({ after: ['a'] }), plain), 'Run after…: 1 task');
  });

  it('delegates only the choices that apply to the agent and folder', () => {
    assert.deepEqual(taskInputOf('Fix it', choices({ model: 'opus', worktree: true }), plain), {
      prompt: 'Fix it',
      agent: 'claude',
      priority: 'P1',
      cwd: '/work/app',
      autonomy: 'edit',
      model: 'opus',
    });
    const input = taskInputOf('Fix it', choices({ worktree: true, after: ['t1'], continueFrom: true }), {
      takesModel: false,
      inRepository: true,
    });
    assert.equal(input.worktree, true);
    assert.equal(input.continueFrom, 't1');
    assert.equal(input.after, undefined);
    assert.equal(input.model, undefined);
  });
});
