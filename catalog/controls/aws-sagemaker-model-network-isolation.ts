import { defineControl } from "../control";
import { expectBoolean } from "../helpers/outcomes";
import { prop } from "../helpers/props";
import { types } from "../resource-types";

export default defineControl({
    id: "aws-sagemaker-model-network-isolation",
    title: "SageMaker models must run their containers with network isolation",
    severity: "medium",
    provider: "aws",
    rationale:
        "Without network isolation a model container can make outbound calls from the serving fleet: a compromised " +
        "or malicious model (pickled code in an artifact, a poisoned image) can exfiltrate inference payloads or pull " +
        "further code. With isolation the container has no network access; SageMaker still fetches the artifact and " +
        "image for it. The provider default is `false`.",
    remediation: {
        terraform: "Set `enable_network_isolation = true` on the `aws_sagemaker_model`.",
        pulumi: "Set `enableNetworkIsolation: true` on the `aws.sagemaker.Model` (the SecureModelEndpoint component does this unless `allowContainerEgress` records a reason).",
    },
    frameworks: {
        "aws-fsbp": ["SageMaker.5"],
        "aws-config": ["sagemaker-model-isolation-enabled"],
        prowler: ["sagemaker_models_network_isolation_enabled"],
        "nist-800-53": ["SC-7", "AC-4"],
        "owasp-ml": ["ML05", "ML06"],
    },
    tags: ["sagemaker", "inference", "network"],
    aliases: { checkov: ["CKV_AWS_370"] },
    subjects: [types.sagemakerModel],
    scope: "resource",
    options: {},
    autofix: [{ path: "enableNetworkIsolation", value: true }],
    check(model) {
        return [
            expectBoolean(prop(model, "enableNetworkIsolation"), true, {
                defaultValue: false,
                what: "Network isolation",
                fix: "set enableNetworkIsolation to true",
            }),
        ];
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.sagemakerModel,
                        name: "churn",
                        props: {
                            executionRoleArn: "arn:aws:iam::111122223333:role/sagemaker-serving",
                            enableNetworkIsolation: true,
                            primaryContainer: { image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:${"ab12".repeat(16)}` },
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerModel,
                        name: "churn",
                        props: {
                            executionRoleArn: "arn:aws:iam::111122223333:role/sagemaker-serving",
                            primaryContainer: { image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:${"ab12".repeat(16)}` },
                        },
                    },
                ],
                [
                    {
                        type: types.sagemakerModel,
                        name: "churn",
                        props: {
                            executionRoleArn: "arn:aws:iam::111122223333:role/sagemaker-serving",
                            enableNetworkIsolation: false,
                            primaryContainer: { image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:${"ab12".repeat(16)}` },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_sagemaker_model" "churn" {
  execution_role_arn       = "arn:aws:iam::111122223333:role/sagemaker-serving"
  enable_network_isolation = true

  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:${"ab12".repeat(16)}"
  }
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-serving"

  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:${"ab12".repeat(16)}"
  }
}
`,
                `resource "aws_sagemaker_model" "churn" {
  execution_role_arn       = "arn:aws:iam::111122223333:role/sagemaker-serving"
  enable_network_isolation = false

  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:${"ab12".repeat(16)}"
  }
}
`,
            ],
        },
    },
});
