import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tempDir } from "./temp-dir";

/** The compiled helper, for child processes to load. */
const HELPER = path.join(__dirname, "temp-dir.js");
const MOCHA = require.resolve("mocha/bin/mocha.js");

/** Everything below `dir`, as relative paths. */
function contents(dir: string): string[] {
    return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe("tempDir (test helper)", () => {
    it("makes a new empty directory under the system's temporary directory, named by the prefix", () => {
        const a = tempDir("mlguard-temp-dir-");
        const b = tempDir("mlguard-temp-dir-");
        assert.notEqual(a, b);
        for (const dir of [a, b]) {
            assert.ok(fs.statSync(dir).isDirectory());
            assert.deepEqual(fs.readdirSync(dir), []);
            assert.equal(path.dirname(dir), os.tmpdir());
            assert.match(path.basename(dir), /^mlguard-temp-dir-.{6}$/);
        }
    });

    it("makes it under another parent when given one", () => {
        const parent = tempDir("mlguard-temp-dir-");
        const dir = tempDir("inner-", parent);
        assert.equal(path.dirname(dir), parent);
        assert.ok(fs.statSync(dir).isDirectory());
    });

    // Each child process makes a directory with a file, a subdirectory and a link out of it, checks
    // that it is there, then ends as the row says (with that exit status or signal); after that
    // nothing may be left in `parent`.
    const endings: Array<[string, string, number | NodeJS.Signals]> = [
        ["the script ends", "", 0],
        ["it calls process.exit()", "process.exit(3);", 3],
        ["an error is thrown and not caught", 'throw new Error("on purpose");', 1],
        ["SIGINT arrives (and still ends it)", 'process.kill(process.pid, "SIGINT"); setInterval(() => {}, 1000);', "SIGINT"],
        ["SIGTERM arrives (and still ends it)", 'process.kill(process.pid, "SIGTERM"); setInterval(() => {}, 1000);', "SIGTERM"],
    ];
    for (const [ending, code, end] of endings) {
        it(`removes its directories when the process ends: ${ending}`, () => {
            const parent = tempDir("mlguard-temp-dir-");
            const outside = tempDir("mlguard-temp-dir-");
            fs.writeFileSync(path.join(outside, "keep.txt"), "not removed through a link");
            const script = [
                `const fs = require("node:fs");`,
                `const { tempDir } = require(${JSON.stringify(HELPER)});`,
                `const dir = tempDir("left-", ${JSON.stringify(parent)});`,
                `fs.writeFileSync(dir + "/file.txt", "x");`,
                `fs.mkdirSync(dir + "/sub");`,
                `fs.symlinkSync(${JSON.stringify(outside)}, dir + "/link");`,
                `console.log(JSON.stringify({ dir, there: fs.readdirSync(dir).sort() }));`,
                code,
            ].join("\n");
            const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 30_000, killSignal: "SIGKILL" });
            assert.equal(typeof end === "number" ? run.status : run.signal, end, run.stderr);
            const seen = JSON.parse(run.stdout) as { dir: string; there: string[] };
            assert.equal(path.dirname(seen.dir), parent);
            assert.deepEqual(seen.there, ["file.txt", "link", "sub"]);
            assert.deepEqual(contents(parent), [], "the directory outlived the process");
            assert.deepEqual(contents(outside), ["keep.txt"]);
        });
    }

    it("removes its directories after a mocha run whose test failed", () => {
        const parent = tempDir("mlguard-temp-dir-");
        const spec = path.join(tempDir("mlguard-temp-dir-"), "fails.test.js");
        fs.writeFileSync(
            spec,
            [
                `const assert = require("node:assert/strict");`,
                `const fs = require("node:fs");`,
                `const { tempDir } = require(${JSON.stringify(HELPER)});`,
                `it("fails on purpose", () => {`,
                `    const dir = tempDir("left-", ${JSON.stringify(parent)});`,
                `    fs.writeFileSync(dir + "/file.txt", "x");`,
                `    console.log("made " + dir);`,
                `    assert.fail("on purpose");`,
                `});`,
            ].join("\n"),
        );
        const run = spawnSync(process.execPath, [MOCHA, "--no-config", "--no-package", "--reporter", "dot", spec], { cwd: path.dirname(spec), encoding: "utf8" });
        assert.equal(run.status, 1, run.stdout + run.stderr);
        assert.ok(run.stdout.includes(`made ${path.join(parent, "left-")}`), run.stdout);
        assert.match(run.stdout, /1 failing/);
        assert.deepEqual(contents(parent), [], "the directory outlived the mocha run");
    });
});
