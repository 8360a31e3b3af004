import assert from 'node:assert/strict';
import { startBlock } from '../../../../src/extension/commands/startBlock';

describe('extension/commands/startBlock', () => {
  it('lets a trusted folder on disk start tasks', () => {
    assert.equal(startBlock({ folderScheme: 'file', trusted: true }), undefined);
  });

  it('refuses an untrusted workspace and offers Manage Workspace Trust', () => {
    const block = startBlock({ folderScheme: 'file', trusted: false });
    assert.equal(block?.reason, 'untrusted');
    assert.match(block!.message, /not trusted/);
    assert.deepEqual(block!.action, { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' });
  });

  it('asks for a folder first, even when the empty window is untrusted', () => {
    assert.equal(startBlock({ folderScheme: undefined, trusted: false })?.reason, 'no-folder');
    assert.equal(startBlock({ folderScheme: 'vscode-vfs', trusted: true })?.reason, 'not-on-disk');
  });
});
