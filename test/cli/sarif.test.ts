import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import AjvDraft04 from "ajv-draft-04";
import { formatSarif } from "../../cli/report";
import { SARIF_MAX_RESULTS, SECURITY_SEVERITY } from "../../cli/report/sarif";
import type { ScanResult } from "../../cli/result";
import { CONTROLS, SOURCES, engineOutput, fixtureResult } from "./fixture";

// The official SARIF 2.1.0 schema (OASIS, via SchemaStore), as shipped in @microsoft/jest-sarif.
const schema = JSON.parse(fs.readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
// The schema has a language-tag pattern that is invalid under the `u` flag, and formats need ajv-formats; both are off.
const validateSarif = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function sarif(result: ScanResult, includeSuppressed = false): Json {
    const text = formatSarif(result, CONTROLS, { includeSuppressed });
    const log = JSON.parse(text);
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
    return log;
}

describe("SARIF", () => {
    const log = sarif(fixtureResult());
    const run = log.runs[0];

    it("validates against the official SARIF 2.1.0 schema", () => {
        assert.equal(log.version, "2.1.0");
        assert.equal(typeof log.$schema, "string");
    });

    it("has every field GitHub code scanning requires (scanner.md §1.4)", () => {
        assert.equal(log.runs.length, 1);
        assert.equal(run.tool.driver.name, "mlguard");
        assert.ok(run.tool.driver.rules.length > 0);
        for (const rule of run.tool.driver.rules) {
            assert.ok(rule.id, "rule id");
            assert.ok(rule.shortDescription.text.length > 0 && rule.shortDescription.text.length <= 1024, `${rule.id} shortDescription`);
            assert.ok(rule.fullDescription.text, `${rule.id} fullDescription`);
            assert.ok(rule.help.text, `${rule.id} help.text`);
            assert.match(rule.help.markdown, /\[Documentation\]\(https:\/\/unpkg\.com\/mlguard\/docs\/controls\//);
            assert.ok(rule.name.length <= 255);
            assert.ok(rule.properties.tags.includes("security"));
            assert.ok(rule.properties.tags.length <= 20);
            assert.match(rule.properties["security-severity"], /^\d+\.\d$/);
            assert.equal(rule.helpUri, undefined, "GitHub ignores helpUri; the link lives in help.markdown");
        }
        assert.ok(run.results.length > 0);
        for (const r of run.results) {
            assert.ok(r.message.text);
            assert.ok(r.locations.length >= 1);
            const pl = r.locations[0].physicalLocation;
            assert.ok(!/^[a-z]+:/i.test(pl.artifactLocation.uri), `repo-relative uri, got ${pl.artifactLocation.uri}`);
            assert.equal(pl.artifactLocation.uriBaseId, "%SRCROOT%");
            for (const k of ["startLine", "startColumn", "endLine", "endColumn"]) assert.equal(typeof pl.region[k], "number", k);
            assert.equal(pl.region.endLine, pl.region.startLine, "one-line region, so pull-request annotations appear");
            assert.ok(pl.region.endColumn > pl.region.startColumn);
            assert.match(r.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{32}:\d+$/);
            assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
        }
        assert.match(run.automationDetails.id, /^mlguard\/.+\/$/);
    });

    it("maps severities to GitHub's security-severity scale", () => {
        assert.deepEqual(SECURITY_SEVERITY, { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0" });
        const byId = new Map(run.tool.driver.rules.map((r: Json) => [r.id, r]));
        assert.equal((byId.get("aws-iam-no-admin-wildcard") as Json).properties["security-severity"], "9.5");
        assert.equal((byId.get("aws-kms-key-rotation") as Json).properties["security-severity"], "5.5");
    });

    it("narrows a multi-line attribute to its first line", () => {
        const iam = run.results.find((r: Json) => r.ruleId === "aws-iam-no-admin-wildcard");
        assert.deepEqual(iam.locations[0].physicalLocation.region, { startLine: 3, startColumn: 3, endLine: 3, endColumn: 24 });
    });

    it("shows module call sites as related locations", () => {
        const nb = run.results.find((r: Json) => r.ruleId === "aws-sagemaker-notebook-no-direct-internet");
        assert.equal(nb.relatedLocations[0].message.text, 'via module.ml["a"]');
        assert.equal(nb.relatedLocations[0].physicalLocation.artifactLocation.uri, "envs/prod/main.tf");
    });

    it("percent-encodes non-ASCII paths in URIs", () => {
        const other = fixtureResult({
            output: engineOutput({
                findings: engineOutput().findings.map((f) => (f.location.kind === "file" && f.location.file === "envs/prod/iam.tf" ? { ...f, location: { ...f.location, file: "envs/prod/ïam policy.tf" } } : f)),
            }),
        });
        const r = sarif(other).runs[0].results.find((x: Json) => x.ruleId === "aws-iam-no-admin-wildcard");
        assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, "envs/prod/%C3%AFam%20policy.tf");
    });

    it("reports parse errors, check errors and suppression notices as tool execution notifications", () => {
        const notes = run.invocations[0].toolExecutionNotifications.map((n: Json) => n.descriptor.id);
        assert.deepEqual(notes, ["parse-error", "evaluate-warning", "check-error", "suppression-rejected", "suppression-expired", "suppression-unused"]);
        assert.equal(run.invocations[0].executionSuccessful, false);
        assert.ok(!run.results.some((r: Json) => r.ruleId === "aws-s3-kms-encrypted"), "a check error is not an alert");
    });

    it("leaves suppressed results out unless asked, and then marks them", () => {
        assert.ok(!run.results.some((r: Json) => r.ruleId === "aws-kms-key-rotation" || r.ruleId === "aws-sagemaker-notebook-no-root-access"));
        const withSuppressed = sarif(fixtureResult(), true).runs[0];
        const kms = withSuppressed.results.find((r: Json) => r.ruleId === "aws-kms-key-rotation");
        assert.deepEqual(kms.suppressions, [{ kind: "inSource", status: "accepted", justification: 'mlguard:ignore: Key is rotated by the "security" team | see SEC-12' }]);
    });

    it("keeps fingerprints when lines move", () => {
        const shift = (n: number) => (p: { line: number; column: number; offset: number }) => ({ ...p, line: p.line + n });
        const moved = engineOutput().findings.map((f) =>
            f.location.kind === "file" ? { ...f, location: { ...f.location, start: shift(10)(f.location.start), end: shift(10)(f.location.end) } } : f,
        );
        const sources = Object.fromEntries(Object.entries(SOURCES).map(([k, v]) => [k, "\n".repeat(10) + v]));
        const before = run.results.map((r: Json) => `${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`).sort();
        const after = sarif(fixtureResult({ output: engineOutput({ findings: moved }), sources: new Map(Object.entries(sources)) }))
            .runs[0].results.map((r: Json) => `${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`)
            .sort();
        assert.deepEqual(after, before);
    });

    it("caps results at GitHub's 5,000, most severe first, and says so", () => {
        const base = fixtureResult();
        const template = base.findings.find((f) => f.controlId === "aws-sagemaker-notebook-kms-encrypted")!;
        const critical = base.findings.find((f) => f.controlId === "aws-iam-no-admin-wildcard")!;
        const findings = [
            ...Array.from({ length: SARIF_MAX_RESULTS + 10 }, (_, i) => ({ ...template, resourceId: `aws_sagemaker_notebook_instance.n${i}`, fingerprint: `${i}`.padStart(32, "0") + ":1" })),
            critical,
        ];
        const big = sarif({ ...base, findings }).runs[0];
        assert.equal(big.results.length, SARIF_MAX_RESULTS);
        assert.equal(big.results[0].ruleId, "aws-iam-no-admin-wildcard");
        const note = big.invocations[0].toolExecutionNotifications.find((n: Json) => n.descriptor.id === "results-truncated");
        assert.match(note.message.text, /^11 of 5011 results were left out/);
    });
});
