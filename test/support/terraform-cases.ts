import * as assert from "node:assert/strict";
import type { AnyControl } from "../../catalog/control";
import type { Finding } from "../../catalog/model";
import { scanTerraformSources } from "../../terraform-checks";

/** One Terraform row of an edge-case table: files in, the control's statuses out (in order). */
export interface TerraformCase {
    name: string;
    files: Record<string, string>;
    expect: Array<Finding["status"]>;
    /** The attribute (or block) name on the line every failure must point at, when set. */
    failsAt?: string;
}

/**
 * Declares one mocha test per row, scanning the files as `mlguard scan` would (variables, modules,
 * count / for_each and dynamic blocks evaluated) and keeping only the control's own findings.
 */
export function terraformCases(control: AnyControl, rows: TerraformCase[]): void {
    describe(`${control.id} Terraform edge cases`, () => {
        for (const row of rows) {
            it(row.name, async () => {
                const { findings, diagnostics } = await scanTerraformSources(row.files, { controls: [control] });
                assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), [], "the case must be valid Terraform");
                const own = findings.filter((f) => f.controlId === control.id);
                assert.deepEqual(own.map((f) => f.status), row.expect, own.map((f) => `${f.status}: ${f.message}`).join("\n"));
                if (row.failsAt) {
                    for (const f of own.filter((x) => x.status === "fail")) {
                        assert.ok(f.location.kind === "file", "a Terraform finding has a file location");
                        const file = row.files[f.location.file] ?? Object.values(row.files).find((t) => t.split("\n").length >= (f.location as { start: { line: number } }).start.line) ?? "";
                        const line = file.split("\n")[f.location.start.line - 1] ?? "";
                        assert.match(line, new RegExp(`^\\s*${row.failsAt}\\b`), `${f.message} points at: ${line}`);
                    }
                }
            });
        }
    });
}
