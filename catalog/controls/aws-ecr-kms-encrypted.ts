import { defineControl } from "../control";
import { isComputedValue } from "../helpers/outcomes";
import { listItems, prop, within } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";
import type * as ecr from "@pulumi/aws/ecr";
import { AWS_MANAGED_KEY } from "./aws-sagemaker-notebook-kms-encrypted";

export default defineControl<ecr.RepositoryArgs>({
    id: "aws-ecr-kms-encrypted",
    title: "ECR repositories for model and inference images must be encrypted with a customer-managed KMS key",
    severity: "medium",
    provider: "aws",
    rationale:
        "ECR encrypts images with AES256 (S3-managed keys) unless told otherwise, and `KMS` without a key uses the " +
        "AWS-managed aws/ecr key: neither lets you restrict or audit who can decrypt the images that carry your models. " +
        "The encryption settings are immutable, so a repository must be created with a customer-managed key.",
    remediation: {
        terraform: 'Add `encryption_configuration { encryption_type = "KMS" kms_key = aws_kms_key.ml.arn }` to the `aws_ecr_repository` (this replaces the repository).',
        pulumi: 'Set `encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: mlKey.arn }]` on the `aws.ecr.Repository` (this replaces the repository).',
    },
    frameworks: {
        "aws-config": ["ecr-repository-cmk-encryption-enabled"],
        "nist-800-53": ["SC-28", "SC-12"],
        "owasp-ml": ["ML06"],
    },
    tags: ["ecr", "encryption", "kms"],
    aliases: { checkov: ["CKV_AWS_136"], tfsec: ["aws-ecr-repository-customer-key"], trivy: ["AVD-AWS-0033"] },
    subjects: [types.ecrRepository],
    scope: "resource",
    options: {},
    check(repo) {
        const configs = prop(repo, "encryptionConfigurations");
        if (configs.state === "unknown") return [unknown(configs, "The encryption configuration is computed.")];
        const first = listItems(repo, configs)[0];
        if (!first) {
            return [fail(configs, 'No encryption configuration: ECR uses AES256 (S3-managed keys) by default; set encryptionType "KMS" with a customer-managed kmsKey.', "AES256")];
        }
        const type = within(repo, first, "encryptionType");
        const key = within(repo, first, "kmsKey");
        const results: CheckResult[] = [];
        if (type.state === "unknown") results.push(unknown(type, "The encryption type is computed."));
        else if (type.value !== "KMS" && type.value !== "KMS_DSSE") {
            results.push(fail(type.state === "absent" ? first : type, 'The encryption type is not KMS (default AES256); set encryptionType "KMS" with a customer-managed kmsKey.'));
        } else if (key.state === "unknown") {
            results.push(isComputedValue(key) ? pass(key, "The repository is encrypted with a key from the stack.") : unknown(key, "The KMS key is computed."));
        } else if (key.state === "absent" || key.value === "") {
            results.push(fail(type, "KMS encryption without kmsKey uses the AWS-managed aws/ecr key; set a customer-managed key."));
        } else if (typeof key.value === "string" && AWS_MANAGED_KEY.test(key.value)) {
            results.push(fail(key, "kmsKey names the AWS-managed aws/ecr key; use a customer-managed key."));
        } else results.push(pass(key, "The repository is encrypted with a customer-managed KMS key."));
        return results;
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    { type: types.ecrRepository, name: "inference", props: { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: ref("ml", "arn") }] } },
                ],
            ],
            bad: [
                [{ type: types.ecrRepository, name: "inference", props: {} }],
                [{ type: types.ecrRepository, name: "inference", props: { encryptionConfigurations: [{ encryptionType: "KMS" }] } }],
            ],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_ecr_repository" "inference" {
  name = "churn-inference"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ml.arn
  }
}
`,
            ],
            bad: [
                `resource "aws_ecr_repository" "inference" {
  name = "churn-inference"
}
`,
                `resource "aws_ecr_repository" "inference" {
  name = "churn-inference"

  encryption_configuration {
    encryption_type = "KMS"
  }
}
`,
            ],
        },
    },
});
