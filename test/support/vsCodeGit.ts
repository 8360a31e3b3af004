// For vscode-tier suites that make git repositories inside the test workspace.
import * as vscode from 'vscode';

/**
 * Mocha hooks that turn VS Code's own git extension off for the suite: it would find the test
 * repositories and run git in them too, racing the tests' own git commands.
 */
export function vsCodeGitOffInSuite(): void {
  before(async () => {
    await vscode.workspace
      .getConfiguration('git')
      .update('enabled', false, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('git')
      .update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
  });
}
