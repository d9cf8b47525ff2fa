import { defineControl } from "../control";
import { asBoolean, numberOption, stringList } from "../helpers/coerce";
import { type Statement, grantsAction, parsePolicy } from "../helpers/iam";
import { allOf } from "../helpers/outcomes";
import { type Attr, UNKNOWN, anyProp } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import { principalValues } from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";

interface Options {
    minimumDeletionWindowDays: number;
    trustedAccountIds: string[];
}

/** Condition keys that confine a statement to an account or organisation. */
const NARROWING_KEYS = [
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "kms:calleraccount",
    "aws:sourceaccount",
    "aws:sourceorgid",
    "aws:principalarn",
    "aws:sourcearn",
];

/** Whether the condition confines the statement (`yes`), does not, or is computed. Negated operators never narrow. */
function narrows(s: Statement): "yes" | "no" | "unknown" {
    const cond = s.condition;
    if (cond === UNKNOWN) return "unknown";
    if (!cond || typeof cond !== "object" || Array.isArray(cond)) return "no";
    let undecided = false;
    for (const [op, body] of Object.entries(cond)) {
        if (/not/i.test(op) || /ifexists$/i.test(op)) continue;
        if (body === UNKNOWN) {
            undecided = true;
            continue;
        }
        if (!body || typeof body !== "object" || Array.isArray(body)) continue;
        for (const [k, v] of Object.entries(body)) {
            if (!NARROWING_KEYS.includes(k.toLowerCase())) continue;
            if (v === UNKNOWN || (Array.isArray(v) && v.includes(UNKNOWN))) return "yes";
            const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
            if (values.length > 0 && !values.some((x) => x.trim() === "*")) return "yes";
        }
    }
    return undecided ? "unknown" : "no";
}

/** The account id of a principal (`123456789012`, `arn:aws:iam::123456789012:root|role/...`), if it names one. */
function accountOf(principal: string): string | undefined {
    const m = /^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::|$)/.exec(principal.trim());
    return m ? m[1] : undefined;
}

function checkPolicyText(owner: Resource, attr: Attr, trusted: string[]): CheckResult[] {
    const doc = parsePolicy(attr);
    if (doc.kind === "absent") return [];
    if (doc.kind === "unknown") return [unknown(attr, "The key policy is computed; whether it is public cannot be checked yet.")];
    if (doc.kind === "invalid") return [unknown(attr, `The key policy cannot be read: ${doc.reason}.`)];
    const results: CheckResult[] = [];
    const fullAccessAccounts = new Set<string>();
    doc.statements.forEach((s, i) => {
        if (s.effect === "Deny") return;
        const label = s.sid ? `Statement "${s.sid}"` : `Statement ${i + 1}`;
        if (s.unknown) {
            results.push(unknown(attr, `${label} of the key policy is computed.`));
            return;
        }
        const aws = principalValues(s.principal, "AWS");
        if (aws.values.some((p) => p.trim() === "*")) {
            const n = narrows(s);
            if (n === "no") results.push(fail(attr, `${label} of the key policy allows Principal "*" without a condition that confines it to your account or organisation (aws:PrincipalOrgID, aws:PrincipalAccount, kms:CallerAccount).`));
            else if (n === "unknown") results.push(unknown(attr, `${label} allows Principal "*" and its condition is computed.`));
        }
        if (grantsAction(s, "kms:ScheduleKeyDeletion") === "yes" && grantsAction(s, "kms:Decrypt") === "yes" && grantsAction(s, "kms:PutKeyPolicy") === "yes") {
            for (const p of aws.values) {
                const account = accountOf(p);
                if (account) fullAccessAccounts.add(account);
            }
        }
    });
    const foreign = trusted.length > 0 ? [...fullAccessAccounts].filter((a) => !trusted.includes(a)) : fullAccessAccounts.size > 1 ? [...fullAccessAccounts] : [];
    if (foreign.length > 0) {
        results.push(
            fail(
                attr,
                trusted.length > 0
                    ? "The key policy grants full key access (kms:*) to an account outside trustedAccountIds."
                    : "The key policy grants full key access (kms:*) to more than one account; a foreign account could delete the key or change its policy (list your own accounts in trustedAccountIds).",
            ),
        );
    }
    if (results.length === 0) results.push(pass(attr, "The key policy allows no public principal and no foreign full access."));
    return results;
}

export default defineControl<unknown, Options>({
    id: "aws-kms-key-policy-restricted",
    title: "KMS key policies must not be public or grant foreign accounts full access, and keys must keep a deletion window",
    severity: "high",
    provider: "aws",
    rationale:
        "The key that encrypts training data and models decides who can read them. A key-policy statement that allows " +
        'Principal "*" without a condition confining it to your account or organisation makes the key usable by anyone ' +
        "who can reach it, and `kms:*` for a foreign account lets that account change the policy or schedule the key's " +
        "deletion — and a deleted key destroys the data. A key also needs a deletion window of at least the minimum " +
        "(default 30 days, the provider's default) and must not bypass the policy lock-out safety check. Without an " +
        "explicit policy AWS applies the default key policy (the account, through IAM), which is not public.",
    remediation: {
        terraform:
            'Give Principal "*" statements a condition such as `aws:PrincipalOrgID` or `kms:CallerAccount`, grant `kms:*` only to your own account root, keep `deletion_window_in_days` at 30 or more and do not set `bypass_policy_lockout_safety_check = true` (on `aws_kms_key` and `aws_kms_key_policy`).',
        pulumi:
            'Give Principal "*" statements a condition such as `aws:PrincipalOrgID` or `kms:CallerAccount`, grant `kms:*` only to your own account root, keep `deletionWindowInDays` at 30 or more and do not set `bypassPolicyLockoutSafetyCheck: true` (on `aws.kms.Key` and `aws.kms.KeyPolicy`).',
    },
    frameworks: {
        "aws-fsbp": ["KMS.5", "KMS.3"],
        prowler: ["kms_key_not_publicly_accessible", "kms_cmk_not_deleted_unintentionally"],
        "nist-800-53": ["AC-3", "SC-12"],
        "owasp-ml": ["ML05"],
    },
    tags: ["kms", "encryption", "public-access"],
    aliases: { checkov: ["CKV_AWS_33"] },
    subjects: [types.kmsKey, types.kmsKeyPolicy],
    scope: "resource",
    options: {
        minimumDeletionWindowDays: {
            description: "Shortest deletion window that passes, in days (7-30; absent means 30).",
            schema: { type: "integer", minimum: 7, maximum: 30 },
            default: 30,
        },
        trustedAccountIds: {
            description: "Your AWS account ids: key-policy grants of full access (kms:*) to any other account fail. Empty: full access to more than one account fails.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(subject, { options }) {
        const results: CheckResult[] = checkPolicyText(subject, anyProp(subject, "policy"), stringList(options.trustedAccountIds));
        const bypass = anyProp(subject, "bypassPolicyLockoutSafetyCheck");
        if (bypass.state === "unknown") results.push(unknown(bypass, "bypassPolicyLockoutSafetyCheck is computed."));
        else if (bypass.state === "explicit" && asBoolean(bypass) !== false) {
            results.push(fail(bypass, "bypassPolicyLockoutSafetyCheck is set: a policy that locks everyone out of the key can then be applied."));
        }
        if (subject.type === types.kmsKey.token) {
            const minimum = numberOption(options.minimumDeletionWindowDays, 30);
            const window = anyProp(subject, "deletionWindowInDays");
            if (window.state === "unknown") results.push(unknown(window, "The deletion window (deletionWindowInDays) is computed."));
            else if (window.state === "explicit" && (typeof window.value !== "number" || window.value < minimum)) {
                results.push(fail(window, `The deletion window (deletionWindowInDays) is shorter than ${minimum} days: a scheduled deletion, which destroys every object encrypted with the key, could complete before anyone notices.`));
            }
        }
        return allOf(subject, results, "The key policy is not public, grants no foreign full access, and the key keeps its deletion window.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.kmsKey,
                        name: "ml",
                        props: {
                            enableKeyRotation: true,
                            deletionWindowInDays: 30,
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [
                                    { Sid: "AccountRoot", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
                                    {
                                        Sid: "OrgUseThroughS3",
                                        Effect: "Allow",
                                        Principal: { AWS: "*" },
                                        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                                        Resource: "*",
                                        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123", "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
                                    },
                                ],
                            }),
                        },
                    },
                ],
                [{ type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } }],
            ],
            bad: [
                [
                    {
                        type: types.kmsKey,
                        name: "ml",
                        props: {
                            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }] }),
                        },
                    },
                ],
                [{ type: types.kmsKey, name: "ml", props: { deletionWindowInDays: 7, bypassPolicyLockoutSafetyCheck: true } }],
            ],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountRoot"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "OrgUseThroughS3"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "aws:PrincipalOrgID" = "o-abc123"
            "kms:ViaService"     = "s3.eu-west-1.amazonaws.com"
          }
        }
      },
    ]
  })
}
`,
                `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}
`,
            ],
            bad: [
                `resource "aws_kms_key" "ml" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}
`,
                `resource "aws_kms_key" "ml" {
  deletion_window_in_days            = 7
  bypass_policy_lockout_safety_check = true
}
`,
            ],
        },
    },
});
