import { defineControl } from "../control";
import { stringList } from "../helpers/coerce";
import { checkPolicyDocuments, couldBeWildcard, elementAttr, hasConditionOn, principalEntries, trustPolicyAttr } from "../helpers/iam";
import { fail, unknown } from "../helpers/results";
import { types } from "../resource-types";

interface Options {
    trustedAccounts: string[];
}

/** Conditions that pin who may assume a role trusted by everyone. */
const PINNING_KEYS = ["aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:SourceAccount", "sts:ExternalId"];
/** Conditions that make trusting another account's root acceptable. */
const CROSS_ACCOUNT_KEYS = ["sts:ExternalId", "aws:MultiFactorAuthPresent"];

/** The account of an account-root principal (`123456789012` or `arn:aws:iam::123456789012:root`). */
function rootAccount(id: string): string | undefined {
    const m = /^(?:(\d{12})|arn:aws[a-z-]*:iam::(\d{12}):root)$/.exec(id.trim());
    return m ? m[1] ?? m[2] : undefined;
}

export default defineControl<unknown, Options>({
    id: "aws-iam-trust-no-wildcard-principal",
    title: "Role trust policies must not trust everyone or unconditioned foreign accounts",
    severity: "critical",
    provider: "aws",
    rationale:
        'A trust policy with `Principal: "*"` or `{"AWS": "*"}` lets any AWS principal in any account assume the role unless a ' +
        "condition pins the caller's organisation or account. Trusting another account's root delegates the decision to " +
        "every administrator of that account; require `sts:ExternalId` (third parties) or MFA.",
    remediation: {
        terraform:
            'Name the trusted role or service in `principals`, or add a `condition` on `aws:PrincipalOrgID` / `aws:PrincipalAccount`; for another account, add `sts:ExternalId` or `aws:MultiFactorAuthPresent`.',
        pulumi:
            'Name the trusted role or service in `Principal`, or add a `Condition` on `aws:PrincipalOrgID` / `aws:PrincipalAccount`; for another account, add `sts:ExternalId` or `aws:MultiFactorAuthPresent`.',
    },
    frameworks: { "nist-800-53": ["AC-3", "AC-6"] },
    tags: ["iam", "trust"],
    aliases: { checkov: ["CKV_AWS_60", "CKV_AWS_61"], kics: ["IAM Role Allows All Principals To Assume"] },
    subjects: [types.iamRole],
    scope: "resource",
    options: {
        trustedAccounts: {
            description: "Account ids (12 digits) whose root may be trusted without sts:ExternalId or MFA: your own accounts.",
            schema: { type: "array", items: { type: "string", minLength: 12 } },
            default: [],
        },
    },
    check(resource, { options }) {
        const trusted = stringList(options.trustedAccounts).map((a) => a.trim());
        return checkPolicyDocuments(
            resource,
            "who may assume the role",
            (s, label, attr) => {
                const at = elementAttr(attr, s, "Principal", "NotPrincipal");
                if (s.notPrincipal !== undefined && s.effect !== "Deny") return fail(at, `${label} trusts every principal except the listed ones (NotPrincipal); name the trusted principals.`);
                const entries = principalEntries(s.principal);
                if (entries === "unknown") return unknown(at, `${label} has a computed principal; it may trust everyone.`);
                const pinned = hasConditionOn(s, PINNING_KEYS);
                for (const e of entries) {
                    if (e.type !== "*" && e.type.toUpperCase() !== "AWS") continue;
                    const star = couldBeWildcard(e.ids);
                    if (star !== "no" && pinned !== true) {
                        if (star === "yes" && pinned === false && !s.unknown) return fail(at, `${label} lets every AWS principal assume the role with no condition pinning the caller's organisation or account.`);
                        return unknown(at, `${label} has computed principals or conditions; it may trust everyone.`);
                    }
                    const foreign = e.ids.values.map(rootAccount).filter((a): a is string => !!a && !trusted.includes(a));
                    if (foreign.length > 0) {
                        const guarded = hasConditionOn(s, CROSS_ACCOUNT_KEYS);
                        if (guarded === false && !s.unknown) return fail(at, `${label} trusts the root of account ${foreign[0]} without sts:ExternalId or MFA; add a condition or list the account in trustedAccounts.`);
                        if (guarded === "unknown" || s.unknown) return unknown(at, `${label} trusts another account's root with computed conditions.`);
                    }
                }
                return undefined;
            },
            (attr) => `${attr.path} trusts only named principals, or pins everyone else with a condition.`,
            [trustPolicyAttr(resource)],
        );
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.iamRole,
                        name: "sagemaker-exec",
                        props: {
                            assumeRolePolicy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [
                                    {
                                        Effect: "Allow",
                                        Principal: { Service: "sagemaker.amazonaws.com" },
                                        Action: "sts:AssumeRole",
                                        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
                                    },
                                ],
                            }),
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.iamRole,
                        name: "anyone",
                        props: {
                            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] }),
                        },
                    },
                ],
                [
                    {
                        type: types.iamRole,
                        name: "vendor",
                        props: {
                            assumeRolePolicy: {
                                Version: "2012-10-17",
                                Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole" }],
                            },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_iam_role" "sagemaker_exec" {
  name = "sagemaker-exec"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
}
`,
            ],
            bad: [
                `resource "aws_iam_role" "anyone" {
  name = "anyone"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sts:AssumeRole"
    }]
  })
}
`,
                `data "aws_iam_policy_document" "vendor_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
  }
}

resource "aws_iam_role" "vendor" {
  name               = "vendor"
  assume_role_policy = data.aws_iam_policy_document.vendor_trust.json
}
`,
            ],
        },
    },
});
