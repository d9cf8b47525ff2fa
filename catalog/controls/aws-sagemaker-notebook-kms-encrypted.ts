import { defineControl } from "../control";
import { prop } from "../helpers/props";
import { fail, pass } from "../helpers/results";
import { types } from "../resource-types";
import { ref } from "../examples";

/** Key ids that name an AWS-managed key rather than a customer-managed one. */
export const AWS_MANAGED_KEY = /(^|:)alias\/aws\//;

export default defineControl({
    id: "aws-sagemaker-notebook-kms-encrypted",
    title: "SageMaker notebook ML storage volumes must be encrypted with a customer-managed KMS key",
    severity: "high",
    provider: "aws",
    rationale:
        "A notebook's ML storage volume holds datasets, credentials and model checkpoints. Without `kms_key_id` it is " +
        "encrypted with an AWS-managed key whose policy you cannot restrict, rotate on your schedule or revoke; a " +
        "customer-managed key puts access to the data under your own key policy and CloudTrail.",
    remediation: {
        terraform: "Set `kms_key_id` to a customer-managed key (for example `aws_kms_key.ml.arn`), not an `alias/aws/*` key.",
        pulumi: "Set `kmsKeyId` to a customer-managed key (for example `mlKey.arn`), not an `alias/aws/*` key.",
    },
    frameworks: {
        "aws-config": ["sagemaker-notebook-instance-kms-key-configured"],
        prowler: ["sagemaker_notebook_instance_encryption_enabled"],
        "nist-800-53": ["SC-28", "SC-28(1)", "SC-12"],
        "owasp-ml": ["ML05"],
    },
    tags: ["sagemaker", "notebook", "encryption", "kms"],
    aliases: { checkov: ["CKV_AWS_22"], trivy: ["AVD-AWS-0347"] },
    subjects: [types.sagemakerNotebookInstance],
    scope: "resource",
    options: {},
    check(notebook) {
        const key = prop(notebook, "kmsKeyId");
        if (key.state === "unknown") return [pass(key, "The volume key comes from a key resource in the stack.")];
        if (key.state === "absent" || key.value === "") {
            return [fail(key, "No kmsKeyId is set, so the ML storage volume uses an AWS-managed key; set a customer-managed KMS key.")];
        }
        if (typeof key.value !== "string") return [fail(key, "kmsKeyId is not a KMS key id or ARN.")];
        if (AWS_MANAGED_KEY.test(key.value)) {
            return [fail(key, "kmsKeyId names an AWS-managed key (alias/aws/…); use a customer-managed KMS key.")];
        }
        return [pass(key, "The ML storage volume is encrypted with a customer-managed KMS key.")];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            kmsKeyId: ref("ml", "arn"),
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/sagemaker-research" },
                    },
                ],
                [
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            kmsKeyId: "alias/aws/sagemaker",
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-research"
  kms_key_id    = aws_kms_key.ml.arn
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-research"
}
`,
                `resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-research"
  kms_key_id    = "alias/aws/sagemaker"
}
`,
            ],
        },
    },
});
