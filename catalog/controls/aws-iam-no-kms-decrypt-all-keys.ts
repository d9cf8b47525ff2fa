import { defineControl } from "../control";
import { appliesToAllResources, checkPolicyDocuments, elementAttr, grantsAction, hasConditionOn } from "../helpers/iam";
import { fail, unknown } from "../helpers/results";
import { PERMISSION_POLICY_HOLDERS } from "../iam/holders";
import { types } from "../resource-types";

const DECRYPT_ACTIONS = ["kms:Decrypt", "kms:ReEncryptFrom"];
/** Conditions that limit which keys (through which service, of which account) the grant reaches. */
const LIMITING_KEYS = ["kms:ViaService", "kms:CallerAccount"];

export default defineControl<unknown>({
    id: "aws-iam-no-kms-decrypt-all-keys",
    title: "IAM policies must not allow kms:Decrypt on all keys",
    severity: "medium",
    provider: "aws",
    rationale:
        "`kms:Decrypt` or `kms:ReEncryptFrom` on `Resource: \"*\"` lets the principal decrypt with every key whose key " +
        "policy trusts the account: the CMKs protecting other teams' training data, model artifacts and feature stores. " +
        "Grant decrypt on the specific key ARNs, or limit it with a `kms:ViaService` / `kms:CallerAccount` condition.",
    remediation: {
        terraform: 'Set `resources` to the key ARNs (e.g. `aws_kms_key.ml.arn`), or add `condition { test = "StringEquals" variable = "kms:ViaService" values = ["s3.<region>.amazonaws.com"] }`.',
        pulumi: 'Set `Resource` to the key ARNs (e.g. `mlKey.arn`), or add `Condition: { StringEquals: { "kms:ViaService": "s3.<region>.amazonaws.com" } }`.',
    },
    frameworks: { "aws-fsbp": ["KMS.1", "KMS.2"], "nist-800-53": ["AC-6"] },
    tags: ["iam", "kms", "least-privilege"],
    aliases: {},
    subjects: PERMISSION_POLICY_HOLDERS,
    scope: "resource",
    options: {},
    check(resource) {
        return checkPolicyDocuments(
            resource,
            "whether it allows kms:Decrypt on every key",
            (s, label, attr) => {
                const grants = s.unknown ? "unknown" : DECRYPT_ACTIONS.map((a) => grantsAction(s, a)).reduce((a, b) => (a === "yes" || b === "yes" ? "yes" : a === "unknown" || b === "unknown" ? "unknown" : "no"));
                if (grants === "no") return undefined;
                const everyKey = appliesToAllResources(s);
                if (everyKey === "no") return undefined;
                const limited = hasConditionOn(s, LIMITING_KEYS);
                if (limited === true) return undefined;
                if (grants === "yes" && everyKey === "yes" && limited === false) {
                    return fail(elementAttr(attr, s, "Action", "NotAction"), `${label} allows kms:Decrypt on every key without a kms:ViaService or kms:CallerAccount condition; name the key ARNs.`);
                }
                return unknown(elementAttr(attr, s, "Action", "NotAction"), `${label} has computed parts; it may allow kms:Decrypt on every key.`);
            },
            (attr) => `${attr.path} allows kms:Decrypt only on specific keys or through a limiting condition, if at all.`,
        );
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.iamPolicy,
                        name: "decrypt-ml-key",
                        props: {
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [
                                    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
                                    { Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } },
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
                        name: "decrypt-everything",
                        props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*" }] }) },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `data "aws_iam_policy_document" "decrypt_ml_key" {
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.eu-west-1.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "decrypt_ml_key" {
  name   = "decrypt-ml-key"
  policy = data.aws_iam_policy_document.decrypt_ml_key.json
}
`,
            ],
            bad: [
                `resource "aws_iam_policy" "decrypt_everything" {
  name = "decrypt-everything"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = "*"
    }]
  })
}
`,
            ],
        },
    },
});
