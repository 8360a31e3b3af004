import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDispatchError } from '../../../../src/core/errors';
import {
  type ExitRecord,
  readExitRecord,
  readPidRecord,
  writeExitRecord,
  writePidRecord,
} from '../../../../src/store/output/taskRecords';

describe('store/output/taskRecords', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-records-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const exit: ExitRecord = {
    taskId: 'abc',
    exitCode: null,
    signal: 'SIGKILL',
    startedAt: 1,
    endedAt: 2,
    reason: 'cancelled',
    message: 'killed after 300 ms grace',
    outputBytes: 10,
    outputLines: 2,
    truncatedBytes: 0,
    agentResult: { isError: true, message: 'Not logged in' },
  };

  it('round-trips the exit and pid records, leaving no temporary file', () => {
    assert.equal(readExitRecord(dir, 'abc'), undefined);
    writeExitRecord(dir, exit);
    writePidRecord(dir, 'abc', {
      supervisorPid: 5,
      supervisorStart: 'x:1',
      agentPid: 6,
      agentStart: null,
      startedAt: 3,
    });
    assert.deepEqual(readExitRecord(dir, 'abc'), exit);
    assert.equal(readPidRecord(dir, 'abc')?.agentPid, 6);
    assert.deepEqual(readdirSync(dir).sort(), ['abc.exit', 'abc.pid']);
  });

  it('calls a damaged record state-corrupt, naming the file', () => {
    writeFileSync(path.join(dir, 'bad.exit'), '{"taskId":');
    assert.throws(
      () => readExitRecord(dir, 'bad'),
      (err) => isDispatchError(err, 'state-corrupt') && err.message.includes('bad.exit'),
    );
    writeFileSync(path.join(dir, 'odd.pid'), '{"supervisorPid":-1}');
    assert.throws(
      () => readPidRecord(dir, 'odd'),
      (err) => isDispatchError(err, 'state-corrupt'),
    );
  });

  it('refuses to write an invalid record', () => {
    assert.throws(() => writeExitRecord(dir, { ...exit, outputBytes: -1 }));
  });
});
