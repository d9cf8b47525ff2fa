import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../../..");
const DIST_COMPONENTS = path.resolve(__dirname, "../../components");

/** Runs `script` in a fresh Node process where `blocked` packages cannot be resolved, as if not installed. */
function runWithout(blocked: string[], script: string): { status: number; stdout: string; stderr: string } {
    const preload = `
const Module = require("node:module");
const blocked = ${JSON.stringify(blocked)};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
    if (blocked.some((b) => request === b || request.startsWith(b + "/"))) {
        const err = new Error("Cannot find module '" + request + "'");
        err.code = "MODULE_NOT_FOUND";
        throw err;
    }
    return resolve.call(this, request, ...rest);
};`;
    try {
        const stdout = execFileSync(process.execPath, ["-e", `${preload}\n${script}`], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        return { status: 0, stdout, stderr: "" };
    } catch (err) {
        const e = err as { status: number; stdout: string; stderr: string };
        return { status: e.status, stdout: e.stdout, stderr: e.stderr };
    }
}

/** The names a cloud's index re-exports (`export * from "./x"`), read from the source of each file. */
function exportsOf(cloud: string): string[] {
    const dir = path.join(REPO, "components", cloud);
    const index = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    const names = new Set<string>();
    for (const [, file] of index.matchAll(/export \* from "\.\/([\w-]+)"/g)) {
        const text = fs.readFileSync(path.join(dir, `${file}.ts`), "utf8");
        for (const [, name] of text.matchAll(/^export (?:declare )?(?:abstract )?(?:interface|type|class|const|let|function|enum) (\w+)/gm)) names.add(name);
    }
    return [...names].sort();
}

describe("mlguard/components root entry", () => {
    it("`aws` works without @pulumi/gcp installed, and `gcp` then says what to install", () => {
        const out = runWithout(
            ["@pulumi/gcp"],
            `const { aws, MlguardComponentError } = require(${JSON.stringify(DIST_COMPONENTS)});
console.log(typeof aws.MlKmsKey, typeof aws.SecureNotebookInstance, typeof MlguardComponentError);
try { require(${JSON.stringify(DIST_COMPONENTS)}).gcp.VertexCmekKey; console.log("gcp loaded"); } catch (e) { console.log(e.message); }`,
        );
        assert.equal(out.status, 0, out.stderr);
        assert.deepEqual(out.stdout.trim().split("\n"), [
            "function function function",
            "mlguard/components: the GCP components need @pulumi/gcp; install it with `npm install @pulumi/gcp`",
        ]);
    });

    it("`gcp` works without @pulumi/aws installed", () => {
        const out = runWithout(["@pulumi/aws"], `console.log(typeof require(${JSON.stringify(DIST_COMPONENTS)}).gcp.SecureWorkbenchInstance);`);
        assert.equal(out.status, 0, out.stderr);
        assert.equal(out.stdout.trim(), "function");
    });

    it("loading the root entry loads neither cloud SDK", () => {
        const out = runWithout([], `require(${JSON.stringify(DIST_COMPONENTS)});
console.log(Object.keys(require.cache).filter((f) => /node_modules[\\\\/]@pulumi[\\\\/](aws|gcp)[\\\\/]/.test(f)).length);`);
        assert.equal(out.stdout.trim(), "0");
    });

    for (const cloud of ["aws", "gcp"]) {
        it(`the ${cloud} namespace of the root entry lists every export of components/${cloud}`, () => {
            const root = fs.readFileSync(path.join(REPO, "components", "index.ts"), "utf8");
            const block = new RegExp(`export declare namespace ${cloud} \\{([^}]*)\\}`).exec(root)?.[1] ?? "";
            const listed = [...block.matchAll(/export import (\w+) = /g)].map((m) => m[1]).sort();
            assert.deepEqual(listed, exportsOf(cloud), `update the ${cloud} namespace in components/index.ts`);
        });
    }
});
