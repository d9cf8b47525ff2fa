import * as assert from "node:assert/strict";
import * as path from "node:path";
import { allControls } from "../../catalog";
import { analyzeStack } from "../../policypack/testing";
import { captureProgramModule, toStackResources } from "../support/pulumi-capture";
import { NON_PROD_SETTINGS } from "./fixtures";

const examples = path.resolve(__dirname, "../../examples/pulumi");

const cases = [
    { example: "aws-sagemaker-platform", expectTypes: ["aws:sagemaker/notebookInstance:NotebookInstance", "aws:sagemaker/domain:Domain", "aws:sagemaker/endpoint:Endpoint"] },
    { example: "gcp-vertex-platform", expectTypes: ["gcp:workbench/instance:Instance", "gcp:vertex/aiEndpoint:AiEndpoint", "gcp:accesscontextmanager/servicePerimeter:ServicePerimeter"] },
];

describe("component examples (examples/pulumi) through the policy pack", () => {
    for (const { example, expectTypes } of cases) {
        for (const environment of ["dev", "prod"] as const) {
            for (const preview of [true, false]) {
                it(`${example}, environment=${environment} (${preview ? "preview" : "update"}): a complete platform with no diagnostic`, async () => {
                    const captured = await captureProgramModule(path.join(examples, example), { preview, project: example, config: { environment } });
                    for (const t of expectTypes) assert.ok(captured.some((r) => r.type === t), `${example} creates a ${t}`);
                    const { diagnostics } = await analyzeStack(toStackResources(captured), {
                        controls: allControls,
                        settings: environment === "prod" ? {} : NON_PROD_SETTINGS,
                    });
                    assert.deepEqual(diagnostics.map((d) => `${d.policyName} ${d.urn.split("::").pop()}: ${d.message}`), []);
                });
            }
        }
    }

    it("the environment reaches the components (prod locks in COMPLIANCE mode)", async () => {
        const prod = await captureProgramModule(path.join(examples, "aws-sagemaker-platform"), { project: "aws-sagemaker-platform", config: { environment: "prod" } });
        const dev = await captureProgramModule(path.join(examples, "aws-sagemaker-platform"), { project: "aws-sagemaker-platform", config: { environment: "dev" } });
        const mode = (rs: typeof prod) => rs
            .filter((r) => r.type === "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")
            .map((r) => (r.inputs.rule as { defaultRetention: { mode: string } }).defaultRetention.mode);
        assert.deepEqual(mode(prod), ["COMPLIANCE", "COMPLIANCE"]);
        assert.deepEqual(mode(dev), ["GOVERNANCE", "GOVERNANCE"]);
    });
});
