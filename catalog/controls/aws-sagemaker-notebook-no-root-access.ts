import { defineControl } from "../control";
import { prop } from "../helpers/props";
import { expectOneOf } from "../helpers/results";
import { types } from "../resource-types";

export default defineControl({
    id: "aws-sagemaker-notebook-no-root-access",
    title: "SageMaker notebook instances must have root access disabled",
    severity: "high",
    provider: "aws",
    rationale:
        "With root access a notebook user can change the instance's system configuration, install unvetted software and " +
        "tamper with the controls that keep data inside the VPC. The provider default is `Enabled`, so a notebook that " +
        "does not set the attribute gives every user root. Lifecycle configurations still run as root when it is disabled.",
    remediation: {
        terraform: 'Set `root_access = "Disabled"` on the `aws_sagemaker_notebook_instance`.',
        pulumi: 'Set `rootAccess: "Disabled"` on the `aws.sagemaker.NotebookInstance`.',
    },
    frameworks: {
        "aws-fsbp": ["SageMaker.3"],
        "aws-config": ["sagemaker-notebook-instance-root-access-check"],
        prowler: ["sagemaker_notebook_instance_root_access_disabled"],
        "nist-800-53": ["AC-2(1)", "AC-3", "AC-6", "AC-6(10)"],
        "owasp-ml": ["ML06"],
    },
    tags: ["sagemaker", "notebook", "least-privilege"],
    aliases: { checkov: ["CKV_AWS_307"] },
    subjects: [types.sagemakerNotebookInstance],
    scope: "resource",
    options: {},
    autofix: [{ path: "rootAccess", value: "Disabled" }],
    check(notebook) {
        return [expectOneOf(prop(notebook, "rootAccess"), ["Disabled"], { defaultValue: "Enabled", what: "Root access" })];
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
                            rootAccess: "Disabled",
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
                            rootAccess: "Enabled",
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
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-research"
  root_access   = "Disabled"
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-research"
  root_access   = "Enabled"
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
