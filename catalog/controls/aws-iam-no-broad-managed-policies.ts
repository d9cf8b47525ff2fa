import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import type { CheckResult, Resource, Value } from "../model";
import { stringList } from "../helpers/coerce";
import { parsePolicy, principalEntries, trustPolicyAttr } from "../helpers/iam";
import { type Attr, anyProp } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import { POLICY_ATTACHMENTS, awsManagedPolicyName, isSageMakerService } from "../iam/holders";
import { ref } from "../examples";
import { types } from "../resource-types";

interface Options {
    denied: string[];
    deniedForSageMakerRoles: string[];
}

/** Where each attachment type holds its ARNs and names its roles. */
const ARN_PROPERTY: Record<string, string> = {
    [types.iamRolePolicyAttachmentsExclusive.token]: "policyArns",
    [types.iamUserPolicyAttachmentsExclusive.token]: "policyArns",
    [types.iamGroupPolicyAttachmentsExclusive.token]: "policyArns",
    [types.iamRole.token]: "managedPolicyArns",
};
const ROLE_PROPERTY: Record<string, string> = {
    [types.iamRolePolicyAttachment.token]: "role",
    [types.iamPolicyAttachment.token]: "roles",
    [types.iamRolePolicyAttachmentsExclusive.token]: "roleName",
};

/** True when the role's trust policy lets SageMaker assume it: an execution role. */
function isSageMakerRole(role: Resource): boolean {
    const doc = parsePolicy(trustPolicyAttr(role));
    if (doc.kind !== "document") return false;
    return doc.statements.some((s) => {
        if (s.effect === "Deny") return false;
        const entries = principalEntries(s.principal);
        return entries !== "unknown" && entries.some((e) => e.type.toLowerCase() === "service" && e.ids.values.some(isSageMakerService));
    });
}

/** The roles an attachment attaches to, by reference or by literal name. */
function rolesOf(graph: ResourceGraph, subject: Resource): Resource[] {
    if (subject.type === types.iamRole.token) return [subject];
    const property = ROLE_PROPERTY[subject.type];
    if (!property) return [];
    const found = graph.targets(subject, property, [types.iamRole]);
    const attr = anyProp(subject, property);
    const names = (attr.node?.kind === "list" ? attr.node.items : attr.node ? [attr.node] : [])
        .map((v) => (v.kind === "scalar" && typeof v.value === "string" ? v.value : undefined))
        .filter((n): n is string => !!n);
    for (const role of graph.ofType(types.iamRole)) {
        if (!found.includes(role) && names.includes(String(anyProp(role, "name").value))) found.push(role);
    }
    return found;
}

function arnNodes(attr: Attr): Value[] {
    if (!attr.node) return [];
    return attr.node.kind === "list" ? attr.node.items : [attr.node];
}

export default defineControl<unknown, Options>({
    id: "aws-iam-no-broad-managed-policies",
    title: "No AdministratorAccess, PowerUserAccess or IAMFullAccess attachments; no *FullAccess on SageMaker roles",
    severity: "high",
    provider: "aws",
    rationale:
        "AWS managed policies such as `AdministratorAccess`, `PowerUserAccess` and `IAMFullAccess` grant (nearly) " +
        "everything, and AWS widens them over time. On a SageMaker execution role, `AmazonSageMakerFullAccess`, " +
        "`AmazonS3FullAccess` and `AWSKeyManagementServicePowerUser` give every notebook and training container the run " +
        "of every bucket, key and ML resource in the account.",
    remediation: {
        terraform: "Attach a customer-managed policy with the actions the workload needs (or use the `SageMakerExecutionRole` component) instead of the broad AWS managed policy.",
        pulumi: "Attach a customer-managed policy with the actions the workload needs (or use `SageMakerExecutionRole`) instead of the broad AWS managed policy.",
    },
    frameworks: {
        "aws-fsbp": ["IAM.1"],
        "cis-aws": ["1.16"],
        prowler: ["iam_role_administratoraccess_policy"],
        "nist-800-53": ["AC-6", "AC-6(5)"],
    },
    tags: ["iam", "least-privilege", "sagemaker"],
    aliases: {},
    subjects: [...POLICY_ATTACHMENTS, types.iamRole],
    related: [types.iamRole],
    scope: "stack",
    options: {
        denied: {
            description: "AWS managed policy names never to attach to any role, user or group.",
            schema: { type: "array", items: { type: "string", minLength: 1 } },
            default: ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"],
        },
        deniedForSageMakerRoles: {
            description: "AWS managed policy names never to attach to a SageMaker execution role (a role SageMaker may assume).",
            schema: { type: "array", items: { type: "string", minLength: 1 } },
            default: ["AmazonSageMakerFullAccess", "AmazonS3FullAccess", "AWSKeyManagementServicePowerUser"],
        },
    },
    check(resource, { graph, options }) {
        const denied = stringList(options.denied);
        const sageMakerDenied = stringList(options.deniedForSageMakerRoles);
        const attr = anyProp(resource, ARN_PROPERTY[resource.type] ?? "policyArn");
        if (attr.state === "absent") return [notApplicable(resource, "No managed policy is attached here.")];
        if (attr.state === "unknown" && graph.targets(resource, attr.path, [types.iamPolicy]).length > 0) {
            return [pass(attr, "The attached policy is a customer-managed policy of this configuration, not an AWS managed one.")];
        }
        if (attr.state === "unknown") return [unknown(attr, `The attached policy ARNs (${attr.path}) are computed; which managed policies are attached cannot be checked yet.`)];
        const results: CheckResult[] = [];
        let sageMakerRole: boolean | undefined;
        for (const node of arnNodes(attr)) {
            // The finding points at the property (its name line), which decides; the message names the policy.
            const at: Attr = { ...attr, node, value: node.kind === "scalar" ? node.value : undefined, location: attr.location };
            if (node.kind === "unknown") {
                // A reference to a customer-managed policy is computed but is not an AWS managed one.
                if (graph.targets(resource, attr.path, [types.iamPolicy]).length > 0) continue;
                results.push(unknown(at, `A policy ARN in ${attr.path} is computed; it may be a broad AWS managed policy.`));
                continue;
            }
            const name = node.kind === "scalar" && typeof node.value === "string" ? awsManagedPolicyName(node.value) : undefined;
            if (!name) continue;
            if (denied.includes(name)) {
                results.push(fail(at, `${attr.path} attaches the AWS managed policy ${name}, which grants (nearly) everything.`));
                continue;
            }
            if (sageMakerDenied.includes(name)) {
                sageMakerRole ??= rolesOf(graph, resource).some(isSageMakerRole);
                if (sageMakerRole) results.push(fail(at, `${attr.path} attaches ${name} to a SageMaker execution role; attach a scoped policy instead.`));
            }
        }
        return results.length > 0 ? results : [pass(attr, "No broad AWS managed policy is attached here.")];
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.iamRolePolicyAttachment,
                        name: "read-only",
                        props: { role: "analytics", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
                    },
                ],
                [
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
                [
                    {
                        type: types.iamPolicy,
                        name: "training-data-read",
                        props: {
                            name: "training-data-read",
                            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::ml-training-data/*" }] }),
                        },
                    },
                    {
                        type: types.iamRole,
                        name: "sagemaker-exec",
                        props: {
                            assumeRolePolicy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }],
                            }),
                            managedPolicyArns: [ref("training-data-read", "arn")],
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.iamRolePolicyAttachment,
                        name: "admin",
                        props: { role: "sagemaker-exec", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
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
                            managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"],
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_iam_role_policy_attachment" "read_only" {
  role       = "analytics"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
                `resource "aws_iam_policy" "training_data_read" {
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
                `resource "aws_iam_role_policy_attachment" "admin" {
  role       = "sagemaker-exec"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
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
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
}
`,
            ],
        },
    },
});
