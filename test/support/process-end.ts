/**
 * Work to do however a test or bench process ends: after the last test, after `process.exit()` or
 * an uncaught error, and on SIGINT, SIGTERM or SIGHUP, after which the signal still ends the
 * process as it would have (unless something else listens for it).
 */

const tasks = new Set<() => void>();

function runTasks(): void {
    for (const task of tasks) task();
}

/**
 * Runs `task` when the process ends (see above); adding the same function again does nothing.
 * `task` must be synchronous, must not throw, and may run twice (on a signal, then on exit).
 */
export function atProcessEnd(task: () => void): void {
    if (tasks.size === 0) {
        process.on("exit", runTasks);
        for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
            const alone = process.listenerCount(signal) === 0;
            process.once(signal, () => {
                runTasks();
                // Without other listeners the signal would have ended the process: keep that behaviour.
                if (alone) process.kill(process.pid, signal);
            });
        }
    }
    tasks.add(task);
}
