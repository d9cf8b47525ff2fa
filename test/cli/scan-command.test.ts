import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runScan } from "../../cli/commands/scan";
import type { ScanResult as EngineResult, ScanEngine, ScanOptions } from "../../cli/engine";
import type { ScanFlags } from "../../cli/options";
import { exitCodeFor } from "../../cli/pipeline";
import { tempDir } from "../support/temp-dir";
import { DIAGNOSTICS, FINDINGS, SOURCES, engineOutput, engineStats, fixtureResult } from "./fixture";

/** A stand-in for the Terraform engine that returns the synthetic scan (tests only). */
function fakeEngine(output: EngineResult): ScanEngine & { calls: Array<{ paths: string[]; options: ScanOptions }> } {
    const calls: Array<{ paths: string[]; options: ScanOptions }> = [];
    return {
        calls,
        async scanTerraform(paths, options) {
            calls.push({ paths, options });
            return output;
        },
    };
}

function flags(extra: Partial<ScanFlags> = {}): ScanFlags {
    return { varFile: [], var: [], format: [], rule: [], skipRule: [], tag: [], ...extra };
}

function tempProject(): string {
    const dir = tempDir("mlguard-scan-");
    for (const [file, text] of Object.entries(SOURCES)) {
        fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

function capture(cwd: string, env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    return {
        io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env, cwd },
        stdout: () => out.join(""),
        stderr: () => err.join(""),
    };
}

const clean: EngineResult = { findings: FINDINGS.filter((f) => f.status === "pass"), diagnostics: [], stats: engineStats(5, 7, 10), files: [] };
const noParseErrors = engineOutput({ diagnostics: DIAGNOSTICS.filter((d) => d.severity !== "error"), findings: FINDINGS.filter((f) => f.status !== "error") });
const deps = (output: EngineResult) => ({ engine: fakeEngine(output), today: () => "2026-06-01", now: () => 0 });

describe("exit codes", () => {
    const table: Array<[string, Parameters<typeof exitCodeFor>[1], 0 | 1 | 2, ReturnType<typeof fixtureResult>]> = [
        ["parse error → 2", { failOn: "high", allowParseErrors: false, unused: "warn" }, 2, fixtureResult()],
        ["parse error allowed, high finding → 1", { failOn: "high", allowParseErrors: true, unused: "warn" }, 1, fixtureResult()],
        ["--fail-on critical with a critical finding → 1", { failOn: "critical", allowParseErrors: true, unused: "warn" }, 1, fixtureResult()],
        ["--fail-on none → 0", { failOn: "none", allowParseErrors: true, unused: "warn" }, 0, fixtureResult()],
        ["unused suppression as error → 1", { failOn: "none", allowParseErrors: true, unused: "error" }, 1, fixtureResult()],
        ["clean → 0", { failOn: "low", allowParseErrors: false, unused: "warn" }, 0, fixtureResult({ output: clean })],
        ["unknown results never fail", { failOn: "low", allowParseErrors: false, unused: "warn" }, 0, fixtureResult({ output: { ...clean, findings: FINDINGS.filter((f) => f.status === "unknown") } })],
    ];
    for (const [name, plan, code, result] of table) it(name, () => assert.equal(exitCodeFor(result, plan), code));
});

describe("mlguard scan (in-process, engine replaced)", () => {
    let dir: string;
    beforeEach(() => {
        dir = tempProject();
    });

    it("passes validated options to the engine and exits 2 on a parse error", async () => {
        const c = capture(dir);
        const d = deps(engineOutput());
        const code = await runScan(["envs/prod"], flags({ var: ["region=eu-west-1"], rule: ["aws-sagemaker-*"], concurrency: "2", color: false }), c.io, d);
        assert.equal(code, 2);
        assert.deepEqual(d.engine.calls[0].paths, ["envs/prod"]);
        assert.deepEqual(d.engine.calls[0].options.vars, { region: "eu-west-1" });
        assert.equal(d.engine.calls[0].options.concurrency, 2);
        assert.ok(d.engine.calls[0].options.controls!.every((ctl) => ctl.id.startsWith("aws-sagemaker-")));
        assert.match(c.stdout(), /Problems reading the configuration\n {2}envs\/prod\/broken\.tf:2:12 {2}error {2}Invalid expression/);
    });

    it("prints only a summary line when clean, and nothing with --quiet", async () => {
        const c = capture(dir);
        assert.equal(await runScan([], flags(), c.io, deps(clean)), 0);
        assert.equal(c.stdout(), "✔ No findings: 7 resources in 5 files (0.0 s)\n");
        assert.equal(c.stderr(), "");
        const q = capture(dir);
        assert.equal(await runScan([], flags({ quiet: true }), q.io, deps(clean)), 0);
        assert.equal(q.stdout() + q.stderr(), "");
    });

    it("writes several formats to files and the summary to stderr", async () => {
        const c = capture(dir);
        const code = await runScan([], flags({ format: ["sarif=out/r.sarif", "junit=out/r.xml", "json"], output: "out/r.json" }), c.io, deps(noParseErrors));
        assert.equal(code, 1);
        assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "out/r.sarif"), "utf8")).version, "2.1.0");
        assert.match(fs.readFileSync(path.join(dir, "out/r.xml"), "utf8"), /^<\?xml/);
        assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "out/r.json"), "utf8")).version, 1);
        assert.equal(c.stdout(), "");
        assert.match(c.stderr(), /^✖ 5 findings \(5 high\): 7 resources in 5 files/);
    });

    it("applies config severity overrides, --fail-on and exemptions from .mlguard.yaml", async () => {
        fs.writeFileSync(
            path.join(dir, ".mlguard.yaml"),
            ["failOn: critical", "rules:", "  aws-iam-no-admin-wildcard:", "    exemptions:", "      - resource: aws_iam_policy.*", "        reason: break-glass role"].join("\n"),
        );
        // The runner sets `exemption` on findings from the settings it is given; emulate that here.
        const d = deps(noParseErrors);
        const original = d.engine.scanTerraform;
        d.engine.scanTerraform = async (paths, options) => {
            const out = await original(paths, options);
            const ex = options.settings?.["aws-iam-no-admin-wildcard"]?.exemptions?.[0];
            return { ...out, findings: out.findings.map((f) => (ex && f.controlId === "aws-iam-no-admin-wildcard" ? { ...f, exemption: { reason: ex.reason } } : f)) };
        };
        const c = capture(dir);
        assert.equal(await runScan([], flags({ format: ["json"] }), c.io, d), 0, "only high findings remain; failOn is critical");
        const report = JSON.parse(c.stdout());
        assert.deepEqual(report.suppressed.filter((f: { suppression: { kind: string } }) => f.suppression.kind === "config").map((f: { ruleId: string }) => f.ruleId), ["aws-iam-no-admin-wildcard"]);
    });

    it("reports config errors with exit 2", async () => {
        fs.writeFileSync(path.join(dir, ".mlguard.yaml"), "failOn: urgent\n");
        const c = capture(dir);
        assert.equal(await runScan([], flags(), c.io, deps(clean)), 2);
        assert.match(c.stderr(), /^mlguard: \.mlguard\.yaml:1:9: failOn: expected one of/);
        const n = capture(dir);
        assert.equal(await runScan([], flags({ config: false }), n.io, deps(clean)), 0, "--no-config ignores it");
    });

    it("creates, uses and prunes a baseline", async () => {
        const c = capture(dir);
        assert.equal(await runScan([], flags({ updateBaseline: true, allowParseErrors: true }), c.io, deps(engineOutput())), 0, "everything is baselined after an update");
        const file = path.join(dir, ".mlguard-baseline.json");
        const baseline = JSON.parse(fs.readFileSync(file, "utf8"));
        assert.equal(baseline.entries.length, 5);
        assert.match(c.stderr(), /wrote 5 entries to \.mlguard-baseline\.json/);

        const again = capture(dir);
        assert.equal(await runScan([], flags({ baseline: ".mlguard-baseline.json", format: ["json"], allowParseErrors: true }), again.io, deps(engineOutput())), 0);
        assert.equal(JSON.parse(again.stdout()).summary.findings, 0);

        const fewer = engineOutput({ findings: FINDINGS.filter((f) => f.controlId !== "aws-iam-no-admin-wildcard") });
        const stale = capture(dir);
        await runScan([], flags({ baseline: ".mlguard-baseline.json", format: ["json"], allowParseErrors: true }), stale.io, deps(fewer));
        assert.deepEqual(JSON.parse(stale.stdout()).notices.filter((n: { kind: string }) => n.kind === "stale-baseline").length, 1);
        await runScan([], flags({ baseline: ".mlguard-baseline.json", updateBaseline: true, allowParseErrors: true }), capture(dir).io, deps(fewer));
        assert.equal(JSON.parse(fs.readFileSync(file, "utf8")).entries.length, 4, "pruned");
    });

    it("with --format github, appends a Markdown job summary to $GITHUB_STEP_SUMMARY", async () => {
        const summary = path.join(dir, "summary.md");
        fs.writeFileSync(summary, "# earlier step\n");
        const c = capture(dir, { GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: "true" });
        await runScan([], flags({ format: ["github"] }), c.io, deps(noParseErrors));
        assert.match(c.stdout(), /^::error file=envs\/prod\/iam\.tf,line=3/m);
        const text = fs.readFileSync(summary, "utf8");
        assert.ok(text.startsWith("# earlier step\n### mlguard: ✖ 5 findings"), text);
        assert.match(text, /\| Severity \| Control \| Location \| Resource \| Message \|/);
    });
});
