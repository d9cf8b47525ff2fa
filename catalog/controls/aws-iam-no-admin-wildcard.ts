import { defineControl } from "../control";
import { checkPolicyDocuments, elementAttr, hasStar } from "../helpers/iam";
import { fail, unknown } from "../helpers/results";
import { PERMISSION_POLICY_HOLDERS } from "../iam/holders";
import { types } from "../resource-types";

/** IAM resources that carry permission policy documents (kept for existing importers). */
export const IAM_POLICY_HOLDERS = PERMISSION_POLICY_HOLDERS;

function isAdminAction(value: string): boolean {
    const v = value.trim();
    return v === "*" || v === "*:*";
}

export default defineControl<unknown>({
    id: "aws-iam-no-admin-wildcard",
    title: 'IAM policies must not allow "*" actions on "*" resources',
    severity: "high",
    provider: "aws",
    rationale:
        'A statement that allows `Action: "*"` on `Resource: "*"` is full administrator access. On an ML execution role ' +
        "or a notebook's role it lets any code in a notebook or training container read every dataset, change IAM and " +
        "switch off every other control.",
    remediation: {
        terraform: 'Replace `"*"` actions with the specific actions the workload needs, scoped to specific resource ARNs.',
        pulumi: 'Replace `"*"` actions with the specific actions the workload needs, scoped to specific resource ARNs.',
    },
    frameworks: {
        "aws-fsbp": ["IAM.1"],
        "aws-config": ["iam-policy-no-statements-with-admin-access"],
        "cis-aws": ["1.16"],
        prowler: ["iam_customer_attached_policy_no_administrative_privileges", "iam_inline_policy_no_administrative_privileges"],
        "nist-800-53": ["AC-6", "AC-6(10)"],
    },
    tags: ["iam", "least-privilege"],
    aliases: { checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_1"], tfsec: ["aws-iam-no-policy-wildcards"], trivy: ["AVD-AWS-0057"] },
    subjects: PERMISSION_POLICY_HOLDERS,
    scope: "resource",
    options: {},
    check(resource) {
        return checkPolicyDocuments(
            resource,
            'whether it grants "*" on "*"',
            (s, label, attr) => {
                const adminAction = !!s.action && s.action.values.some(isAdminAction);
                const allResources = hasStar(s.resource);
                if (s.effect === "Allow" && adminAction && allResources) {
                    return fail(elementAttr(attr, s, "Action"), `${label} allows every action ("*") on every resource ("*").`);
                }
                if (s.unknown || (s.action?.hasUnknown && allResources) || (adminAction && s.resource?.hasUnknown)) {
                    return unknown(attr, `${label} has computed parts; it may grant "*" on "*".`);
                }
                return undefined;
            },
            (attr) => `No statement of ${attr.path} allows "*" on "*".`,
        );
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.iamPolicy,
                        name: "training-data-read",
                        props: {
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::ml-training-data/*" }],
                            }),
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.iamPolicy,
                        name: "admin",
                        props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) },
                    },
                ],
                [
                    {
                        type: types.iamRole,
                        name: "sagemaker-exec",
                        props: {
                            assumeRolePolicy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }],
                            }),
                            inlinePolicies: [
                                {
                                    name: "everything",
                                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["*:*"], Resource: ["*"] }] }),
                                },
                            ],
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_iam_policy" "training_data_read" {
  name = "training-data-read"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:aws:s3:::ml-training-data/*"
    }]
  })
}
`,
            ],
            bad: [
                `resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
`,
                `data "aws_iam_policy_document" "everything" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "everything" {
  role   = "sagemaker-exec"
  policy = data.aws_iam_policy_document.everything.json
}
`,
            ],
        },
    },
});
