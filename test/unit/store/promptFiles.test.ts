import assert from 'node:assert/strict';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { PromptFiles } from '../../../src/store/promptFiles';
import { ensureStateDir, type StatePaths } from '../../../src/store/stateDir';
import { cleanTempDirs, tempDir } from './harness';

describe('store/promptFiles', () => {
  let paths: StatePaths;
  beforeEach(() => {
    paths = ensureStateDir(tempDir());
  });
  afterEach(cleanTempDirs);

  it('writes the prompt to output/<id>.prompt, exactly', () => {
    const prompt = 'Ünïcode ✓\r\nline two\n';
    new PromptFiles(paths).write('abc', prompt);
    assert.equal(readFileSync(paths.promptPath('abc'), 'utf8'), prompt);
    assert.equal(new PromptFiles(paths).read('abc'), prompt, 'another process reads it back');
  });

  it('serves repeated reads from memory (a prompt never changes)', () => {
    const prompts = new PromptFiles(paths);
    prompts.write('abc', 'hello');
    unlinkSync(paths.promptPath('abc'));
    assert.equal(prompts.read('abc'), 'hello');
  });

  it('reads a missing prompt as empty instead of failing a whole list', () => {
    assert.equal(new PromptFiles(paths).read('gone'), '');
  });

  it('removes a prompt file and forgets it', () => {
    const prompts = new PromptFiles(paths);
    prompts.write('abc', 'hello');
    prompts.remove('abc');
    assert.ok(!existsSync(paths.promptPath('abc')));
    assert.equal(prompts.read('abc'), '');
  });
});
