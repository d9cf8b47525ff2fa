import { defineControl } from "../control";
import { checkPolicyDocuments, elementAttr, grantsAction } from "../helpers/iam";
import { coversEveryRole } from "../iam/analysis";
import { fail, unknown } from "../helpers/results";
import { types } from "../resource-types";
import { PERMISSION_POLICY_HOLDERS } from "../iam/holders";

export default defineControl<unknown>({
    id: "aws-iam-passrole-scoped",
    title: "iam:PassRole must be scoped to specific roles",
    severity: "high",
    provider: "aws",
    rationale:
        "`iam:PassRole` on every role lets a principal hand any role in the account to a service it can launch: a " +
        "notebook or training job that may pass an administrator role runs with administrator rights. PassRole must name " +
        "specific role ARNs and, for SageMaker, be conditioned on `iam:PassedToService = sagemaker.amazonaws.com`. " +
        "Wildcard actions (`iam:*`, `iam:Pass*`, `*`) and `NotAction` grant it too.",
    remediation: {
        terraform:
            'Allow `iam:PassRole` only on specific role ARNs (e.g. `aws_iam_role.sagemaker_exec.arn`) with `condition { test = "StringEquals" variable = "iam:PassedToService" values = ["sagemaker.amazonaws.com"] }`.',
        pulumi:
            'Allow `iam:PassRole` only on specific role ARNs (e.g. `execRole.arn`) with `Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } }`.',
    },
    frameworks: {
        prowler: ["iam_policy_allows_privilege_escalation"],
        "nist-800-53": ["AC-6(1)"],
    },
    tags: ["iam", "least-privilege", "privilege-escalation"],
    aliases: {},
    subjects: PERMISSION_POLICY_HOLDERS,
    scope: "resource",
    options: {},
    check(resource) {
        return checkPolicyDocuments(
            resource,
            "iam:PassRole scoping",
            (s, label, attr) => {
                const grants = s.unknown ? "unknown" : grantsAction(s, "iam:PassRole");
                if (grants === "no") return undefined;
                const scope = coversEveryRole(s);
                if (grants === "yes" && scope === "yes") {
                    return fail(elementAttr(attr, s, "Action", "NotAction"), `${label} allows iam:PassRole on every role; name specific role ARNs.`);
                }
                if (scope !== "no") return unknown(attr, `${label} has computed actions or resources; it may allow iam:PassRole on every role.`);
                return undefined;
            },
            (attr) => `${attr.path} grants iam:PassRole only on specific roles, if at all.`,
        );
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.iamPolicy,
                        name: "pass-exec-role",
                        props: {
                            policy: {
                                Version: "2012-10-17",
                                Statement: [
                                    {
                                        Effect: "Allow",
                                        Action: "iam:PassRole",
                                        Resource: "arn:aws:iam::111122223333:role/sagemaker-exec",
                                        Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
                                    },
                                ],
                            },
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.iamPolicy,
                        name: "pass-any-role",
                        props: {
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [{ Effect: "Allow", Action: ["sagemaker:CreateTrainingJob", "iam:PassRole"], Resource: "*" }],
                            }),
                        },
                    },
                ],
                [
                    {
                        type: types.iamRolePolicy,
                        name: "iam-pass-star",
                        props: {
                            role: "sagemaker-exec",
                            policy: JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "iam:Pass*", Resource: "*" } }),
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_iam_policy" "pass_exec_role" {
  name = "pass-exec-role"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:PassRole"
      Resource  = "arn:aws:iam::111122223333:role/sagemaker-exec"
      Condition = { StringEquals = { "iam:PassedToService" = "sagemaker.amazonaws.com" } }
    }]
  })
}
`,
            ],
            bad: [
                `resource "aws_iam_policy" "pass_any_role" {
  name = "pass-any-role"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sagemaker:CreateTrainingJob", "iam:PassRole"]
      Resource = "*"
    }]
  })
}
`,
                `resource "aws_iam_role_policy" "iam_pass_star" {
  role   = "sagemaker-exec"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": { "Effect": "Allow", "Action": "iam:Pass*", "Resource": "*" }
    }
  EOT
}
`,
            ],
        },
    },
});
