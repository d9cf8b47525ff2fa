import * as assert from "node:assert/strict";
import { formatGithub, formatJson, formatJunit, formatMarkdown, formatPretty, formatSarif } from "../../cli/report";
import { escapeData, escapeProperty } from "../../cli/report/github";
import { cell, code } from "../../cli/report/markdown";
import { markerLine } from "../../cli/report/pretty";
import { splitAddress } from "../../cli/report/shared";
import { CONTROLS, engineStats, fixtureResult } from "./fixture";
import { assertGolden } from "./golden";

describe("reporters (golden files over the synthetic scan)", () => {
    const result = fixtureResult();

    it("pretty", () => assertGolden("pretty.txt", formatPretty(result, CONTROLS, { color: false })));
    it("pretty with suppressed findings listed", () => assertGolden("pretty-suppressed.txt", formatPretty(result, CONTROLS, { color: false, includeSuppressed: true })));
    it("json", () => assertGolden("report.json", formatJson(result, CONTROLS)));
    it("sarif", () => assertGolden("report.sarif", formatSarif(result, CONTROLS)));
    it("junit", () => assertGolden("junit.xml", formatJunit(result, CONTROLS)));
    it("github", () => assertGolden("github.txt", formatGithub(result, CONTROLS)));
    it("markdown", () => assertGolden("markdown.md", formatMarkdown(result, CONTROLS)));
    it("pretty on a clean scan is one summary line", () => {
        const clean = fixtureResult({ output: { findings: [], diagnostics: [], stats: engineStats(3, 0), files: [] } });
        assert.equal(formatPretty(clean, CONTROLS), "✔ No findings: 0 resources in 3 files (1.2 s)\n");
    });
});

describe("pretty", () => {
    const result = fixtureResult();

    it("colours only when asked", () => {
        assert.ok(!formatPretty(result, CONTROLS, { color: false }).includes("\u001b["));
        assert.ok(!formatPretty(result, CONTROLS).includes("\u001b["));
        assert.ok(formatPretty(result, CONTROLS, { color: true }).includes("\u001b[31m"));
    });

    it("never lets untrusted text start a line or carry escapes", () => {
        const text = formatPretty(result, CONTROLS, { color: false });
        assert.ok(!/^::/m.test(text), "a message must not forge a workflow command");
        assert.ok(text.includes("100% admin, everywhere.\\n::warning::forged"));
    });

    const markers: Array<[string, number, number | undefined, string]> = [
        ["  a = b", 3, 8, "  ^^^^^"],
        ["\ta = b", 2, 3, "\t^"],
        ["  名前 = x", 3, 5, "  ^^^^"],
        ["  x = 1   ", 3, undefined, "  ^^^^^"],
        ["x", 1, 1, "^"],
    ];
    for (const [line, start, end, expected] of markers) {
        it(`marks ${JSON.stringify(line)} from column ${start} to ${end ?? "end of line"}`, () => assert.equal(markerLine(line, start, end), expected));
    }
});

describe("address splitting", () => {
    const cases: Array<[string, string[], string]> = [
        ["aws_s3_bucket.b", [], "aws_s3_bucket.b"],
        ['module.ml["a.b"].aws_s3_bucket.b[0]', ['module.ml["a.b"]'], "aws_s3_bucket.b[0]"],
        ['module.a.module.b["x]y"].aws_kms_key.k', ["module.a", 'module.b["x]y"]'], "aws_kms_key.k"],
        ["data.aws_iam_policy_document.d", [], "data.aws_iam_policy_document.d"],
    ];
    for (const [address, modules, resource] of cases) {
        it(address, () => assert.deepEqual(splitAddress(address), { modules, resource }));
    }
});

describe("escaping", () => {
    it("GitHub workflow-command data and properties", () => {
        assert.equal(escapeData("100%\r\n::x"), "100%25%0D%0A::x");
        assert.equal(escapeProperty("a:b,c%"), "a%3Ab%2Cc%25");
    });

    it("GitHub annotations carry each finding on one line, with escaped properties", () => {
        const lines = formatGithub(fixtureResult(), CONTROLS).split("\n");
        const iam = lines.find((l) => l.includes("aws-iam-no-admin-wildcard"));
        assert.equal(
            iam?.split("::")[1],
            "error file=envs/prod/iam.tf,line=3,endLine=3,col=3,title=aws-iam-no-admin-wildcard (critical)",
        );
        assert.ok(iam?.includes("100%25 admin%2C everywhere.%0A::warning::forged") === false, "message data escapes % and newlines only");
        assert.ok(iam?.includes("100%25 admin, everywhere.%0A::warning::forged"));
        assert.ok(!lines.some((l) => l.startsWith("::warning::forged")));
    });

    it("Markdown table cells and code spans", () => {
        assert.equal(cell("a | b <c>\nd *e*"), "a \\| b &lt;c&gt; d \\*e\\*");
        assert.equal(code("x`y"), "``x`y``");
        assert.equal(code("a|b"), "`a\\|b`");
    });

    it("JUnit XML escapes markup in attributes and text", () => {
        const xml = formatJunit(fixtureResult(), CONTROLS);
        assert.ok(xml.includes("&lt;b&gt;versions can be overwritten&lt;/b&gt;"));
        assert.ok(!xml.includes("<b>"));
    });
});

describe("GitHub annotation limits", () => {
    it("emits at most 10 annotations per level and counts the rest", () => {
        const base = fixtureResult({ output: { findings: [], diagnostics: [], stats: engineStats(1, 30) } });
        const template = fixtureResult().findings.find((f) => f.controlId === "aws-sagemaker-notebook-no-direct-internet")!;
        const many = { ...base, findings: Array.from({ length: 25 }, (_, i) => ({ ...template, resourceId: `aws_sagemaker_notebook_instance.n${i}`, fingerprint: `${i}` })) };
        const lines = formatGithub(many, CONTROLS).split("\n");
        assert.equal(lines.filter((l) => l.startsWith("::error ")).length, 10);
        assert.ok(lines.some((l) => l.startsWith("mlguard: 15 more annotations were not emitted")));
    });
});

describe("Markdown size limit", () => {
    it("cuts rows to stay under maxBytes and says how many were left out", () => {
        const result = fixtureResult();
        const text = formatMarkdown(result, CONTROLS, { maxBytes: 1500 });
        assert.ok(Buffer.byteLength(text) <= 1500, `got ${Buffer.byteLength(text)} bytes`);
        assert.match(text, /…and \d+ more; the SARIF or JSON report lists every finding\./);
    });
});
