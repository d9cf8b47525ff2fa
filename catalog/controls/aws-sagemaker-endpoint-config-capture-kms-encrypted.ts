import { defineControl } from "../control";
import { scalarBoolean } from "../helpers/coerce";
import { prop } from "../helpers/props";
import { expectCustomerKey, nested } from "../helpers/sagemaker";
import { notApplicable, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

const variant = { variantName: "primary", modelName: "churn", instanceType: "ml.m5.large", initialInstanceCount: 2 };
const capture = {
    enableCapture: true,
    initialSamplingPercentage: 100,
    destinationS3Uri: "s3://acme-ml-capture/churn",
    captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
};

export default defineControl({
    id: "aws-sagemaker-endpoint-config-capture-kms-encrypted",
    title: "SageMaker endpoint data capture and asynchronous inference output must be encrypted with a customer-managed KMS key",
    severity: "medium",
    provider: "aws",
    rationale:
        "Data capture writes the requests and responses an endpoint serves to S3, and asynchronous inference writes " +
        "every result there: often personal or confidential data, kept for monitoring. Without a `kms_key_id` these " +
        "objects are encrypted with the bucket's default or an AWS-managed key. Not applicable when the endpoint uses " +
        "neither feature (capture is off unless `enable_capture` is true).",
    remediation: {
        terraform:
            "Set `data_capture_config.kms_key_id` when capture is enabled and `async_inference_config.output_config.kms_key_id` for asynchronous endpoints, to a customer-managed key.",
        pulumi:
            "Set `dataCaptureConfig.kmsKeyId` when capture is enabled and `asyncInferenceConfig.outputConfig.kmsKeyId` for asynchronous endpoints, to a customer-managed key.",
    },
    frameworks: { "nist-800-53": ["SC-28", "AU-9"], "owasp-ml": ["ML05"] },
    tags: ["sagemaker", "inference", "encryption", "kms"],
    aliases: {},
    subjects: [types.sagemakerEndpointConfiguration],
    scope: "resource",
    options: {},
    check(config) {
        const results: CheckResult[] = [];
        const captureBlock = prop(config, "dataCaptureConfig");
        if (captureBlock.state === "unknown") {
            results.push(unknown(captureBlock, "The data capture configuration is computed; its encryption cannot be checked yet."));
        } else if (captureBlock.state === "explicit") {
            const enabled = nested(config, "dataCaptureConfig.enableCapture");
            const on = enabled.state === "unknown" ? undefined : scalarBoolean(enabled.value ?? false);
            if (on !== false) results.push(expectCustomerKey(nested(config, "dataCaptureConfig.kmsKeyId"), "captured inference data"));
        }
        const asyncBlock = prop(config, "asyncInferenceConfig");
        if (asyncBlock.state === "unknown") {
            results.push(unknown(asyncBlock, "The asynchronous inference configuration is computed; its encryption cannot be checked yet."));
        } else if (asyncBlock.state === "explicit") {
            results.push(expectCustomerKey(nested(config, "asyncInferenceConfig.outputConfig.kmsKeyId"), "asynchronous inference output"));
        }
        return results.length > 0 ? results : [notApplicable(config, "The endpoint neither captures data nor serves asynchronous inference.")];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    {
                        type: types.sagemakerEndpointConfiguration,
                        name: "churn",
                        props: { productionVariants: [variant], dataCaptureConfig: { ...capture, kmsKeyId: ref("ml", "arn") } },
                    },
                ],
            ],
            bad: [
                [{ type: types.sagemakerEndpointConfiguration, name: "churn", props: { productionVariants: [variant], dataCaptureConfig: capture } }],
                [
                    {
                        type: types.sagemakerEndpointConfiguration,
                        name: "churn",
                        props: { productionVariants: [variant], asyncInferenceConfig: { outputConfig: { s3OutputPath: "s3://acme-ml-async/churn" } } },
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
  production_variants {
    variant_name           = "primary"
    model_name             = "churn"
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://acme-ml-capture/churn"
    kms_key_id                  = aws_kms_key.ml.arn

    capture_options {
      capture_mode = "Input"
    }
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

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://acme-ml-capture/churn"

    capture_options {
      capture_mode = "Input"
    }
  }
}
`,
                `resource "aws_sagemaker_endpoint_configuration" "churn" {
  production_variants {
    variant_name           = "primary"
    model_name             = "churn"
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }

  async_inference_config {
    output_config {
      s3_output_path = "s3://acme-ml-async/churn"
    }
  }
}
`,
            ],
        },
    },
});
