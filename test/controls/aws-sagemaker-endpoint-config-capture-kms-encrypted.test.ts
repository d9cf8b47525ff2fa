import control from "../../catalog/controls/aws-sagemaker-endpoint-config-capture-kms-encrypted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const cfg = (props: Record<string, unknown>) => [{ type: types.sagemakerEndpointConfiguration, name: "c", props: { productionVariants: [{ variantName: "a" }], ...props } }];
const capture = (extra: Record<string, unknown>) => ({ initialSamplingPercentage: 10, destinationS3Uri: "s3://b/p", captureOptions: [{ captureMode: "Input" }], ...extra });

edgeCases(control, [
    { name: "neither feature: not applicable", resources: cfg({}), expect: ["not-applicable"] },
    { name: "capture with a key passes", resources: cfg({ dataCaptureConfig: capture({ enableCapture: true, kmsKeyId: KEY }) }), expect: ["pass"] },
    { name: "capture without a key fails", resources: cfg({ dataCaptureConfig: capture({ enableCapture: true }) }), expect: ["fail"], message: /AWS-managed/ },
    { name: "capture disabled is not applicable", resources: cfg({ dataCaptureConfig: capture({ enableCapture: false }) }), expect: ["not-applicable"] },
    { name: "enableCapture absent defaults to false: not applicable", resources: cfg({ dataCaptureConfig: capture({}) }), expect: ["not-applicable"] },
    { name: "enableCapture computed: the key is still required", resources: cfg({ dataCaptureConfig: capture({ enableCapture: UNKNOWN }) }), expect: ["fail"] },
    { name: "a computed capture block is not verifiable", resources: cfg({ dataCaptureConfig: UNKNOWN }), expect: ["unknown"] },
    { name: "an AWS-managed capture key fails", resources: cfg({ dataCaptureConfig: capture({ enableCapture: true, kmsKeyId: "alias/aws/s3" }) }), expect: ["fail"] },
    { name: "async output with a key passes", resources: cfg({ asyncInferenceConfig: { outputConfig: { s3OutputPath: "s3://b/o", kmsKeyId: KEY } } }), expect: ["pass"] },
    { name: "async output without a key fails", resources: cfg({ asyncInferenceConfig: { outputConfig: { s3OutputPath: "s3://b/o" } } }), expect: ["fail"] },
    { name: "a computed output config is not verifiable", resources: cfg({ asyncInferenceConfig: { outputConfig: UNKNOWN } }), expect: ["unknown"] },
    {
        name: "both features are judged",
        resources: cfg({ dataCaptureConfig: capture({ enableCapture: true, kmsKeyId: KEY }), asyncInferenceConfig: { outputConfig: { s3OutputPath: "s3://b/o" } } }),
        expect: ["pass", "fail"],
    },
]);

terraformCases(control, [
    {
        name: "a missing key points at the capture block",
        files: {
            "main.tf": `resource "aws_sagemaker_endpoint_configuration" "c" {
  production_variants {
    variant_name = "v"
    model_name   = "m"
  }
  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 10
    destination_s3_uri          = "s3://b/p"
    capture_options {
      capture_mode = "Input"
    }
  }
}
`,
        },
        expect: ["fail"],
        failsAt: "data_capture_config",
    },
]);
