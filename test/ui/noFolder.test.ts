// A window with no folder open: the views say a folder is needed, and Delegate Task starts
// nothing, says why and offers "Open Folder".
import { dispatchView, toast } from '../support/dispatchViews';
import { openWorkbench, type Workbench } from '../support/workbench';

describe('A window without a folder', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ emptyWindow: true });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
  });

  it('explains in both views that a folder is needed', async () => {
    const workers = await dispatchView(wb.page, 'Workers');
    await workers.getByText('Open a folder to delegate coding tasks', { exact: false }).waitFor();
    await workers.getByRole('button', { name: 'Open Folder' }).waitFor();
    const tasks = await dispatchView(wb.page, 'Tasks');
    await tasks.getByText('Tasks are kept per folder', { exact: false }).waitFor();
  });

  it('refuses Delegate Task with the reason and Open Folder', async () => {
    await wb.runCommand('Dispatch: Delegate Task');
    const refusal = toast(wb.page, 'Open a folder to delegate tasks');
    await refusal.waitFor();
    await refusal.getByRole('button', { name: 'Open Folder' }).waitFor();
  });
});
