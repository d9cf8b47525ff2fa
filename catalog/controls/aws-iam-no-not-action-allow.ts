import { defineControl } from "../control";
import { checkPolicyDocuments, elementAttr, policyAttrs, trustPolicyAttr } from "../helpers/iam";
import { fail, unknown } from "../helpers/results";
import { PERMISSION_POLICY_HOLDERS, RESOURCE_POLICY_HOLDERS } from "../iam/holders";
import { types } from "../resource-types";

export default defineControl<unknown>({
    id: "aws-iam-no-not-action-allow",
    title: "IAM documents must not Allow with NotAction or NotResource",
    severity: "high",
    provider: "aws",
    rationale:
        "An `Allow` with `NotAction` grants every action except the listed ones, including every action AWS adds later; " +
        "an `Allow` with `NotResource` grants on every resource except the listed ones. Either turns a policy meant to be " +
        "narrow into a near-administrator grant, in permission policies and in bucket, key, repository and endpoint policies alike.",
    remediation: {
        terraform: "List the allowed actions in `actions` / `Action` and the resources in `resources` / `Resource`; express exceptions as a separate `Deny` statement.",
        pulumi: "List the allowed actions in `Action` and the resources in `Resource`; express exceptions as a separate `Deny` statement.",
    },
    frameworks: { "nist-800-53": ["AC-6"] },
    tags: ["iam", "least-privilege"],
    aliases: {},
    subjects: [...PERMISSION_POLICY_HOLDERS, ...RESOURCE_POLICY_HOLDERS],
    scope: "resource",
    options: {},
    check(resource) {
        const attrs = policyAttrs(resource);
        if (resource.type === types.iamRole.token) attrs.push(trustPolicyAttr(resource));
        return checkPolicyDocuments(
            resource,
            "whether it allows with NotAction or NotResource",
            (s, label, attr) => {
                if (!s.notAction && !s.notResource) return s.unknown ? unknown(attr, `${label} is computed; it may allow with NotAction or NotResource.`) : undefined;
                const element = s.notAction ? "NotAction" : "NotResource";
                if (s.effect === "Allow") {
                    return fail(elementAttr(attr, s, element), `${label} allows with ${element}, which grants everything not listed; list what is allowed instead.`);
                }
                return unknown(elementAttr(attr, s, element), `${label} uses ${element} with a computed Effect; it may allow everything not listed.`);
            },
            (attr) => `No statement of ${attr.path} allows with NotAction or NotResource.`,
            attrs,
        );
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.iamPolicy,
                        name: "deny-outside-s3",
                        props: {
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [
                                    { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::ml-training-data/*" },
                                    { Effect: "Deny", NotAction: ["s3:*"], Resource: "*" },
                                ],
                            }),
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.iamPolicy,
                        name: "all-but-iam",
                        props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }) },
                    },
                ],
                [
                    {
                        type: types.s3BucketPolicy,
                        name: "training-data",
                        props: {
                            bucket: "ml-training-data",
                            policy: {
                                Version: "2012-10-17",
                                Statement: [
                                    {
                                        Sid: "ReadAllButAudit",
                                        Effect: "Allow",
                                        Principal: { AWS: "arn:aws:iam::111122223333:role/sagemaker-exec" },
                                        Action: "s3:GetObject",
                                        NotResource: "arn:aws:s3:::ml-training-data/audit/*",
                                    },
                                ],
                            },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_iam_policy" "deny_outside_s3" {
  name = "deny-outside-s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::ml-training-data/*" },
      { Effect = "Deny", NotAction = ["s3:*"], Resource = "*" },
    ]
  })
}
`,
            ],
            bad: [
                `resource "aws_iam_policy" "all_but_iam" {
  name = "all-but-iam"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = "iam:*"
      Resource  = "*"
    }]
  })
}
`,
                `data "aws_iam_policy_document" "training_data" {
  statement {
    sid           = "ReadAllButAudit"
    actions       = ["s3:GetObject"]
    not_resources = ["arn:aws:s3:::ml-training-data/audit/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/sagemaker-exec"]
    }
  }
}

resource "aws_s3_bucket_policy" "training_data" {
  bucket = "ml-training-data"
  policy = data.aws_iam_policy_document.training_data.json
}
`,
            ],
        },
    },
});
