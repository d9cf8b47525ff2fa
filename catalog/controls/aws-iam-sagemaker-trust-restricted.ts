import { defineControl } from "../control";
import type { CheckResult } from "../model";
import { conditionEntries, elementAttr, parsePolicy, principalEntries, statementName, trustPolicyAttr } from "../helpers/iam";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import { isSageMakerService } from "../iam/holders";
import { types } from "../resource-types";

/** What SageMaker needs to assume an execution role (Studio also sets a source identity and tags). */
const ALLOWED_ACTIONS = ["sts:assumerole", "sts:setsourceidentity", "sts:tagsession"];
const EQUALS_OPERATORS = ["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"];

export default defineControl<unknown>({
    id: "aws-iam-sagemaker-trust-restricted",
    title: "SageMaker execution role trust policies must be restricted to SageMaker in your account",
    severity: "medium",
    provider: "aws",
    rationale:
        "A role SageMaker may assume for any account is open to the confused-deputy problem: another account's notebook, " +
        "training job or endpoint can make SageMaker act with this role. The trust policy should name only the SageMaker " +
        "service principal, allow only `sts:AssumeRole` (plus `sts:SetSourceIdentity` / `sts:TagSession` for Studio), and " +
        "carry an `aws:SourceAccount` condition with your account.",
    remediation: {
        terraform:
            'In the trust statement for `sagemaker.amazonaws.com`, add `condition { test = "StringEquals" variable = "aws:SourceAccount" values = [data.aws_caller_identity.current.account_id] }` and keep `actions = ["sts:AssumeRole"]`.',
        pulumi:
            'In the trust statement for `sagemaker.amazonaws.com`, add `Condition: { StringEquals: { "aws:SourceAccount": accountId } }` and keep `Action: "sts:AssumeRole"`.',
    },
    frameworks: { prowler: ["iam_role_cross_service_confused_deputy_prevention"], "nist-800-53": ["AC-3", "AC-6"] },
    tags: ["iam", "trust", "sagemaker"],
    aliases: {},
    subjects: [types.iamRole],
    scope: "resource",
    options: {},
    check(resource) {
        const attr = trustPolicyAttr(resource);
        const doc = parsePolicy(attr);
        if (doc.kind === "absent") return [notApplicable(resource, "The role has no trust policy.")];
        if (doc.kind === "unknown") return [unknown(attr, "The trust policy (assumeRolePolicy) is computed; whether SageMaker's trust is restricted cannot be checked yet.")];
        if (doc.kind === "invalid") return [unknown(attr, `The trust policy cannot be read: ${doc.reason}.`)];
        const results: CheckResult[] = [];
        let sagemaker = false;
        for (const s of doc.statements) {
            if (s.effect === "Deny") continue;
            const entries = principalEntries(s.principal);
            if (entries === "unknown") continue;
            const services = entries.filter((e) => e.type.toLowerCase() === "service");
            if (!services.some((e) => e.ids.values.some(isSageMakerService))) continue;
            sagemaker = true;
            const label = `${statementName(s)} of assumeRolePolicy`;
            const others = entries.filter((e) => e.type.toLowerCase() !== "service" || e.ids.values.some((id) => !isSageMakerService(id)));
            if (others.length > 0) {
                results.push(fail(elementAttr(attr, s, "Principal"), `${label} trusts other principals besides SageMaker; give them their own statement or role.`));
                continue;
            }
            const actions = s.action?.values ?? [];
            if (s.notAction || actions.some((a) => !ALLOWED_ACTIONS.includes(a.trim().toLowerCase()))) {
                results.push(fail(elementAttr(attr, s, "Action", "NotAction"), `${label} lets SageMaker do more than sts:AssumeRole (and SetSourceIdentity / TagSession).`));
                continue;
            }
            const conditions = conditionEntries(s);
            if (conditions === "unknown" || s.action?.hasUnknown || s.unknown) {
                results.push(unknown(elementAttr(attr, s, "Condition"), `${label} has computed parts; the aws:SourceAccount condition cannot be checked yet.`));
                continue;
            }
            const source = conditions.find((c) => c.key.toLowerCase() === "aws:sourceaccount" && EQUALS_OPERATORS.includes(c.operator.toLowerCase()));
            if (!source || (source.values.values.length === 0 && !source.values.hasUnknown)) {
                results.push(fail(elementAttr(attr, s, "Condition", "Principal"), `${label} trusts SageMaker without an aws:SourceAccount condition (confused deputy); add one with your account id.`));
                continue;
            }
            if (source.values.values.some((v) => v.includes("*"))) {
                results.push(fail(elementAttr(attr, s, "Condition"), `${label} has an aws:SourceAccount condition with a wildcard; name the account.`));
                continue;
            }
            // A computed account id (data.aws_caller_identity.current.account_id) is present, which is all that matters here.
            results.push(pass(elementAttr(attr, s, "Condition"), `${label} trusts SageMaker only for the named source account.`));
        }
        if (!sagemaker) return [notApplicable(resource, "The role's trust policy does not name SageMaker.")];
        return results;
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
                                        Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
                                        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" }, ArnLike: { "aws:SourceArn": "arn:aws:sagemaker:eu-west-1:111122223333:*" } },
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
                        name: "sagemaker-exec",
                        props: {
                            assumeRolePolicy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }],
                            }),
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "sagemaker_exec" {
  name               = "sagemaker-exec"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}
`,
            ],
            bad: [
                `resource "aws_iam_role" "sagemaker_exec" {
  name = "sagemaker-exec"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
`,
            ],
        },
    },
});
