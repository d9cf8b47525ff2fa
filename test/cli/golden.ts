import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

/** The source tree's `test/cli/golden/` (tests run from `dist/test/cli/`). */
export const GOLDEN_DIR = path.resolve(__dirname, "..", "..", "..", "test", "cli", "golden");

/**
 * Compares `actual` with the golden file; `UPDATE_GOLDEN=1 npm test` rewrites it instead (review
 * the diff before committing).
 */
export function assertGolden(name: string, actual: string): void {
    const file = path.join(GOLDEN_DIR, name);
    if (process.env.UPDATE_GOLDEN) {
        fs.mkdirSync(GOLDEN_DIR, { recursive: true });
        fs.writeFileSync(file, actual);
        return;
    }
    assert.ok(fs.existsSync(file), `missing golden file ${path.relative(process.cwd(), file)}; run UPDATE_GOLDEN=1 npm test and review it`);
    assert.equal(actual, fs.readFileSync(file, "utf8"), `${name} differs from its golden file; if the change is intended, run UPDATE_GOLDEN=1 npm test and review the diff`);
}
