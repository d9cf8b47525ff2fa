import { defineControl } from "../control";
import { prop } from "../helpers/props";
import { expectOneOf } from "../helpers/results";
import { types } from "../resource-types";

export default defineControl({
    id: "aws-sagemaker-notebook-no-direct-internet",
    title: "SageMaker notebook instances must not have direct internet access",
    severity: "high",
    provider: "aws",
    rationale:
        "A notebook with direct internet access gets a SageMaker-managed network interface with a route to the internet, " +
        "outside your VPC's controls: data and credentials can be exfiltrated and untrusted packages pulled in. " +
        "The provider default is `Enabled`, so a notebook that does not set the attribute is exposed.",
    remediation: {
        terraform: 'Set `direct_internet_access = "Disabled"` and place the notebook in a private subnet (`subnet_id`, `security_groups`).',
        pulumi: 'Set `directInternetAccess: "Disabled"` and place the notebook in a private subnet (`subnetId`, `securityGroups`).',
    },
    frameworks: {
        "aws-fsbp": ["SageMaker.1"],
        "aws-config": ["sagemaker-notebook-no-direct-internet-access"],
        prowler: ["sagemaker_notebook_instance_without_direct_internet_access_configured"],
        "nist-800-53": ["AC-4", "SC-7", "SC-7(3)", "SC-7(4)"],
        "owasp-ml": ["ML05", "ML06"],
    },
    tags: ["sagemaker", "notebook", "network"],
    aliases: { checkov: ["CKV_AWS_122"], trivy: ["AVD-AWS-0160"] },
    subjects: [types.sagemakerNotebookInstance],
    scope: "resource",
    options: {},
    autofix: [{ path: "directInternetAccess", value: "Disabled" }],
    check(notebook) {
        return [
            expectOneOf(prop(notebook, "directInternetAccess"), ["Disabled"], {
                defaultValue: "Enabled",
                what: "Direct internet access",
            }),
        ];
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            subnetId: "subnet-0a1b2c3d",
                            securityGroups: ["sg-0a1b2c3d"],
                            directInternetAccess: "Disabled",
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            directInternetAccess: "Enabled",
                        },
                    },
                ],
                [
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/sagemaker-research" },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-research"
  subnet_id              = "subnet-0a1b2c3d"
  security_groups        = ["sg-0a1b2c3d"]
  direct_internet_access = "Disabled"
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-research"
  direct_internet_access = "Enabled"
}
`,
                `resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-research"
}
`,
            ],
        },
    },
});
