import * as assert from "node:assert/strict";
import { BaselineError, applyBaseline, baselineEntry, parseBaseline, serializeBaseline, updateBaseline } from "../../cli/baseline";
import { fixtureResult } from "./fixture";

describe("baseline", () => {
    const findings = fixtureResult().findings.filter((f) => f.status === "fail");
    const entries = findings.map((f) => baselineEntry(f, f.location.kind === "file" ? f.location.file : ""));
    const coverAll = { controls: new Set(findings.map((f) => f.controlId)), covers: () => true };

    it("round-trips: serialised, parsed and applied, it suppresses exactly the recorded findings", () => {
        const text = serializeBaseline(updateBaseline(undefined, entries, coverAll));
        const parsed = parseBaseline(text, "b.json");
        const applied = applyBaseline(findings, parsed);
        assert.equal(applied.kept.length, 0);
        assert.equal(applied.baselined.length, findings.length);
        assert.deepEqual(applied.stale, []);
        assert.equal(serializeBaseline(parsed), text, "stable serialisation");
    });

    it("is sorted and readable: version, then entries with control id, resource and file", () => {
        const data = JSON.parse(serializeBaseline(updateBaseline(undefined, [...entries].reverse(), coverAll)));
        assert.equal(data.version, 1);
        assert.deepEqual(Object.keys(data.entries[0]), ["fingerprint", "controlId", "resource", "file"]);
        const keys = data.entries.map((e: { file: string; controlId: string; resource: string }) => `${e.file} ${e.controlId} ${e.resource}`);
        assert.deepEqual(keys, [...keys].sort());
    });

    it("reports new findings and stale entries", () => {
        const baseline = updateBaseline(undefined, [...entries.slice(1), { fingerprint: "f".repeat(32) + ":1", controlId: "aws-kms-key-rotation", resource: "aws_kms_key.gone", file: "main.tf" }], coverAll);
        const applied = applyBaseline(findings, baseline);
        assert.deepEqual(applied.kept, [findings[0]]);
        assert.deepEqual(applied.stale.map((e) => e.resource), ["aws_kms_key.gone"]);
    });

    it("update prunes stale entries it could see, and keeps entries outside this run's controls or paths", () => {
        const previous = updateBaseline(undefined, [
            { fingerprint: "a".repeat(32) + ":1", controlId: "aws-kms-key-rotation", resource: "aws_kms_key.gone", file: "envs/prod/main.tf" },
            { fingerprint: "b".repeat(32) + ":1", controlId: "aws-kms-key-rotation", resource: "aws_kms_key.dev", file: "envs/dev/main.tf" },
            { fingerprint: "c".repeat(32) + ":1", controlId: "aws-iam-passrole-scoped", resource: "aws_iam_policy.p", file: "envs/prod/iam.tf" },
        ], coverAll);
        const next = updateBaseline(previous, entries, {
            controls: new Set(["aws-kms-key-rotation", ...findings.map((f) => f.controlId)]),
            covers: (file) => file.startsWith("envs/prod/") || file.startsWith("modules/"),
        });
        const resources = next.entries.map((e) => e.resource);
        assert.ok(!resources.includes("aws_kms_key.gone"), "pruned");
        assert.ok(resources.includes("aws_kms_key.dev"), "outside the scanned paths");
        assert.ok(resources.includes("aws_iam_policy.p"), "control not selected");
        assert.equal(next.entries.length, entries.length + 2);
    });

    const invalid: Array<[string, string]> = [
        ["{", "b.json: not valid JSON"],
        ["[]", 'b.json: expected an object with "version" and "entries"'],
        ['{"version": 2, "entries": []}', 'b.json: "version" must be 1, got 2'],
        ['{"version": 1, "entries": [{"fingerprint": "x"}]}', "b.json: entries[0].controlId must be a string"],
    ];
    for (const [text, message] of invalid) {
        it(`rejects ${text} with a precise message`, () => {
            assert.throws(() => parseBaseline(text, "b.json"), (err: Error) => err instanceof BaselineError && err.message.startsWith(message));
        });
    }
});
