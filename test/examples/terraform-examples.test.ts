import * as assert from "node:assert/strict";
import * as path from "node:path";
import { allControls } from "../../catalog/controls";
import { type ScanResult, type TerraformFinding, scanTerraform } from "../../terraform-checks";
import { assertGolden } from "../cli/golden";

/** The source tree (tests run from `dist/test/examples/`). */
const REPO = path.resolve(__dirname, "..", "..", "..");
const EXAMPLES = "examples/terraform";

async function scanExample(name: string): Promise<ScanResult> {
    const cwd = process.cwd();
    process.chdir(REPO);
    try {
        return await scanTerraform([`${EXAMPLES}/${name}`], { concurrency: 1 });
    } finally {
        process.chdir(cwd);
    }
}

function where(f: TerraformFinding): string {
    return f.location.kind === "file" ? `${f.location.file}:${f.location.start.line}` : "(no file)";
}

/** One readable line per failed check, sorted: what the golden file holds. */
function findingLines(findings: readonly TerraformFinding[]): string {
    return findings
        .filter((f) => f.status !== "pass" && f.status !== "not-applicable")
        .map((f) => `${f.controlId.padEnd(42)} ${f.status.padEnd(7)} ${f.resourceId.padEnd(70)} ${where(f)}`)
        .sort()
        .join("\n");
}

describe("examples/terraform", () => {
    for (const name of ["sagemaker-insecure", "vertex-insecure"]) {
        it(`${name}: exactly the findings in test/cli/golden/examples-${name}.txt (UPDATE_GOLDEN=1 regenerates it)`, async () => {
            const r = await scanExample(name);
            assert.deepEqual(r.diagnostics, []);
            assertGolden(`examples-${name}.txt`, findingLines(r.findings) + "\n");
        });
    }

    it("the insecure examples make every control fail at least once", async () => {
        const failed = new Set<string>();
        for (const name of ["sagemaker-insecure", "vertex-insecure"]) for (const f of (await scanExample(name)).findings) if (f.status === "fail") failed.add(f.controlId);
        assert.deepEqual(allControls.map((c) => c.id).filter((id) => !failed.has(id)), []);
    });

    it("an insecure finding shows where its value came from: a variable default and terraform.tfvars", async () => {
        const r = await scanExample("sagemaker-insecure");
        const internet = r.findings.find((f) => f.controlId === "aws-sagemaker-notebook-no-direct-internet")!;
        assert.equal(internet.evidence?.value, "Enabled");
        assert.equal(internet.evidence?.origin?.description, "var.internet_access default");
        const loc = internet.evidence?.origin?.location;
        assert.equal(loc?.kind === "file" && `${loc.file}:${loc.start.line}`, `${EXAMPLES}/sagemaker-insecure/variables.tf:23`);
        const root = r.findings.find((f) => f.controlId === "aws-sagemaker-notebook-no-root-access")!;
        assert.equal(root.evidence?.origin?.description, `var.root_access from ${EXAMPLES}/sagemaker-insecure/terraform.tfvars`);
    });

    describe("the secure examples pass every control, with nothing left unverifiable", () => {
        let results: ScanResult[];
        before(async () => {
            results = [await scanExample("sagemaker-secure"), await scanExample("vertex-secure")];
        });
        it("no diagnostics", () => assert.deepEqual(results.flatMap((r) => r.diagnostics), []));
        // One case per control, so a new control that flags a secure example names itself here.
        for (const control of allControls) {
            it(control.id, () => {
                const bad = results.flatMap((r) => r.findings).filter((f) => f.controlId === control.id && f.status !== "pass" && f.status !== "not-applicable");
                assert.deepEqual(bad.map((f) => `${f.status} ${f.resourceId} ${where(f)}: ${f.message}`), []);
                const provider = control.provider === "aws" ? 0 : 1;
                assert.ok(results[provider].findings.some((f) => f.controlId === control.id && f.status === "pass"), `${control.id} has something to check in the secure ${control.provider} example`);
            });
        }
    });
});
