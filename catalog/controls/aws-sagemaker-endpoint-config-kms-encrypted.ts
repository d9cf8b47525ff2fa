import { defineControl } from "../control";
import { stringList } from "../helpers/coerce";
import { prop, within } from "../helpers/props";
import { NVME_INSTANCE_FAMILIES, endpointVariants, expectCustomerKey, instanceFamily } from "../helpers/sagemaker";
import { notApplicable, unknown } from "../helpers/results";
import { types } from "../resource-types";
import { ref } from "../examples";

const variant = { variantName: "primary", modelName: "churn", instanceType: "ml.m5.large", initialInstanceCount: 2 };

export default defineControl<import("@pulumi/aws/sagemaker").EndpointConfigurationArgs, { nvmeInstanceFamilies: string[] }>({
    id: "aws-sagemaker-endpoint-config-kms-encrypted",
    title: "SageMaker endpoint configurations must encrypt their storage volumes with a customer-managed KMS key",
    severity: "medium",
    provider: "aws",
    rationale:
        "The ML storage volumes attached to endpoint instances hold the model artifact and whatever the container " +
        "writes. Without `kms_key_arn` they are encrypted with an AWS-managed key, outside your key policy and " +
        "revocation. Instance types with local NVMe storage (their instance store is hardware-encrypted) and " +
        "serverless variants cannot take a key and are not applicable.",
    remediation: {
        terraform: "Set `kms_key_arn` on the `aws_sagemaker_endpoint_configuration` to a customer-managed key (for example `aws_kms_key.ml.arn`).",
        pulumi: "Set `kmsKeyArn` on the `aws.sagemaker.EndpointConfiguration` to a customer-managed key (for example `mlKey.arn`).",
    },
    frameworks: {
        "aws-config": ["sagemaker-endpoint-configuration-kms-key-configured", "sagemaker-endpoint-config-kms-key-required"],
        prowler: ["sagemaker_endpoint_config_kms_encryption_enabled"],
        "nist-800-53": ["SC-28", "SC-28(1)"],
        "owasp-ml": ["ML05"],
    },
    tags: ["sagemaker", "inference", "encryption", "kms"],
    aliases: { checkov: ["CKV_AWS_98"] },
    subjects: [types.sagemakerEndpointConfiguration],
    scope: "resource",
    options: {
        nvmeInstanceFamilies: {
            description: "Instance families (`ml.g5`) with local NVMe instance storage, for which SageMaker rejects a KMS key.",
            schema: { type: "array", items: { type: "string" } },
            default: [...NVME_INSTANCE_FAMILIES],
        },
    },
    check(config, { options }) {
        const nvme = new Set(stringList(options.nvmeInstanceFamilies).map((f) => f.toLowerCase()));
        const key = prop(config, "kmsKeyArn");
        const { variants, computed } = endpointVariants(config);
        let needsKey = computed === undefined && variants.length === 0;
        let undecided = computed;
        for (const v of variants) {
            const serverless = within(config, v, "serverlessConfig");
            if (serverless.state === "explicit") continue;
            const type = within(config, v, "instanceType");
            if (type.state === "unknown") undecided ??= type;
            else if (typeof type.value !== "string" || !nvme.has(instanceFamily(type.value))) needsKey = true;
        }
        if (!needsKey && !undecided) {
            return [notApplicable(config, "Every variant is serverless or uses local NVMe instance storage, which SageMaker encrypts without a KMS key.")];
        }
        const verdict = expectCustomerKey(key, "the endpoint's ML storage");
        if (verdict.status === "fail" && !needsKey && undecided) {
            return [unknown(undecided, "A variant's instance type is computed, so whether the endpoint needs a KMS key cannot be checked yet.")];
        }
        return [verdict];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    { type: types.sagemakerEndpointConfiguration, name: "churn", props: { kmsKeyArn: ref("ml", "arn"), productionVariants: [variant] } },
                ],
            ],
            bad: [
                [{ type: types.sagemakerEndpointConfiguration, name: "churn", props: { productionVariants: [variant] } }],
                [
                    {
                        type: types.sagemakerEndpointConfiguration,
                        name: "churn",
                        props: { kmsKeyArn: "alias/aws/sagemaker", productionVariants: [variant] },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_sagemaker_endpoint_configuration" "churn" {
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = "churn"
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_endpoint_configuration" "churn" {
  production_variants {
    variant_name           = "primary"
    model_name             = "churn"
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }
}
`,
                `resource "aws_sagemaker_endpoint_configuration" "churn" {
  kms_key_arn = "alias/aws/sagemaker"

  production_variants {
    variant_name           = "primary"
    model_name             = "churn"
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }
}
`,
            ],
        },
    },
});
