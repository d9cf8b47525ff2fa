import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scanTerraform } from "../../terraform-checks";
import { tempDir } from "../support/temp-dir";
import { evalIn, plain } from "./support";

/** `n` buckets in one file, as in the reproduction. */
function buckets(n: number): string {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(`resource "aws_s3_bucket" "b${i}" { bucket = "b${i}" }\n`);
    return parts.join("");
}

// Robustness, not speed: generous timeouts and no timing assertions (the speed goes to `npm run bench`).
describe("Terraform scanner on large inputs", function () {
    this.timeout(10 * 60_000);
    let root: string;
    before(() => {
        root = tempDir("mlguard-large-");
    });

    for (const n of [80_000, 200_000]) {
        it(`scans a file of ${n.toLocaleString("en")} resources to the end`, async () => {
            const dir = path.join(root, String(n));
            fs.mkdirSync(dir);
            fs.writeFileSync(path.join(dir, "main.tf"), buckets(n));
            const r = await scanTerraform([dir], { root: dir });
            assert.equal(r.stats.resources, n);
            assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
            const last = `aws_s3_bucket.b${n - 1}`;
            assert.ok(r.findings.some((f) => f.resourceId === last && f.controlId === "aws-s3-kms-encrypted"), "the last resource is checked");
            fs.rmSync(dir, { recursive: true, force: true });
        });
    }

    describe("expressions at the element limit (100,000 elements) evaluate", () => {
        const rows: Array<[string, (v: unknown) => void]> = [
            ["max(range(100000)...)", (v) => assert.equal(v, 99999)],
            ["min(range(100000)...)", (v) => assert.equal(v, 0)],
            ["length({ for i in range(100000) : tostring(i) => i if aws_s3_bucket.b.id != \"\" })", (v) => assert.equal(v, "(known after apply)")],
            ["length([for i in range(100000) : aws_s3_bucket.b.id])", (v) => assert.equal(v, 100000)],
            ["coalesce(aws_s3_bucket.b.id, range(100000)...)", (v) => assert.equal(v, "(known after apply)")],
            ["length(join(\"\", [for i in range(100000) : \"x\"]))", (v) => assert.equal(v, 100000)],
        ];
        for (const [expr, check] of rows) {
            it(expr, () => {
                const { value, diagnostics } = evalIn(expr);
                assert.deepEqual(diagnostics.filter((d) => d.summary === "Evaluation failed"), []);
                check(plain(value));
            });
        }
    });
});
