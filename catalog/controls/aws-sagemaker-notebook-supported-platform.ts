import { defineControl } from "../control";
import { stringList } from "../helpers/coerce";
import { prop } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import { types } from "../resource-types";

/** Platform identifiers the provider documents as deprecated (Amazon Linux 1, early Amazon Linux 2 images). */
export const DEPRECATED_NOTEBOOK_PLATFORMS = ["notebook-al1-v1", "notebook-al2-v1", "notebook-al2-v2"];

/** What SageMaker uses when `platform_identifier` is not set (provider docs). */
const DEFAULT_PLATFORM = "notebook-al2-v3";

export default defineControl<import("@pulumi/aws/sagemaker").NotebookInstanceArgs, { deprecatedPlatforms: string[] }>({
    id: "aws-sagemaker-notebook-supported-platform",
    title: "SageMaker notebook instances must run on a supported platform",
    severity: "medium",
    provider: "aws",
    rationale:
        "A notebook on a deprecated platform identifier runs an operating system and Jupyter stack that no longer " +
        "gets security updates, with the execution role's credentials on it. The identifier is chosen at creation; " +
        "when it is not set SageMaker uses `notebook-al2-v3`, which is evaluated like any other value.",
    remediation: {
        terraform: 'Set `platform_identifier = "notebook-al2023-v1"` (recreates the instance; keep notebooks in a code repository or S3).',
        pulumi: 'Set `platformIdentifier: "notebook-al2023-v1"` (replaces the instance; keep notebooks in a code repository or S3).',
    },
    frameworks: {
        "aws-fsbp": ["SageMaker.8"],
        "aws-config": ["sagemaker-notebook-instance-platform-version"],
        "nist-800-53": ["SI-2", "SA-22"],
    },
    tags: ["sagemaker", "notebook", "patching"],
    aliases: {},
    subjects: [types.sagemakerNotebookInstance],
    scope: "resource",
    options: {
        deprecatedPlatforms: {
            description: "Platform identifiers that fail. Default: the identifiers the AWS provider documents as deprecated.",
            schema: { type: "array", items: { type: "string" } },
            default: DEPRECATED_NOTEBOOK_PLATFORMS,
        },
    },
    check(notebook, { options }) {
        const deprecated = stringList(options.deprecatedPlatforms);
        const platform = prop(notebook, "platformIdentifier");
        if (platform.state === "unknown") return [unknown(platform, "The platform identifier (platformIdentifier) is computed; it cannot be checked yet.")];
        const value = platform.state === "absent" ? DEFAULT_PLATFORM : platform.value;
        if (typeof value !== "string" || value.trim() === "") return [fail(platform, "platformIdentifier is not a platform identifier.")];
        if (deprecated.includes(value.trim())) {
            const how = platform.state === "absent" ? `is not set, so the default ${DEFAULT_PLATFORM}, which is deprecated, applies` : "names a deprecated platform";
            return [fail(platform, `platformIdentifier ${how}; use notebook-al2023-v1.`, DEFAULT_PLATFORM)];
        }
        return [pass(platform, platform.state === "absent" ? `The default platform ${DEFAULT_PLATFORM} is supported.` : "The notebook runs on a supported platform.")];
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
                            platformIdentifier: "notebook-al2023-v1",
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
                            platformIdentifier: "notebook-al1-v1",
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_sagemaker_notebook_instance" "research" {
  name                = "research"
  instance_type       = "ml.t3.medium"
  role_arn            = "arn:aws:iam::111122223333:role/sagemaker-research"
  platform_identifier = "notebook-al2023-v1"
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_notebook_instance" "research" {
  name                = "research"
  instance_type       = "ml.t3.medium"
  role_arn            = "arn:aws:iam::111122223333:role/sagemaker-research"
  platform_identifier = "notebook-al1-v1"
}
`,
            ],
        },
    },
});
