import control from "../../catalog/controls/aws-sagemaker-endpoint-config-multi-instance";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const cfg = (productionVariants: unknown) => [{ type: types.sagemakerEndpointConfiguration, name: "c", props: { productionVariants } }];
const v = (initialInstanceCount: unknown) => ({ variantName: "a", modelName: "m", instanceType: "ml.m5.large", initialInstanceCount });

edgeCases(control, [
    { name: "2 instances pass", resources: cfg([v(2)]), expect: ["pass"] },
    { name: "1 instance fails", resources: cfg([v(1)]), expect: ["fail"], message: /fewer than 2/ },
    { name: "absent count fails", resources: cfg([{ variantName: "a", instanceType: "ml.m5.large" }]), expect: ["fail"] },
    { name: "each variant is judged", resources: cfg([v(3), v(1)]), expect: ["pass", "fail"] },
    { name: "serverless variants are exempt", resources: cfg([{ variantName: "s", serverlessConfig: { maxConcurrency: 1, memorySizeInMb: 1024 } }]), expect: ["not-applicable"] },
    { name: "a computed count is not verifiable", resources: cfg([v(UNKNOWN)]), expect: ["unknown"] },
    { name: "computed variants are not verifiable", resources: cfg(UNKNOWN), expect: ["unknown"] },
    { name: "a string count fails without throwing", resources: cfg([v("2")]), expect: ["fail"] },
]);

terraformCases(control, [
    {
        name: "count from a variable default is judged at the attribute",
        files: {
            "main.tf": `variable "n" {
  default = 1
}

resource "aws_sagemaker_endpoint_configuration" "c" {
  production_variants {
    variant_name           = "v"
    model_name             = "m"
    instance_type          = "ml.m5.large"
    initial_instance_count = var.n
  }
}
`,
        },
        expect: ["fail"],
        failsAt: "initial_instance_count",
    },
    {
        name: "an absent count points at the variant block",
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
        failsAt: "production_variants",
    },
]);
