import * as assert from "node:assert/strict";
import { type PackProcess, startPack } from "../support/analyzer-harness";
import { capturePulumi, toStackResources } from "../support/pulumi-capture";
import { awsPlatform, gcpPlatform } from "./fixtures";

/**
 * Dogfooding over the wire: the built pack, launched as `pulumi preview --policy-pack` launches it
 * and spoken to over the Analyzer gRPC protocol, passes one AWS and one GCP component stack.
 */
describe("dogfooding over gRPC: the built pack passes the component stacks", function () {
    this.timeout(120_000);
    let pack: PackProcess | undefined;
    before(async () => {
        pack = await startPack();
    });
    after(async () => {
        await pack?.close();
    });

    for (const [name, program] of [["AWS", () => awsPlatform("prod")], ["GCP", () => gcpPlatform("prod")]] as const) {
        it(`${name} platform (preview): no diagnostic from any policy`, async () => {
            const resources = toStackResources(await capturePulumi(program, { preview: true }));
            const { diagnostics } = await pack!.preview(resources);
            assert.deepEqual(diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn}: ${d.message}`), []);
        });
    }

    it("the same wire path reports a weakened notebook (the test can fail)", async () => {
        const resources = toStackResources(await capturePulumi(() => awsPlatform("prod"), { preview: true }));
        const notebook = resources.find((r) => r.type === "aws:sagemaker/notebookInstance:NotebookInstance")!;
        notebook.props = { ...notebook.props, directInternetAccess: "Enabled" };
        const { violations } = await pack!.preview(resources);
        assert.deepEqual([...new Set(violations.map((v) => v.policyName))], ["aws-sagemaker-notebook-no-direct-internet"]);
    });
});
