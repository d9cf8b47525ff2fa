import * as assert from "node:assert/strict";
import { allControls } from "../../catalog";
import { scanTerraformSources } from "../../terraform-checks";

/**
 * The generic examples test through Terraform (trivy's idea): every control's good and bad
 * Terraform examples are parsed, evaluated, adapted and checked exactly as `mlguard scan` would.
 */
describe("every control's Terraform examples through the scanner", () => {
    for (const control of allControls) {
        describe(control.id, () => {
            control.examples.terraform.bad.forEach((example, i) => {
                it(`bad example ${i + 1} fails ${control.id}`, async () => {
                    const { findings, diagnostics } = await scanTerraformSources({ "main.tf": example }, { controls: [control] });
                    assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
                    const own = findings.filter((f) => f.controlId === control.id);
                    assert.ok(own.some((f) => f.status === "fail"), `expected a failure, got:\n${own.map((f) => `${f.status}: ${f.message}`).join("\n")}`);
                });
            });
            control.examples.terraform.good.forEach((example, i) => {
                it(`good example ${i + 1} passes ${control.id} with nothing left unverified`, async () => {
                    const { findings, diagnostics } = await scanTerraformSources({ "main.tf": example }, { controls: [control] });
                    assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
                    const own = findings.filter((f) => f.controlId === control.id && (f.status === "fail" || f.status === "unknown" || f.status === "error"));
                    assert.deepEqual(own.map((f) => `${f.status}: ${f.message}`), []);
                });
            });
        });
    }
});
