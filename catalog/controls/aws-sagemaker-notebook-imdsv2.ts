import { defineControl } from "../control";
import { nested } from "../helpers/sagemaker";
import { fail, pass, unknown } from "../helpers/results";
import { types } from "../resource-types";

const PATH = "instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion";

export default defineControl({
    id: "aws-sagemaker-notebook-imdsv2",
    title: "SageMaker notebook instances must accept only IMDSv2",
    severity: "medium",
    provider: "aws",
    rationale:
        "With IMDSv1 allowed, any server-side request forgery in a notebook (a Jupyter extension, a library fetching a " +
        "user-supplied URL) can read the execution role's credentials from the instance metadata service. IMDSv2 needs " +
        "a session token obtained with a PUT, which such requests cannot make. When no minimum version is set, " +
        "SageMaker defaults to `1`, which accepts both versions.",
    remediation: {
        terraform:
            'Add `instance_metadata_service_configuration { minimum_instance_metadata_service_version = "2" }` to the notebook instance.',
        pulumi: 'Set `instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" }` on the notebook instance.',
    },
    frameworks: { "nist-800-53": ["AC-3", "SC-7"], "owasp-ml": ["ML05"] },
    tags: ["sagemaker", "notebook", "credentials"],
    aliases: { checkov: ["CKV_AWS_371"] },
    subjects: [types.sagemakerNotebookInstance],
    scope: "resource",
    options: {},
    autofix: [{ path: PATH, value: "2" }],
    check(notebook) {
        const version = nested(notebook, PATH);
        if (version.state === "unknown") {
            return [unknown(version, `The minimum instance metadata service version (${PATH}) is computed; it must be "2".`)];
        }
        if (version.state === "absent") {
            return [fail(version, `${PATH} is not set, so SageMaker's default "1" applies and IMDSv1 is accepted; set it to "2".`, "1")];
        }
        // Terraform converts a number to the string attribute; accept both spellings.
        if (version.value === "2" || version.value === 2) return [pass(version, "The notebook accepts only IMDSv2.")];
        return [fail(version, `${PATH} is not "2", so IMDSv1 is accepted; set it to "2".`)];
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
                            instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" },
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
                            instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "1" },
                        },
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

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
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

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "1"
  }
}
`,
            ],
        },
    },
});
