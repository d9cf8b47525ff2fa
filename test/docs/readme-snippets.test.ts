/**
 * The README's TypeScript snippets, as written, in a fresh CommonJS TypeScript project that
 * installs mlguard as a package: each `<!-- readme-snippet: FILE -->` block becomes FILE, the
 * project is type-checked and compiled with tsc, and the compiled snippets run with Node. The
 * components snippet is the program (`index.ts`) the testing snippets check.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../support/temp-dir";

const REPO = path.resolve(__dirname, "..", "..", "..");

/** The snippets marked in the README, by file name. */
export function readmeSnippets(markdown: string): Map<string, string> {
    const snippets = new Map<string, string>();
    for (const m of markdown.matchAll(/<!-- readme-snippet: ([\w.-]+) -->\r?\n```ts\r?\n([\s\S]*?)\r?\n```/g)) {
        assert.ok(!snippets.has(m[1]), `two README snippets are named ${m[1]}`);
        snippets.set(m[1], m[2] + "\n");
    }
    return snippets;
}

describe("README snippets in a CommonJS TypeScript project", function () {
    this.timeout(180_000);
    let dir: string;
    const snippets = readmeSnippets(fs.readFileSync(path.join(REPO, "README.md"), "utf8"));

    before(() => {
        dir = tempDir("mlguard-readme-");
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "readme-check", private: true, main: "index.js" }));
        fs.writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({ compilerOptions: { module: "commonjs", moduleResolution: "node10", target: "es2022", strict: true, esModuleInterop: true, skipLibCheck: true, types: ["node"] } }),
        );
        const modules = path.join(dir, "node_modules");
        fs.mkdirSync(modules);
        // mlguard as an installed package; the Pulumi SDKs and Node types it and the program use.
        fs.symlinkSync(REPO, path.join(modules, "mlguard"), "dir");
        fs.symlinkSync(path.join(REPO, "node_modules", "@pulumi"), path.join(modules, "@pulumi"), "dir");
        fs.symlinkSync(path.join(REPO, "node_modules", "@types"), path.join(modules, "@types"), "dir");
        for (const [file, text] of snippets) fs.writeFileSync(path.join(dir, file), text);
    });

    it("marks the program and the testing snippets", () => {
        assert.deepEqual([...snippets.keys()].sort(), ["check.ts", "index.ts", "one-mode.ts"]);
        assert.match(snippets.get("check.ts")!, /from "mlguard\/policypack\/testing"/);
        assert.match(snippets.get("index.ts")!, /from "mlguard\/components"/);
    });

    it("type-check and compile with tsc", () => {
        const tsc = spawnSync(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
        assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    });

    for (const snippet of ["check", "one-mode"]) {
        it(`${snippet}.ts runs as written and passes on the components program`, () => {
            const run = spawnSync(process.execPath, [`${snippet}.js`], { cwd: dir, encoding: "utf8" });
            assert.equal(run.status, 0, run.stdout + run.stderr);
        });
    }

    it("check.ts fails on an insecure program", () => {
        const insecure = tempDir("mlguard-readme-insecure-");
        fs.symlinkSync(path.join(dir, "node_modules"), path.join(insecure, "node_modules"), "dir");
        fs.copyFileSync(path.join(dir, "check.js"), path.join(insecure, "check.js"));
        fs.writeFileSync(path.join(insecure, "index.js"), `const aws = require("@pulumi/aws");\nnew aws.sagemaker.NotebookInstance("open", { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/x" });\n`);
        const run = spawnSync(process.execPath, ["check.js"], { cwd: insecure, encoding: "utf8" });
        assert.equal(run.status, 1);
        assert.match(run.stderr, /aws-sagemaker-notebook-no-direct-internet/);
    });
});
