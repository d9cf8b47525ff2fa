import { defineControl } from "../control";
import type { CheckResult } from "../model";
import { stringList } from "../helpers/coerce";
import { type Attr } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import { type FoundPath, type HeldStatement, PRINCIPAL_TYPES, displayName, escalationPaths, heldStatements, principalStatements } from "../iam/analysis";
import { ESCALATION_PATHS } from "../iam/escalation";
import { MANAGED_POLICY_DATASET } from "../iam/managed-policies";
import { PERMISSION_POLICY_HOLDERS } from "../iam/holders";
import { ref } from "../examples";
import { types } from "../resource-types";

interface Options {
    allowedPaths: string[];
}

function describe(found: FoundPath, perPart: (h: HeldStatement) => string): string {
    const parts = found.parts.map((p) => `${p.action} (${perPart(p.via)})`).join(", ");
    return `privilege-escalation path "${found.path.id}" (${found.path.description}): ${parts}`;
}

/**
 * One result for the paths a set of statements completes: the first path in full (its actions and
 * the statements granting them), the others by id. Complete paths win over possible ones.
 */
function summarise(
    found: FoundPath[],
    perPart: (h: HeldStatement) => string,
    complete: (what: string) => string,
    possible: (what: string) => string,
): { status: "fail" | "unknown"; message: string; first: FoundPath } | undefined {
    const sure = found.filter((f) => f.status === "complete");
    const list = sure.length > 0 ? sure : found;
    if (list.length === 0) return undefined;
    const [first, ...rest] = list;
    const more = rest.length === 0 ? "" : `; also ${rest.slice(0, 8).map((f) => `"${f.path.id}"`).join(", ")}${rest.length > 8 ? ` and ${rest.length - 8} more` : ""}`;
    const what = `${describe(first, perPart)}${more}`;
    return sure.length > 0 ? { status: "fail", message: `${complete(what)}.`, first } : { status: "unknown", message: `${possible(what)}.`, first };
}

/** The place a statement's finding points at: the part's statement, located at its Action. */
function partAttr(found: FoundPath): Attr {
    return found.parts[found.parts.length - 1].via.attr;
}

export default defineControl<unknown, Options>({
    id: "aws-iam-no-privilege-escalation",
    title: "IAM policies must not grant privilege-escalation action sets",
    severity: "high",
    provider: "aws",
    rationale:
        "Some action sets let a principal raise its own privileges: write a new version of its own policy, attach " +
        "AdministratorAccess to itself, or pass an administrator role to a training job, notebook, Lambda function or " +
        "instance it starts. The sets are judged per document and, across the whole configuration, over every inline " +
        "and attached customer-managed policy a role, user or group holds, and over the documents of the AWS managed policies " +
        "attached to it by ARN, because the parts often live in different policies.",
    remediation: {
        terraform:
            "Remove one action of the path, scope `iam:PassRole` to specific role ARNs with an `iam:PassedToService` condition, or add an unconditioned `Deny` for the dangerous action.",
        pulumi:
            "Remove one action of the path, scope `iam:PassRole` to specific role ARNs with an `iam:PassedToService` condition, or add an unconditioned `Deny` for the dangerous action.",
    },
    frameworks: { prowler: ["iam_policy_allows_privilege_escalation"], "nist-800-53": ["AC-6(1)", "AC-6(10)"] },
    tags: ["iam", "least-privilege", "privilege-escalation"],
    aliases: { checkov: ["CKV_AWS_286"] },
    subjects: [...PERMISSION_POLICY_HOLDERS, types.iamUser, types.iamGroup],
    related: [types.iamRolePolicy, types.iamUserPolicy, types.iamGroupPolicy, types.iamPolicy, types.iamRolePolicyAttachment, types.iamUserPolicyAttachment, types.iamGroupPolicyAttachment, types.iamPolicyAttachment],
    scope: "stack",
    options: {
        allowedPaths: {
            description: `Escalation path ids accepted for these resources (documented exceptions): ${ESCALATION_PATHS.map((p) => p.id).join(", ")}.`,
            schema: { type: "array", items: { type: "string", minLength: 1 } },
            default: [],
        },
    },
    check(resource, { graph, options }) {
        const allowed = stringList(options.allowedPaths);
        const paths = ESCALATION_PATHS.filter((p) => !allowed.includes(p.id));
        const results: CheckResult[] = [];
        // Per document: each document the resource carries, judged where it is written.
        const own = heldStatements(resource);
        const byDocument = new Map<string, HeldStatement[]>();
        for (const h of own.held) {
            const key = h.label.slice(h.label.lastIndexOf(" "));
            const list = byDocument.get(key);
            if (list) list.push(h);
            else byDocument.set(key, [h]);
        }
        const reported = new Set<string>();
        for (const held of byDocument.values()) {
            const found = escalationPaths(held, paths);
            found.forEach((f) => reported.add(f.path.id));
            const r = summarise(found, (h) => h.label.slice(0, h.label.indexOf(" of ")), (n) => `The document grants ${n}`, (n) => `The document has computed parts and may grant ${n}`);
            if (r) results.push(r.status === "fail" ? fail(partAttr(r.first), r.message) : unknown(partAttr(r.first), r.message));
        }
        if (own.incomplete) results.push(unknown(resource, "A policy document here is computed; escalation paths cannot be checked yet."));
        // Per principal: the union of everything a role, user or group holds.
        if (PRINCIPAL_TYPES.some((t) => t.token === resource.type)) {
            const union = principalStatements(graph, resource);
            const found = escalationPaths(union.held, paths).filter((f) => {
                const holders = new Set(f.parts.map((p) => p.via.label.slice(p.via.label.indexOf(" of ") + 4)));
                // A path inside one document the configuration writes was reported there; an AWS
                // managed policy is written nowhere in it, so its paths are reported here.
                return (holders.size > 1 || f.parts.some((p) => p.via.awsManaged !== undefined)) && !reported.has(f.path.id);
            });
            const who = displayName(resource);
            const r = summarise(found, (h) => h.label, (n) => `${who} holds, through the union of its policies, ${n}`, (n) => `${who} may hold, through the union of its policies (some parts computed), ${n}`);
            if (r) results.push(r.status === "fail" ? fail(resource, r.message) : unknown(resource, r.message));
            for (const u of union.unknownManaged) {
                // The ARN is not echoed: it may be a secret, and a name outside the dataset is not a known public one.
                results.push(unknown(resource, `${who} has an AWS managed policy attached (${u.via}) that the ${MANAGED_POLICY_DATASET} dataset does not have; escalation through it cannot be checked.`));
            }
            if (union.incomplete && !own.incomplete) results.push(unknown(resource, `A policy ${who} holds is computed; escalation through the union of its policies cannot be checked yet.`));
        }
        if (results.length > 0) return results;
        if (own.held.length === 0 && !PRINCIPAL_TYPES.some((t) => t.token === resource.type)) return [notApplicable(resource, "The resource carries no policy document.")];
        return [pass(resource, "No privilege-escalation action set is granted here.")];
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.iamPolicy,
                        name: "launch-training",
                        props: {
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [
                                    { Effect: "Allow", Action: ["sagemaker:CreateTrainingJob"], Resource: "arn:aws:sagemaker:eu-west-1:111122223333:training-job/*" },
                                    {
                                        Effect: "Allow",
                                        Action: "iam:PassRole",
                                        Resource: "arn:aws:iam::111122223333:role/sagemaker-exec",
                                        Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
                                    },
                                ],
                            }),
                        },
                    },
                ],
                [
                    {
                        type: types.iamRole,
                        name: "sagemaker-exec",
                        props: {
                            name: "sagemaker-exec",
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
                    {
                        type: types.iamPolicy,
                        name: "training-data-read",
                        props: {
                            name: "training-data-read",
                            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::ml-training-data/*" }] }),
                        },
                    },
                    { type: types.iamRolePolicyAttachment, name: "attach-training-data-read", props: { role: "sagemaker-exec", policyArn: ref("training-data-read", "arn") } },
                ],
            ],
            bad: [
                [
                    {
                        type: types.iamPolicy,
                        name: "train-as-anyone",
                        props: {
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [
                                    { Sid: "Train", Effect: "Allow", Action: "sagemaker:CreateTrainingJob", Resource: "*" },
                                    { Sid: "PassAny", Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
                                ],
                            }),
                        },
                    },
                ],
                [
                    {
                        type: types.iamRolePolicy,
                        name: "self-service",
                        props: { role: "ml-ops", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:Put*", Resource: "*" }] }) },
                    },
                ],
                [
                    { type: types.iamRole, name: "notebook-admin", props: { name: "notebook-admin" } },
                    { type: types.iamRolePolicyAttachment, name: "notebook-admin-iam", props: { role: ref("notebook-admin", "name"), policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" } },
                    {
                        type: types.iamRolePolicyAttachment,
                        name: "notebook-admin-sagemaker",
                        props: { role: ref("notebook-admin", "name"), policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess" },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_iam_policy" "launch_training" {
  name = "launch-training"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["sagemaker:CreateTrainingJob"], Resource = "arn:aws:sagemaker:eu-west-1:111122223333:training-job/*" },
      {
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = "arn:aws:iam::111122223333:role/sagemaker-exec"
        Condition = { StringEquals = { "iam:PassedToService" = "sagemaker.amazonaws.com" } }
      },
    ]
  })
}
`,
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

resource "aws_iam_policy" "training_data_read" {
  name = "training-data-read"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-training-data/*" }]
  })
}

resource "aws_iam_role_policy_attachment" "training_data_read" {
  role       = "sagemaker-exec"
  policy_arn = aws_iam_policy.training_data_read.arn
}
`,
            ],
            bad: [
                `data "aws_iam_policy_document" "train_as_anyone" {
  statement {
    sid       = "Train"
    actions   = ["sagemaker:CreateTrainingJob"]
    resources = ["*"]
  }
  statement {
    sid       = "PassAny"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "train_as_anyone" {
  name   = "train-as-anyone"
  policy = data.aws_iam_policy_document.train_as_anyone.json
}
`,
                `resource "aws_iam_role_policy" "self_service" {
  role = "ml-ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:Put*", Resource = "*" }]
  })
}
`,
                `resource "aws_iam_role" "notebook_admin" {
  name = "notebook-admin"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } } }]
  })
}

resource "aws_iam_role_policy_attachment" "notebook_admin_iam" {
  role       = aws_iam_role.notebook_admin.name
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_iam_role_policy_attachment" "notebook_admin_sagemaker" {
  role       = aws_iam_role.notebook_admin.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"
}
`,
            ],
        },
    },
});
