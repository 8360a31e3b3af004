// Issue 14 as a person meets it in a VS Code window: a task delegated from a terminal runs in its
// own git worktree (dispatch.worktree.mode is on in the workspace's settings); its Tasks row says
// what it changed, expands to the file, a click opens the diff editor base ↔ task, the row's
// inline Apply brings the change into the workspace, its menu opens the worktree in a new window,
// and the output panel's Discard removes the worktree. Saves docs/screenshots/worktree-review.png
// and worktree-applied.png for the README.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { runCli } from '../support/cli';
import { dispatchView, row, toast, widenSideBar } from '../support/dispatchViews';
import { GitRepo } from '../support/gitRepo';
import { outputPanelFrame } from '../support/outputPanelFrame';
import { screenshotFile } from '../support/screenshots';
import { fakeAgentSettings } from '../support/uiTasks';
import { openWorkbench, type Workbench } from '../support/workbench';

describe('Reviewing a worktree task in the workbench', () => {
  let wb: Workbench;
  let repo: GitRepo;

  before(async () => {
    const settings = fakeAgentSettings({
      'dispatch.worktree.mode': 'on',
      // VS Code's own git extension would run git in the repository alongside the test.
      'git.enabled': false,
    });
    wb = await openWorkbench({
      files: { '.vscode/settings.json': settings, 'a.txt': 'one\ntwo\nthree\n' },
    });
    repo = new GitRepo(wb.workspace, { '.gitignore': '.vscode/\n' });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
  });

  it('opens the diff from the Tasks view, applies it from the row, and discards from the panel', async () => {
    const { page } = wb;
    const title = 'Edit a.txt';
    const run = runCli(wb.workspace, [
      'delegate',
      'sed -i s/two/TWO/ a.txt',
      '--agent',
      'shell',
      '--title',
      title,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const id = run.stdout.trim();

    const tasks = await dispatchView(page, 'Tasks');
    await widenSideBar(page, 520);
    await row(tasks, /^Completed/).click({ timeout: 60_000 }); // the group starts collapsed
    const taskRow = row(tasks, title);
    await taskRow.filter({ hasText: '1 file changed' }).waitFor({ timeout: 60_000 });
    await taskRow.locator('.monaco-tl-twistie').click();
    await row(tasks, /^a\.txt/).click();

    const tab = page.locator('.tabs-container .tab', { hasText: `a.txt (base ↔ task ${id})` });
    await tab.waitFor({ timeout: 30_000 });
    const diff = page.locator('.monaco-diff-editor');
    // Side by side or inline (as wide as the editor is): the task's lines, and the base's "two".
    await diff
      .locator('.view-lines', { hasText: /^one\s*TWO\s*three$/ })
      .first()
      .waitFor();
    await diff
      .locator('.view-lines', { hasText: /^(one\s*)?two(\s*three)?$/ })
      .first()
      .waitFor();
    assert.equal(repo.read('a.txt'), 'one\ntwo\nthree\n', 'reviewing changes nothing');
    await taskRow.hover(); // its inline Apply and Discard show
    await taskRow.locator('.action-label[aria-label="Apply Changes"]').waitFor();
    await wb.screenshot(screenshotFile('worktree-review'));

    await taskRow.locator('.action-label[aria-label="Apply Changes"]').click();
    await toast(page, `Applied the changes of "${title}" to the workspace: 1 file (a.txt).`).waitFor();
    assert.equal(repo.read('a.txt'), 'one\nTWO\nthree\n');
    await taskRow.filter({ hasText: 'applied' }).waitFor();
    await page.mouse.move(900, 700); // no hover over the row
    await wb.screenshot(screenshotFile('worktree-applied'));

    await taskRow.click(); // the row's own command: Show Output
    const frame = await outputPanelFrame(page, title, 60_000);
    await frame.locator('.worktree', { hasText: 'worktree · applied' }).waitFor();
    assert.equal(await frame.locator('.action-apply').isHidden(), true, 'applied: no Apply');
    const worktree = JSON.parse(runCli(wb.workspace, ['show', id, '--json']).stdout).worktree.path;
    assert.ok(existsSync(worktree));

    // The row's menu opens the worktree as a window of its own: here, a new page on that folder.
    const opened = page.context().waitForEvent('page');
    await taskRow.click({ button: 'right' });
    await page.locator('.context-view .action-label', { hasText: 'Open Worktree in New Window' }).hover();
    await page.keyboard.press('Enter');
    const window = await opened;
    await window.waitForURL(/folder=/);
    assert.equal(
      new URL(window.url()).searchParams.get('folder')?.replace(/^vscode-remote:\/\/[^/]*/, ''),
      worktree,
    );
    await window.close();

    // Applied, so nothing is lost: no question asked.
    await frame.locator('.action-discard').click();
    await frame.locator('.worktree', { hasText: 'worktree · discarded' }).waitFor({ timeout: 30_000 });
    await taskRow.filter({ hasText: 'discarded' }).waitFor();
    assert.ok(!existsSync(worktree));
    assert.ok(!repo.branches().includes(`dispatch/${id}`));
  });
});
