import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const read = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), "utf8"));

describe("shipped integrations", () => {
    it(".pre-commit-hooks.yaml: whole-directory scans, once per commit", () => {
        const hooks = read(".pre-commit-hooks.yaml") as Array<Record<string, unknown>>;
        const main = hooks.find((h) => h.id === "mlguard");
        assert.ok(main);
        for (const hook of hooks) {
            for (const key of ["id", "name", "entry", "language"]) assert.ok(hook[key], `${String(hook.id)}.${key}`);
            assert.equal(hook.pass_filenames, false);
            assert.equal(hook.require_serial, true);
            assert.match(String(hook.entry), /^mlguard scan /);
        }
    });

    it("action.yml: composite, uploads SARIF even when the gate fails, then fails with mlguard's exit code", () => {
        const action = read("action.yml");
        assert.equal(action.runs.using, "composite");
        const steps = action.runs.steps as Array<Record<string, unknown>>;
        const scan = steps.find((s) => s.id === "scan") as { run: string; env: Record<string, string> };
        assert.match(scan.run, /--format github --format "sarif=\$\{MLGUARD_SARIF\}"/);
        assert.ok(!/\$\{\{/.test(scan.run), "inputs reach the script through env, never by expansion");
        const upload = steps.find((s) => String(s.uses).startsWith("github/codeql-action/upload-sarif"));
        assert.match(String(upload?.if), /^always\(\)/);
        assert.equal(steps.indexOf(upload!), steps.length - 2);
    });

    it("CI examples parse and run mlguard", () => {
        const gh = read("examples/ci/github-actions.yml");
        assert.equal(gh.permissions["security-events"], "write");
        const gl = read("examples/ci/gitlab-ci.yml");
        assert.match(gl.mlguard.script[0], /mlguard@[\d.]+ scan .*--format junit=/);
        assert.equal(gl.mlguard.artifacts.reports.junit, "mlguard-junit.xml");
    });

    it("the package ships the schemas", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        assert.ok(pkg.files.includes("schemas"));
        assert.equal(pkg.bin.mlguard, "dist/cli/main.js");
        for (const dep of ["commander", "yaml", "ajv"]) assert.ok(pkg.dependencies[dep], dep);
    });
});
