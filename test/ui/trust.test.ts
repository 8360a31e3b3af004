// A workspace that is not trusted (Restricted Mode): the views still show tasks, but Delegate
// Task and Schedule Task start nothing and Apply Changes runs no git; each says why and offers
// "Manage Workspace Trust". The server keeps workspace trust on here, so the folder really opens
// untrusted.
import { dispatchView, toast } from '../support/dispatchViews';
import { openWorkbench, type Workbench } from '../support/workbench';

describe('Restricted Mode', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ workspaceTrust: true });
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
  });

  it('explains in the Workers view that nothing can start here', async () => {
    const workers = await dispatchView(wb.page, 'Workers');
    await workers.getByText('This workspace is in Restricted Mode', { exact: false }).waitFor();
    await workers.getByRole('button', { name: 'Manage Workspace Trust' }).waitFor();
  });

  it('explains in the Schedules view that no schedule fires here', async () => {
    const schedules = await dispatchView(wb.page, 'Schedules');
    await schedules
      .getByText('schedules are listed, but none can be created or fire', { exact: false })
      .waitFor();
  });

  it('refuses Schedule Task with the reason', async () => {
    await wb.runCommand('Dispatch: Schedule Task');
    const refusal = toast(wb.page, 'This workspace is not trusted');
    await refusal.waitFor();
    await wb.page
      .locator('.quick-input-widget .quick-input-title', { hasText: 'Schedule Task' })
      .waitFor({ state: 'hidden' });
    await refusal.hover();
    await refusal.getByRole('button', { name: /^Clear Notification/ }).click();
    await refusal.waitFor({ state: 'detached' });
  });

  it('runs no git for Apply Changes and says why', async () => {
    await wb.runCommand('Dispatch: Apply Changes');
    const refusal = toast(wb.page, 'so Agent Dispatch runs no git command in it');
    await refusal.waitFor();
    await refusal.getByRole('button', { name: 'Manage Workspace Trust' }).waitFor();
    await refusal.hover();
    await refusal.getByRole('button', { name: /^Clear Notification/ }).click();
    await refusal.waitFor({ state: 'detached' });
  });

  it('refuses Delegate Task with the reason and a way to trust the folder', async () => {
    await wb.runCommand('Dispatch: Delegate Task');
    const refusal = toast(wb.page, 'This workspace is not trusted');
    await refusal.waitFor();
    await wb.page
      .locator('.quick-input-widget input[placeholder^="e.g. Add unit tests"]')
      .waitFor({ state: 'hidden' });
    await refusal.getByRole('button', { name: 'Manage Workspace Trust' }).click();
    await wb.page.locator('.tab', { hasText: 'Workspace Trust' }).waitFor();
  });
});
