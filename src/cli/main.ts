/** The `dispatch` command (dist/cli.js). Filled in with the engine. */
const args = process.argv.slice(2);
if (args[0] === '--version') {
  console.log('0.1.0');
} else {
  console.error('dispatch: the command-line tool is not implemented yet');
  process.exitCode = 2;
}
