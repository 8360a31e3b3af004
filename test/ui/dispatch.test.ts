// What a person sees of Agent Dispatch in a real workbench. Saves docs/screenshots/dispatch-views.png
// for the README.
import { collapseView } from '../support/dispatchViews';
import { screenshotFile } from '../support/screenshots';
import { openWorkbench, type Workbench } from '../support/workbench';

describe('Dispatch in the workbench', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ files: { 'README.md': '# A workspace for the ui tests\n' } });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows "Dispatch: idle" in the status bar once activated', async () => {
    await wb.page.locator('.statusbar-item', { hasText: 'Dispatch: idle' }).waitFor({ timeout: 60_000 });
  });

  it('opens the Dispatch container with the Workers and Tasks views and their welcome text', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label="Dispatch"]').click();
    const sidebar = wb.page.locator('.part.sidebar');
    await sidebar.locator('.pane-header', { hasText: 'Workers' }).waitFor();
    await sidebar.locator('.pane-header', { hasText: 'Tasks' }).waitFor();
    await sidebar.getByText('No agent is running in any window of this workspace.').waitFor();
    await sidebar.getByText('No tasks yet.', { exact: false }).waitFor();

    await wb.screenshot(screenshotFile('dispatch-views'));
  });

  for (const name of ['Workers', 'Tasks', 'Schedules'] as const) {
    it(`shows and focuses the ${name} view with "Focus on ${name} View" from the palette`, async () => {
      // Start from a collapsed view in a hidden container, so every part of the effect shows.
      await collapseView(wb.page, name);
      await wb.runCommand('View: Show Explorer');
      const header = wb.page.locator('.part.sidebar .pane-header', { hasText: name });
      await header.waitFor({ state: 'hidden' });

      await wb.runCommand(`Dispatch: Focus on ${name} View`);
      await wb.page.locator('.part.sidebar .pane-header[aria-expanded="true"]', { hasText: name }).waitFor();
      await wb.page.waitForFunction((view) => {
        const pane = document.activeElement?.closest('.pane');
        return pane?.querySelector('.pane-header')?.textContent?.includes(view) ?? false;
      }, name);
    });
  }

  it('shows the "Agent Dispatch" output channel after "Dispatch: Show Logs" from the palette', async () => {
    const showsChannel = () =>
      [...document.querySelectorAll<HTMLSelectElement>('.part.panel select')].some(
        (s) => s.value === 'Agent Dispatch' && s.checkVisibility(),
      );
    if (await wb.page.evaluate(showsChannel)) throw new Error('the channel was visible before the command');

    await wb.runCommand('Dispatch: Show Logs');
    await wb.page.waitForFunction(showsChannel);
    // The channel's own content, not just its name in the picker: activate() logs this line.
    await wb.page.locator('.part.panel .view-lines', { hasText: 'activated' }).waitFor();
  });
});
