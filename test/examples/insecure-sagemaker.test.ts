import * as assert from "node:assert/strict";
import * as path from "node:path";
import { analyzeStack, captureModule } from "../../policypack/testing";

const program = path.resolve(__dirname, "../../examples/pulumi/insecure-sagemaker");

describe("examples/pulumi/insecure-sagemaker through the policy pack", () => {
    for (const preview of [true, false]) {
        it(`is rejected with the expected violations (${preview ? "preview" : "update"})`, async () => {
            const resources = await captureModule(program, { preview });
            const { diagnostics } = await analyzeStack(resources);
            const seen = diagnostics
                .map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn.split("::").pop()}`)
                .sort();
            assert.deepEqual(seen, [
                "advisory aws-iam-no-kms-decrypt-all-keys sagemaker-exec-everything",
                "advisory aws-iam-sagemaker-trust-restricted sagemaker-exec",
                "advisory aws-kms-key-rotation ml-data",
                "advisory aws-s3-object-lock-retention training-data",
                "advisory aws-s3-tls-only-policy training-data",
                "advisory aws-s3-versioning-enabled training-data",
                "advisory aws-sagemaker-notebook-imdsv2 research",
                "mandatory aws-iam-no-admin-wildcard sagemaker-exec-everything",
                "mandatory aws-iam-no-privilege-escalation sagemaker-exec-everything",
                "mandatory aws-iam-passrole-scoped sagemaker-exec-everything",
                "mandatory aws-iam-passrole-scoped sagemaker-exec-everything",
                "mandatory aws-ml-subnet-private-route research",
                "mandatory aws-s3-kms-encrypted training-data",
                "mandatory aws-s3-object-lock-enabled training-data",
                "mandatory aws-s3-public-access-blocked training-data",
                "mandatory aws-sagemaker-notebook-no-direct-internet research",
                "mandatory aws-sagemaker-notebook-no-root-access research",
                ...Array(5).fill("mandatory aws-vpc-endpoints-for-ml ml"),
            ]);
        });
    }
});
