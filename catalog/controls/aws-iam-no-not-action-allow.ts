import { defineControl } from "../control";
import { checkPolicyDocuments, elementAttr, policyAttrs, trustPolicyAttr } from "../helpers/iam";
import { fail, unknown } from "../helpers/results";
import { type StringSet } from "../helpers/iam";
import { ACTION_DATASET, catalogError, catalogServices, expandActionPattern, serviceActions } from "../iam/action-catalog";
import { PERMISSION_POLICY_HOLDERS, RESOURCE_POLICY_HOLDERS } from "../iam/holders";

/** Actions named in a finding when the NotAction grants them: the ones that matter most. */
const NOTABLE = ["iam:PassRole", "iam:CreatePolicyVersion", "iam:AttachRolePolicy", "iam:PutRolePolicy", "sts:AssumeRole", "kms:Decrypt", "s3:GetObject", "sagemaker:CreateTrainingJob"];

/**
 * What an Allow with `NotAction` grants, expanded against the AWS action catalogue: `none` when a
 * bare `*` excludes everything, else a sentence (how many catalogue actions, which notable ones,
 * and which listed names the catalogue does not know, since they exclude nothing known).
 */
function notActionGrants(set: StringSet): "none" | string {
    // Documents repeat the same lists (10^5 statements in the robustness tests): each is judged once.
    const key = `${set.hasUnknown}\u0000${set.values.join("\u0000")}`;
    let said = grantsMemo.get(key);
    if (said === undefined) {
        said = describeNotAction(set);
        if (grantsMemo.size >= 1024) grantsMemo.clear();
        grantsMemo.set(key, said);
    }
    return said;
}

const grantsMemo = new Map<string, string>();

function describeNotAction(set: StringSet): "none" | string {
    if (!set.hasUnknown && set.values.some((v) => /^\*+(:\*+)?$/.test(v.trim()))) return "none";
    if (catalogError() !== undefined || catalogServices().length === 0) return "";
    const excluded = new Set<string>();
    const unknownNames: string[] = [];
    for (const v of set.values) {
        const e = expandActionPattern(v);
        e.actions.forEach((a) => excluded.add(a));
        if (e.unknownServices.length > 0 || e.unknownAction || e.malformed) unknownNames.push(v.trim());
    }
    const excludedByService = new Map<string, number>();
    for (const a of excluded) {
        const service = a.slice(0, a.indexOf(":"));
        excludedByService.set(service, (excludedByService.get(service) ?? 0) + 1);
    }
    let total = 0;
    let services = 0;
    for (const service of catalogServices()) {
        const n = serviceActions(service)!.length;
        total += n;
        if ((excludedByService.get(service) ?? 0) < n) services++;
    }
    const granted = total - excluded.size;
    const notable = NOTABLE.filter((a) => !excluded.has(a)).slice(0, 3);
    const unknownNote =
        unknownNames.length > 0 && unknownNames.every((n) => /^[\w:*?-]{1,128}$/.test(n))
            ? `; ${unknownNames.slice(0, 3).join(", ")} ${unknownNames.length === 1 ? "is" : "are"} not in the catalogue and exclude${unknownNames.length === 1 ? "s" : ""} no known action`
            : "";
    const including = notable.length > 0 ? `, including ${notable.join(", ")}` : "";
    return ` (${granted} of the ${total} actions of the AWS catalogue ${ACTION_DATASET}, in ${services} services${including}${set.hasUnknown ? ", before its computed entries" : ""}${unknownNote})`;
}
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
                const grants = s.notAction ? notActionGrants(s.notAction) : "";
                if (grants === "none") return undefined;
                if (s.effect === "Allow") {
                    return fail(elementAttr(attr, s, element), `${label} allows with ${element}, which grants everything not listed${grants}; list what is allowed instead.`);
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
