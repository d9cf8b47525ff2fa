import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { allControls } from "../../catalog/controls";
import { tempDir } from "../support/temp-dir";

const BIN = path.resolve(__dirname, "..", "..", "cli", "main.js");
const PKG = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "package.json"), "utf8"));

function mlguard(args: string[], cwd = os.tmpdir(), env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("mlguard (built binary)", () => {
    it("--version prints the package version and loads neither Pulumi nor the catalog", () => {
        const r = mlguard(["--version"]);
        assert.deepEqual([r.code, r.stdout, r.stderr], [0, `${PKG.version}\n`, ""]);
        const probe = spawnSync(process.execPath, ["-e", `process.argv=[process.argv[0], ${JSON.stringify(BIN)}, "--version"]; require(${JSON.stringify(BIN)}); setTimeout(() => console.error(JSON.stringify(Object.keys(require.cache))), 50)`], { encoding: "utf8" });
        const loaded: string[] = JSON.parse(probe.stderr);
        assert.ok(!loaded.some((m) => m.includes("@pulumi")), "no Pulumi SDK");
        assert.ok(!loaded.some((m) => m.includes(`${path.sep}catalog${path.sep}`)), "no catalog");
        assert.ok(!loaded.some((m) => m.includes(`${path.sep}terraform-checks${path.sep}`)), "no Terraform engine");
        assert.ok(!loaded.some((m) => /node_modules[\\/](ajv|yaml)[\\/]/.test(m)), "no config libraries");
    });

    it("--help lists the commands and the exit codes", () => {
        const r = mlguard(["--help"]);
        assert.equal(r.code, 0);
        for (const word of ["scan", "rules", "explain", "init", "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage"]) assert.ok(r.stdout.includes(word), word);
        const scan = mlguard(["scan", "--help"]);
        for (const flag of ["--plan", "--var-file", "--var ", "--format", "--output", "--fail-on", "--min-severity", "--rule", "--skip-rule", "--tag", "--baseline", "--update-baseline", "--config", "--concurrency", "--no-color"]) {
            assert.ok(scan.stdout.includes(flag), flag);
        }
    });

    it("rules --format json lists every control with its metadata", () => {
        const r = mlguard(["rules", "--format", "json"]);
        assert.equal(r.code, 0);
        const rules = JSON.parse(r.stdout) as Array<{ id: string; severity: string; docsUrl: string; aliases: object }>;
        assert.deepEqual(rules.map((x) => x.id).sort(), allControls.map((c) => c.id).sort());
        for (const rule of rules) assert.ok(rule.docsUrl.endsWith(`/docs/controls/${rule.id}.md`));
        const text = mlguard(["rules"]);
        assert.equal(text.stdout.split("\n").filter((l) => /^(critical|high|medium|low) /.test(l)).length, allControls.length);
    });

    it("explain accepts an id or a peer alias; an unknown id exits 2", () => {
        const byId = mlguard(["explain", "aws-sagemaker-notebook-no-direct-internet"]);
        const byAlias = mlguard(["explain", "CKV_AWS_122"]);
        assert.equal(byId.code, 0);
        assert.equal(byAlias.stdout, byId.stdout);
        assert.match(byId.stdout, /^aws-sagemaker-notebook-no-direct-internet \(high, aws\)\n/);
        assert.match(byId.stdout, /Fix \(Terraform\)\n {2}Set `direct_internet_access = "Disabled"`/);
        const unknown = mlguard(["explain", "aws-nope"]);
        assert.equal(unknown.code, 2);
        assert.match(unknown.stderr, /^mlguard: explain: unknown control "aws-nope"/);
    });

    it("init writes .mlguard.yaml with $schema and refuses to overwrite without --force", () => {
        const dir = tempDir("mlguard-init-");
        assert.equal(mlguard(["init"], dir).code, 0);
        const text = fs.readFileSync(path.join(dir, ".mlguard.yaml"), "utf8");
        assert.match(text, /^\$schema: https:\/\/unpkg\.com\/mlguard\/schemas\/mlguard-config\.schema\.json$/m);
        fs.writeFileSync(path.join(dir, ".mlguard.yaml"), "# mine\n");
        const again = mlguard(["init"], dir);
        assert.equal(again.code, 2);
        assert.match(again.stderr, /already exists; use --force/);
        assert.equal(fs.readFileSync(path.join(dir, ".mlguard.yaml"), "utf8"), "# mine\n");
        assert.equal(mlguard(["init", "--force"], dir).code, 0);
        assert.equal(fs.readFileSync(path.join(dir, ".mlguard.yaml"), "utf8"), text);
    });

    const usage: Array<[string[], RegExp]> = [
        [["scan", "--fail-on", "urgent"], /--fail-on <severity>' argument 'urgent' is invalid/],
        [["scan", "--bogus"], /unknown option '--bogus'/],
        [["scan", "--format", "xml"], /--format: unknown format "xml"/],
        [["scan", "--format", "json", "--format", "sarif"], /--format: json and sarif would both write to standard output/],
        [["scan", "--rule", "aws-nope-*"], /--rule: "aws-nope-\*" matches no control/],
        [["scan", "--concurrency", "many"], /--concurrency: expected "auto" or a whole number from 1 to 64, got "many"/],
        [["scan", "--var", "1x=2"], /--var: expected NAME=VALUE/],
        [["scan", "no/such/dir"], /path not found: no\/such\/dir/],
        [["scan", "--baseline", "missing.json"], /--baseline: file not found: missing\.json/],
        [["scan", "--config", "missing.yaml"], /missing\.yaml: config file not found/],
        [["frobnicate"], /unknown command 'frobnicate'/],
        [[], /Usage: mlguard/],
    ];
    for (const [args, message] of usage) {
        it(`usage error → exit 2 with one message: mlguard ${args.join(" ")}`, () => {
            const r = mlguard(args);
            assert.equal(r.code, 2, r.stderr);
            assert.match(r.stderr, message);
            if (args.length > 0) assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
        });
    }
});
