/**
 * Temporary directories for tests. Each one is removed, with all it holds, when the test process
 * ends: after the last test, whether the tests passed or failed, after an uncaught error or a
 * `process.exit()`, and on SIGINT, SIGTERM or SIGHUP.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { atProcessEnd } from "./process-end";

const made = new Set<string>();

/** Removes every directory `tempDir` made; runs by itself when the process ends. */
function removeTempDirs(): void {
    for (const dir of made) {
        try {
            fs.rmSync(dir, { recursive: true, force: true });
        } catch (err) {
            process.stderr.write(`test/support/temp-dir: could not remove ${dir}: ${(err as Error).message}\n`);
        }
    }
    made.clear();
}

atProcessEnd(removeTempDirs);

/**
 * A new empty directory named `prefix` and six random characters, under `parent` (the system's
 * temporary directory by default), removed when the process ends. Symbolic links in it are
 * removed, not followed.
 */
export function tempDir(prefix: string, parent: string = os.tmpdir()): string {
    const dir = fs.mkdtempSync(path.join(parent, prefix));
    made.add(dir);
    return dir;
}
