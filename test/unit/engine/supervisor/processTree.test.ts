import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  groupHasRunningMembers,
  killProcessGroup,
  processGroupExists,
} from '../../../../src/engine/supervisor/processTree';
import { fakeAgentLaunch, TestTasks, until } from '../../../support/supervision';

/** State and process group of a process, from /proc. */
function stat(pid: number): { state: string; pgrp: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0]!, pgrp: Number(fields[2]) };
}

describe('engine/supervisor/processTree', () => {
  let tasks: TestTasks;
  beforeEach(() => {
    tasks = new TestTasks();
  });
  afterEach(() => tasks.dispose());

  it('tells a group with a running member from one holding only zombies', async () => {
    const group = spawn('/bin/sh', ['-c', 'sleep 30'], { detached: true, stdio: 'ignore' });
    tasks.track(-group.pid!);
    await until('the group to exist', () => processGroupExists(group.pid!));
    assert.equal(groupHasRunningMembers(group.pid!), true);
    killProcessGroup(group.pid!, 'SIGKILL');
    // Our own child stays a zombie until Node reaps it: the group exists, nothing in it runs.
    await until('a zombie or nothing', () => !groupHasRunningMembers(group.pid!));
  });

  it('does not call a zombie left in the agent group "left behind"', async () => {
    const file = path.join(tasks.outputDir, 'zombie.pids');
    const { taskId } = tasks.start(fakeAgentLaunch('zombie000001', `zombie:${file} out:1`));
    const pid = await tasks.waitForPidRecord(taskId);
    const exit = await tasks.waitForExit(taskId);
    const [zombie, parent] = readFileSync(file, 'utf8').trim().split(' ').map(Number);
    tasks.track(parent!);
    // The scenario held: when the agent exited, its group still had a member — a zombie.
    assert.deepEqual(stat(zombie!), { state: 'Z', pgrp: pid.agentPid });
    assert.equal(exit.exitCode, 0);
    const system = (await tasks.output(taskId)).byStream.system ?? '';
    assert.doesNotMatch(system, /left processes/);
    assert.match(system, /exited with code 0/);
  });
});
