/**
 * The `shell` agent: the only one where a shell parses the prompt, because there the prompt *is*
 * a command line (pipes, globs, `&&`). The user's own shell runs it, so it behaves as in their
 * terminal.
 */
export interface ShellCommand {
  command: string;
  args: string[];
  windowsVerbatimArguments?: boolean;
}

export function shellCommand(
  prompt: string,
  env: NodeJS.ProcessEnv,
  platform = process.platform,
): ShellCommand {
  if (platform === 'win32') {
    // cmd.exe takes the rest of its command line verbatim after /c; Node must not re-quote it.
    const comspec = env.ComSpec || env.COMSPEC || 'cmd.exe';
    return { command: comspec, args: ['/d', '/s', '/c', `"${prompt}"`], windowsVerbatimArguments: true };
  }
  // Only an absolute $SHELL: a relative one would be looked up in the task's folder.
  const shell = env.SHELL?.startsWith('/') ? env.SHELL : '/bin/sh';
  return { command: shell, args: ['-c', prompt] };
}
