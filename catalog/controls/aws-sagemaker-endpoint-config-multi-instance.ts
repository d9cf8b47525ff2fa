import { defineControl } from "../control";
import { anyProp, within } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";

const variant = { variantName: "primary", modelName: "churn", instanceType: "ml.m5.large" };

export default defineControl({
    id: "aws-sagemaker-endpoint-config-multi-instance",
    title: "SageMaker production variants must run on more than one instance",
    severity: "low",
    provider: "aws",
    rationale:
        "A production variant on a single instance has no redundancy: an instance failure, an Availability Zone event " +
        "or a patch takes the endpoint down. With two or more instances SageMaker spreads them across Availability " +
        "Zones. Serverless variants scale on their own and are exempt.",
    remediation: {
        terraform: "Set `initial_instance_count` to 2 or more on every instance-backed `production_variants` block.",
        pulumi: "Set `initialInstanceCount` to 2 or more on every instance-backed entry of `productionVariants`.",
    },
    frameworks: {
        "aws-fsbp": ["SageMaker.4"],
        "aws-config": ["sagemaker-endpoint-config-prod-instance-count"],
        prowler: ["sagemaker_endpoint_config_prod_variant_instances"],
        "nist-800-53": ["CP-10", "SC-5"],
    },
    tags: ["sagemaker", "inference", "availability"],
    aliases: {},
    subjects: [types.sagemakerEndpointConfiguration],
    scope: "resource",
    options: {},
    check(config) {
        const list = anyProp(config, "productionVariants");
        if (list.state === "unknown") return [unknown(list, "The production variants are computed; their instance counts cannot be checked yet.")];
        const results: CheckResult[] = [];
        const items = list.node?.kind === "list" ? list.node.items : [];
        items.forEach((_, i) => {
            const v = within(config, list, String(i));
            if (v.state === "unknown") {
                results.push(unknown(v, `Production variant ${i + 1} is computed; its instance count cannot be checked yet.`));
                return;
            }
            if (within(config, v, "serverlessConfig").state !== "absent") return;
            const count = within(config, v, "initialInstanceCount");
            const where = count.state === "absent" ? { ...count, location: v.location } : count;
            if (count.state === "unknown") results.push(unknown(count, `The instance count of production variant ${i + 1} is computed.`));
            else if (count.state === "absent") results.push(fail(where, `Production variant ${i + 1} sets no initialInstanceCount; set 2 or more.`));
            else if (typeof count.value === "number" && count.value > 1) results.push(pass(count, `Production variant ${i + 1} runs on ${count.value} instances.`));
            else results.push(fail(count, `Production variant ${i + 1} runs on fewer than 2 instances (initialInstanceCount); set 2 or more.`));
        });
        return results.length > 0 ? results : [notApplicable(config, "Every production variant is serverless.")];
    },
    examples: {
        pulumi: {
            good: [[{ type: types.sagemakerEndpointConfiguration, name: "churn", props: { productionVariants: [{ ...variant, initialInstanceCount: 2 }] } }]],
            bad: [[{ type: types.sagemakerEndpointConfiguration, name: "churn", props: { productionVariants: [{ ...variant, initialInstanceCount: 1 }] } }]],
        },
        terraform: {
            good: [
                `resource "aws_sagemaker_endpoint_configuration" "churn" {
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
    initial_instance_count = 1
  }
}
`,
            ],
        },
    },
});
