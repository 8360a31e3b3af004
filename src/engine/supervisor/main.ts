/**
 * Entry point of the task supervisor process (dist/supervisor.js). The engine starts one per
 * task, detached, so a task survives the window that launched it. Filled in by the engine work.
 */
console.error('dispatch supervisor: not implemented yet');
process.exit(2);
