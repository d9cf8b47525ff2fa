import * as assert from "node:assert/strict";
import { ResourceGraph, allControls, runControls } from "../../catalog";
import type { AnyControl } from "../../catalog/control";
import type { Finding } from "../../catalog/model";
import { adaptResource } from "../../policypack/adapter";
import { exampleToStack } from "../../policypack/testing";
import { scanTerraformSources } from "../../terraform-checks";

async function terraformFindings(control: AnyControl, example: string): Promise<Finding[]> {
    const { findings, diagnostics } = await scanTerraformSources({ "main.tf": example }, { controls: [control] });
    assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), [], "the example must be valid Terraform");
    return findings.filter((f) => f.controlId === control.id);
}

/** The Pulumi examples' findings, computed through the Pulumi adapter (refs as preview sends them). */
function pulumiFindings(control: AnyControl, example: Parameters<typeof exampleToStack>[0]): Finding[] {
    const stack = exampleToStack(example);
    const references = stack.flatMap((r) =>
        Object.entries(r.propertyDependencies ?? {}).flatMap(([path, urns]) => urns.map((to) => ({ from: r.urn, path, to }))),
    );
    return runControls(new ResourceGraph(stack.map((r) => adaptResource(r)), references), [control]);
}

function lineOf(f: Finding): number | undefined {
    return f.location.kind === "file" ? f.location.start.line : undefined;
}

/**
 * A line a finding may point at: an attribute, a block opener, a resource header, an item of a
 * multi-line list, or an element of a policy document (`Action = ...` in `jsonencode`, `"Action":` in a heredoc).
 */
const LOCATABLE = /^\s*(resource\s+"|data\s+"|[a-z_][a-z0-9_]*\s*(=|\{)|"[^"]*",?\s*$|\{?\s*"?[A-Z][A-Za-z]*"?\s*[=:])/;

/**
 * The generic examples test through Terraform (trivy's idea): every control's good and bad
 * Terraform examples are parsed, evaluated, adapted and checked exactly as `mlguard scan` would.
 */
describe("every control's Terraform examples through the scanner", () => {
    for (const control of allControls) {
        describe(control.id, () => {
            control.examples.terraform.bad.forEach((example, i) => {
                it(`bad example ${i + 1} fails ${control.id}, at an attribute or resource header of the example`, async () => {
                    const own = await terraformFindings(control, example);
                    const failures = own.filter((f) => f.status === "fail");
                    assert.ok(failures.length > 0, `expected a failure, got:\n${own.map((f) => `${f.status}: ${f.message}`).join("\n")}`);
                    const lines = example.split("\n");
                    for (const f of failures) {
                        const line = lineOf(f);
                        assert.ok(line !== undefined && LOCATABLE.test(lines[line - 1] ?? ""), `${f.message} points at line ${line}: ${lines[(line ?? 0) - 1]}`);
                    }
                });
            });
            control.examples.terraform.good.forEach((example, i) => {
                it(`good example ${i + 1} passes ${control.id} with nothing left unverified`, async () => {
                    const own = await terraformFindings(control, example);
                    assert.deepEqual(own.filter((f) => f.status === "fail" || f.status === "unknown" || f.status === "error").map((f) => `${f.status}: ${f.message}`), []);
                    assert.ok(own.some((f) => f.status === "pass"), "a good example must be checked and pass, not be skipped");
                });
            });
            it("gives the same verdicts on its Terraform and Pulumi examples", async () => {
                for (const kind of ["good", "bad"] as const) {
                    const tf = control.examples.terraform[kind];
                    const pu = control.examples.pulumi[kind];
                    for (let i = 0; i < Math.min(tf.length, pu.length); i++) {
                        const t = await terraformFindings(control, tf[i]);
                        const p = pulumiFindings(control, pu[i]);
                        for (const status of ["fail", "unknown", "error"] as const) {
                            assert.equal(t.some((f) => f.status === status), p.some((f) => f.status === status), `${kind} example ${i + 1}: "${status}" in one front-end only`);
                        }
                    }
                }
            });
        });
    }
});

/**
 * Where failures point, for chosen controls: the line of the Terraform attribute that decided it,
 * or the subject's header when the attribute is absent (the provider default applies).
 */
const LOCATIONS: Array<{ control: string; bad: number; attribute: string | null }> = [
    { control: "aws-sagemaker-notebook-no-direct-internet", bad: 0, attribute: "direct_internet_access" },
    { control: "aws-sagemaker-notebook-no-direct-internet", bad: 1, attribute: null },
    { control: "aws-sagemaker-notebook-no-root-access", bad: 1, attribute: null },
    { control: "aws-ml-subnet-private-route", bad: 0, attribute: "gateway_id" },
    { control: "aws-ml-subnet-private-route", bad: 1, attribute: "gateway_id" },
    { control: "aws-s3-object-lock-enabled", bad: 0, attribute: null },
    { control: "aws-s3-object-lock-enabled", bad: 1, attribute: "force_destroy" },
    { control: "aws-s3-kms-encrypted", bad: 1, attribute: "sse_algorithm" },
    { control: "aws-kms-key-rotation", bad: 1, attribute: "enable_key_rotation" },
    // IAM findings point inside the document: the offending statement's `Action` / `actions` line.
    { control: "aws-iam-no-admin-wildcard", bad: 0, attribute: "Statement" },
    { control: "aws-iam-no-admin-wildcard", bad: 1, attribute: "actions" },
    { control: "aws-iam-passrole-scoped", bad: 0, attribute: "Action" },
    { control: "aws-iam-no-service-wildcard", bad: 0, attribute: "Action" },
    { control: "aws-iam-no-kms-decrypt-all-keys", bad: 0, attribute: "Action" },
    { control: "aws-iam-no-not-action-allow", bad: 0, attribute: "NotAction" },
    { control: "aws-iam-no-not-action-allow", bad: 1, attribute: "not_resources" },
    { control: "aws-iam-trust-no-wildcard-principal", bad: 0, attribute: "Principal" },
    { control: "aws-iam-trust-no-wildcard-principal", bad: 1, attribute: "statement" },
    { control: "aws-iam-sagemaker-trust-restricted", bad: 0, attribute: "Principal" },
    { control: "aws-iam-no-broad-managed-policies", bad: 0, attribute: "policy_arn" },
    { control: "aws-iam-no-broad-managed-policies", bad: 1, attribute: "managed_policy_arns" },
    { control: "aws-iam-no-privilege-escalation", bad: 0, attribute: "actions" },
    { control: "aws-iam-no-privilege-escalation", bad: 1, attribute: "Statement" },
    { control: "gcp-workbench-no-public-ip", bad: 1, attribute: "disable_public_ip" },
    { control: "gcp-workbench-no-public-ip", bad: 2, attribute: "access_configs" },
    { control: "gcp-workbench-no-public-ip", bad: 3, attribute: "enable_ip_forwarding" },
    { control: "gcp-gcs-retention-locked", bad: 2, attribute: "retention_period" },
    { control: "gcp-kms-key-rotation", bad: 1, attribute: "rotation_period" },
    { control: "gcp-iam-no-public-members", bad: 0, attribute: "member" },
];

describe("Terraform findings point at the attribute's own line", () => {
    for (const row of LOCATIONS) {
        const control = allControls.find((c) => c.id === row.control);
        if (!control) continue; // a control not merged yet
        it(`${row.control} bad example ${row.bad + 1}: ${row.attribute ?? "the resource header"}`, async () => {
            const example = control.examples.terraform.bad[row.bad];
            const lines = example.split("\n");
            const subjects = control.subjects.map((s) => `resource "${s.terraform}"`);
            const expected = row.attribute
                ? lines.findIndex((l) => new RegExp(`^\\s*${row.attribute}\\s*(=|\\{)`).test(l)) + 1
                : lines.findIndex((l) => subjects.some((s) => l.startsWith(s))) + 1;
            assert.ok(expected > 0, "the table names an attribute the example does not have");
            const failures = (await terraformFindings(control, example)).filter((f) => f.status === "fail");
            assert.ok(failures.some((f) => lineOf(f) === expected), `expected a failure at line ${expected}, got lines ${failures.map(lineOf).join(", ")}`);
        });
    }
});
