import * as assert from "node:assert/strict";
import { allControls } from "../../catalog/controls";
import type { Finding } from "../../catalog/model";
import type { ResourceBlock } from "../../cli/engine";
import { AliasIndex, applySuppressions, parseSuppressions, scanComments } from "../../cli/suppressions";

const aliases = new AliasIndex(allControls);
const ACTIVE = new Set(allControls.map((c) => c.id));
const TODAY = "2026-06-01";

const MAIN = "main.tf";
const MOD = "modules/nb/main.tf";

/** A notebook in a module: the resource block is lines 1–6 of MOD, the module call lines 1–4 of MAIN. */
function notebookFinding(controlId: string, line: number, opts: { status?: Finding["status"]; key?: string } = {}): { finding: Finding; resourceBlock: ResourceBlock } {
    return {
        finding: {
            controlId,
            severity: "high",
            status: opts.status ?? "fail",
            message: "m",
            location: { kind: "file", file: MOD, start: { line, column: 3, offset: 0 }, end: { line, column: 20, offset: 0 } },
            resourceId: `module.nb["${opts.key ?? "a"}"].aws_sagemaker_notebook_instance.this`,
            resourceType: "aws:sagemaker/notebookInstance:NotebookInstance",
            resourceName: "this",
            frontEnd: "terraform",
        },
        resourceBlock: {
            rootModule: ".",
            range: { file: MOD, start: { line: 2, column: 1, offset: 0 }, end: { line: 8, column: 2, offset: 0 } },
            moduleCalls: [{ address: `module.nb["${opts.key ?? "a"}"]`, range: { file: MAIN, start: { line: 2, column: 1, offset: 0 }, end: { line: 5, column: 2, offset: 0 } } }],
        },
    };
}

const MODULE_SOURCE = (comment: { header?: string; attr?: string; trailing?: string; inside?: string }) =>
    [
        comment.header ?? "",
        'resource "aws_sagemaker_notebook_instance" "this" {',
        comment.inside ?? "",
        comment.attr ?? "",
        `  direct_internet_access = "Enabled"${comment.trailing ? ` ${comment.trailing}` : ""}`,
        '  root_access            = "Enabled"',
        '  name                   = "x"',
        "}",
    ].join("\n");

const CALL_SOURCE = (comment = "") => [comment, 'module "nb" {', '  source   = "./modules/nb"', '  for_each = toset(["a", "b"])', "}"].join("\n");

function run(sources: { main?: string; mod: string }, findings = [notebookFinding("aws-sagemaker-notebook-no-direct-internet", 5)], today = TODAY) {
    const parsedMain = parseSuppressions(MAIN, sources.main ?? CALL_SOURCE(), aliases);
    const parsedMod = parseSuppressions(MOD, sources.mod, aliases);
    const applied = applySuppressions(findings, [...parsedMain.directives, ...parsedMod.directives], { today, activeControls: ACTIVE });
    return { ...applied, notices: [...parsedMain.notices, ...parsedMod.notices, ...applied.notices] };
}

const IGNORE = 'mlguard:ignore aws-sagemaker-notebook-no-direct-internet reason="sandbox account"';

describe("suppressions", () => {
    describe("scope", () => {
        const cases: Array<[string, { main?: string; mod: string }, boolean]> = [
            ["a comment on the line above the attribute", { mod: MODULE_SOURCE({ attr: `  # ${IGNORE}` }) }, true],
            ["a comment at the end of the attribute line", { mod: MODULE_SOURCE({ trailing: `# ${IGNORE}` }) }, true],
            ["a // comment above the resource", { mod: MODULE_SOURCE({ header: `// ${IGNORE}` }) }, true],
            ["a /* */ comment above the resource", { mod: MODULE_SOURCE({ header: `/* ${IGNORE} */` }) }, true],
            ["a comment above the module call", { main: CALL_SOURCE(`# ${IGNORE}`), mod: MODULE_SOURCE({}) }, true],
            ["a comment above another attribute", { mod: MODULE_SOURCE({}).replace('  root_access', `  # ${IGNORE}\n  root_access`) }, false],
            ["an mlguard comment inside the block (not above anything it covers)", { mod: MODULE_SOURCE({ inside: `  # ${IGNORE}` }) }, false],
            ["a comment separated by a blank line", { mod: `# ${IGNORE}\n` + MODULE_SOURCE({ header: "" }) }, false],
            ["a directive inside a string", { mod: MODULE_SOURCE({}).replace('name                   = "x"', `name = "# ${IGNORE.replace(/"/g, "'")}"`) }, false],
        ];
        for (const [name, sources, suppressed] of cases) {
            it(`${suppressed ? "suppresses" : "does not suppress"}: ${name}`, () => {
                const r = run(sources);
                assert.equal(r.suppressed.length, suppressed ? 1 : 0, JSON.stringify(r.notices));
                if (suppressed) assert.equal(r.suppressed[0].suppression.reason, "sandbox account");
            });
        }

        it("a resource-level comment covers every finding of the named control on every instance", () => {
            const findings = [notebookFinding("aws-sagemaker-notebook-no-direct-internet", 5, { key: "a" }), notebookFinding("aws-sagemaker-notebook-no-direct-internet", 5, { key: "b" }), notebookFinding("aws-sagemaker-notebook-no-root-access", 6)];
            const r = run({ mod: MODULE_SOURCE({ header: `# ${IGNORE}` }) }, findings);
            assert.deepEqual(r.suppressed.map((s) => s.target.finding.resourceId), ['module.nb["a"].aws_sagemaker_notebook_instance.this', 'module.nb["b"].aws_sagemaker_notebook_instance.this']);
            assert.deepEqual(r.kept.map((k) => k.finding.controlId), ["aws-sagemaker-notebook-no-root-access"]);
        });

        it("several ids in one comment, and stacked comment lines", () => {
            // Two comment lines push the resource one line down: header on line 3, attributes on 6 and 7.
            const shifted = (controlId: string, line: number) => {
                const f = notebookFinding(controlId, line);
                return { ...f, resourceBlock: { ...f.resourceBlock, range: { ...f.resourceBlock.range, start: { line: 3, column: 1, offset: 0 } } } };
            };
            const findings = [shifted("aws-sagemaker-notebook-no-direct-internet", 6), shifted("aws-sagemaker-notebook-no-root-access", 7), shifted("aws-sagemaker-notebook-in-vpc", 3)];
            const header = '# mlguard:ignore aws-sagemaker-notebook-no-direct-internet,aws-sagemaker-notebook-no-root-access reason="lab"\n# trivy:ignore:AVD-AWS-0160';
            const r = run({ mod: MODULE_SOURCE({ header }) }, findings);
            assert.equal(r.suppressed.length, 2);
            assert.deepEqual(r.kept.map((k) => k.finding.controlId), ["aws-sagemaker-notebook-in-vpc"]);
        });

        it("never suppresses a check error", () => {
            const r = run({ mod: MODULE_SOURCE({ header: `# ${IGNORE}` }) }, [notebookFinding("aws-sagemaker-notebook-no-direct-internet", 5, { status: "error" })]);
            assert.equal(r.suppressed.length, 0);
        });
    });

    describe("reasons and expiry", () => {
        const cases: Array<[string, string, "suppressed" | Notice]> = [
            ["reason in double quotes with an escaped quote", 'mlguard:ignore aws-sagemaker-notebook-no-direct-internet reason="the \\"lab\\" account"', "suppressed"],
            ["reason in single quotes", "mlguard:ignore aws-sagemaker-notebook-no-direct-internet reason='lab'", "suppressed"],
            ["a peer alias as the id", 'mlguard:ignore CKV_AWS_122 reason="lab"', "suppressed"],
            ["expiring today (still valid)", `${IGNORE} expires=${TODAY}`, "suppressed"],
            ["no reason", "mlguard:ignore aws-sagemaker-notebook-no-direct-internet", "rejected"],
            ["an empty reason", 'mlguard:ignore aws-sagemaker-notebook-no-direct-internet reason=""', "rejected"],
            ["an unquoted reason", "mlguard:ignore aws-sagemaker-notebook-no-direct-internet reason=lab", "rejected"],
            ["a malformed date", `${IGNORE} expires=2026-13-01`, "rejected"],
            ["an unknown attribute", `${IGNORE} until=2026-01-01`, "rejected"],
            ["no id", 'mlguard:ignore reason="x"', "rejected"],
            ["an unknown id", 'mlguard:ignore aws-no-such-thing reason="x"', "unknown-rule"],
            ["expired yesterday", `${IGNORE} expires=2026-05-31`, "expired"],
        ];
        for (const [name, directive, outcome] of cases) {
            it(`${name} → ${outcome}`, () => {
                const r = run({ mod: MODULE_SOURCE({ header: `# ${directive}` }) });
                if (outcome === "suppressed") {
                    assert.equal(r.suppressed.length, 1, JSON.stringify(r.notices));
                    assert.deepEqual(r.notices, []);
                } else {
                    assert.equal(r.suppressed.length, 0);
                    assert.deepEqual(r.notices.map((n) => n.kind), [outcome]);
                    assert.equal(r.notices[0].location?.start.line, 1);
                }
            });
        }
        it("the reason is what reviewers read", () => {
            const r = run({ mod: MODULE_SOURCE({ header: '# mlguard:ignore aws-sagemaker-notebook-no-direct-internet reason="the \\"lab\\" account" expires=2027-01-01' }) });
            assert.deepEqual(r.suppressed[0].suppression, { kind: "mlguard:ignore", reason: 'the "lab" account', expires: "2027-01-01", location: r.suppressed[0].suppression.location });
        });
    });

    describe("unused", () => {
        it("reports an mlguard:ignore id that suppressed nothing", () => {
            const header = '# mlguard:ignore aws-sagemaker-notebook-no-direct-internet,aws-sagemaker-notebook-no-root-access reason="lab"';
            const r = run({ mod: MODULE_SOURCE({ header }) });
            assert.deepEqual(r.notices.map((n) => [n.kind, n.message]), [["unused", "mlguard:ignore aws-sagemaker-notebook-no-root-access suppresses nothing here; remove it"]]);
        });
        it("does not report ignores for controls that did not run", () => {
            const parsed = parseSuppressions(MOD, MODULE_SOURCE({ header: `# ${IGNORE}` }), aliases);
            const r = applySuppressions([], parsed.directives, { today: TODAY, activeControls: new Set(["aws-kms-key-rotation"]) });
            assert.deepEqual(r.notices, []);
        });
        it("never reports peer comments as unused", () => {
            const r = run({ mod: MODULE_SOURCE({ header: "# checkov:skip=CKV_AWS_307:root needed" }) });
            assert.deepEqual(r.notices, []);
        });
    });

    describe("peer comments through aliases", () => {
        const cases: Array<[string, string, boolean]> = [
            ["checkov:skip above the resource", "# checkov:skip=CKV_AWS_122:sandbox", true],
            ["checkov:skip inside the block (Checkov's placement)", "__inside__#checkov:skip=CKV_AWS_122:sandbox", true],
            ["checkov:skip without a reason", "# checkov:skip=CKV_AWS_122", true],
            ["checkov:skip of another check", "# checkov:skip=CKV_AWS_999:other", false],
            ["trivy:ignore with the AVD id", "#trivy:ignore:AVD-AWS-0160", true],
            ["trivy:ignore without the AVD- prefix, lower case", "#trivy:ignore:aws-0160", true],
            ["trivy:ignore with a future expiry", "#trivy:ignore:AVD-AWS-0160:exp:2027-01-01", true],
            ["trivy:ignore with a past expiry", "#trivy:ignore:AVD-AWS-0160:exp:2020-01-01", false],
            ["trivy:ignore with an instance filter (unsupported, never over-suppress)", "#trivy:ignore:AVD-AWS-0160[name=x]", false],
            ["tfsec:ignore with a tfsec long id", "#tfsec:ignore:aws-kms-auto-rotate-keys", false],
        ];
        for (const [name, comment, suppressed] of cases) {
            it(`${suppressed ? "honours" : "does not apply"}: ${name}`, () => {
                const mod = comment.startsWith("__inside__") ? MODULE_SOURCE({ inside: `  ${comment.slice(10)}` }) : MODULE_SOURCE({ header: comment });
                const r = run({ mod });
                assert.equal(r.suppressed.length, suppressed ? 1 : 0);
                if (suppressed) assert.ok(r.suppressed[0].suppression.kind.endsWith(comment.includes("checkov") ? "checkov:skip" : "trivy:ignore"));
            });
        }
        it("tfsec:ignore maps through tfsec aliases to the right control", () => {
            const finding = notebookFinding("aws-kms-key-rotation", 5);
            const r = run({ mod: MODULE_SOURCE({ header: "#tfsec:ignore:aws-kms-auto-rotate-keys" }) }, [finding]);
            assert.equal(r.suppressed[0]?.suppression.kind, "tfsec:ignore");
        });
        it("peer comments can be turned off", () => {
            const parsed = parseSuppressions(MOD, MODULE_SOURCE({ header: "# checkov:skip=CKV_AWS_122:x" }), aliases, { peerComments: false });
            assert.deepEqual(parsed.directives, []);
        });
    });

    describe("comment scanning", () => {
        it("skips strings, templates and heredocs", () => {
            const text = [
                'a = "http://x # not a comment"',
                'b = "${lookup(m, "k # no")}" # yes 1',
                "c = <<-EOT",
                "  # not a comment",
                "  EOT",
                "// yes 2",
                "/* yes",
                "   3 */ d = 1",
            ].join("\n");
            const comments = scanComments("f.tf", text);
            assert.deepEqual(comments.map((c) => [c.text.trim(), c.range.start.line, c.targetLine]), [["yes 1", 2, 2], ["yes 2", 6, 8], ["yes\n   3", 7, 8]]);
        });
    });
});

type Notice = "rejected" | "expired" | "unknown-rule";
