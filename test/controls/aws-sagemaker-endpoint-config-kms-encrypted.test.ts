import control from "../../catalog/controls/aws-sagemaker-endpoint-config-kms-encrypted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const v = (instanceType: unknown, extra: Record<string, unknown> = {}) => ({ variantName: "a", modelName: "m", instanceType, initialInstanceCount: 2, ...extra });
const cfg = (props: Record<string, unknown>) => [{ type: types.sagemakerEndpointConfiguration, name: "c", props }];

edgeCases(control, [
    { name: "a key ARN passes", resources: cfg({ kmsKeyArn: KEY, productionVariants: [v("ml.m5.large")] }), expect: ["pass"] },
    { name: "a computed key (from a key resource) passes", resources: cfg({ kmsKeyArn: UNKNOWN, productionVariants: [v("ml.m5.large")] }), expect: ["pass"] },
    { name: "absent fails", resources: cfg({ productionVariants: [v("ml.m5.large")] }), expect: ["fail"], message: /AWS-managed/ },
    { name: "an AWS-managed alias fails", resources: cfg({ kmsKeyArn: "alias/aws/sagemaker", productionVariants: [v("ml.m5.large")] }), expect: ["fail"] },
    { name: "an empty key fails", resources: cfg({ kmsKeyArn: "", productionVariants: [v("ml.m5.large")] }), expect: ["fail"] },
    { name: "NVMe-only variants are not applicable", resources: cfg({ productionVariants: [v("ml.g5.xlarge"), v("ML.P4D.24XLARGE")] }), expect: ["not-applicable"] },
    { name: "serverless-only variants are not applicable", resources: cfg({ productionVariants: [{ variantName: "a", modelName: "m", serverlessConfig: { maxConcurrency: 5, memorySizeInMb: 2048 } }] }), expect: ["not-applicable"] },
    { name: "an NVMe variant next to an EBS one still needs the key", resources: cfg({ productionVariants: [v("ml.g5.xlarge"), v("ml.m5.large")] }), expect: ["fail"] },
    { name: "a shadow variant on EBS needs the key", resources: cfg({ productionVariants: [v("ml.g5.xlarge")], shadowProductionVariants: [v("ml.c5.large")] }), expect: ["fail"] },
    { name: "a computed instance type with no key is not verifiable", resources: cfg({ productionVariants: [v(UNKNOWN)] }), expect: ["unknown"] },
    { name: "computed variants with no key are not verifiable", resources: cfg({ productionVariants: UNKNOWN }), expect: ["unknown"] },
    { name: "the NVMe list is an option", resources: cfg({ productionVariants: [v("ml.m5.large")] }), settings: { nvmeInstanceFamilies: ["ml.m5"] }, expect: ["not-applicable"] },
    { name: "an object key fails without throwing", resources: cfg({ kmsKeyArn: { a: 1 }, productionVariants: [v("ml.m5.large")] }), expect: ["fail"] },
]);

terraformCases(control, [
    {
        name: "a dynamic variant block is read",
        files: {
            "main.tf": `resource "aws_sagemaker_endpoint_configuration" "c" {
  dynamic "production_variants" {
    for_each = ["ml.g5.xlarge"]
    content {
      variant_name           = "v"
      model_name             = "m"
      instance_type          = production_variants.value
      initial_instance_count = 2
    }
  }
}
`,
        },
        expect: ["not-applicable"],
    },
    {
        name: "absent points at the resource header",
        files: {
            "main.tf": `resource "aws_sagemaker_endpoint_configuration" "c" {
  production_variants {
    variant_name  = "v"
    model_name    = "m"
    instance_type = "ml.m5.large"
  }
}
`,
        },
        expect: ["fail"],
        failsAt: "resource",
    },
]);
