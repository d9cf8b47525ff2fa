import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { actionMatches, parsePolicy } from "../../catalog/helpers/iam";
import { escalationPaths } from "../../catalog/iam/analysis";
import type { Resource } from "../../catalog/model";
import { valueFromPlain } from "../../catalog/values";
import { MlguardComponentError } from "../errors";
import type { LockedMlBucket } from "./locked-ml-bucket";
import type { MlKmsKey } from "./ml-kms-key";
import type { MlPrivateNetwork } from "./ml-private-network";
import type { ModelImageRepository } from "./model-image-repository";

const COMPONENT = "SageMakerExecutionRole";

/** One extra IAM statement. Validated: no wildcard or service-wide actions, no NotAction/NotResource, no PassRole. */
export interface ExtraStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action: string | string[];
    Resource: pulumi.Input<string> | pulumi.Input<string>[];
    Condition?: Record<string, Record<string, unknown>>;
}

export interface SageMakerExecutionRoleArgs {
    /** The role may use this key (through SageMaker, S3, ECR, EFS, EC2 only) and create grants for AWS resources. */
    key: MlKmsKey;
    /** Jobs launched with this role must run in this network's subnets and security group (guardrail Deny). */
    network: MlPrivateNetwork;
    /** Read-only access (GetObject, ListBucket). */
    readBuckets?: LockedMlBucket[];
    /** Read and write (PutObject) access; never delete, never retention changes. */
    writeBuckets?: LockedMlBucket[];
    /** Non-locked scratch / checkpoint buckets (ARNs): read, write and delete. */
    scratchBucketArns?: pulumi.Input<string>[];
    /** Image repositories the role may pull from. */
    imageRepositories?: ModelImageRepository[];
    /** Trust `sts:SetSourceIdentity` too (Studio domains with `executionRoleIdentityConfig: USER_PROFILE_NAME`). */
    studioSourceIdentity?: boolean;
    /** Extra statements, validated against the least-privilege rules at construction. */
    extraStatements?: ExtraStatement[];
    /**
     * The role's name (≤ 64 characters of `[A-Za-z0-9+=,.@_-]`). Default `<component name>-<stack>`.
     * The name is fixed rather than auto-generated so the role's ARN, which `iam:PassRole` is scoped
     * to, is known before the role exists and the pack can verify the scoping during preview.
     */
    roleName?: string;
    /** Permissions boundary policy ARN. */
    permissionsBoundary?: pulumi.Input<string>;
    tags?: Record<string, string>;
}

/** Create actions the guardrails apply to; SageMaker sets `sagemaker:VpcSubnets` on each. */
const VPC_GUARDED_ACTIONS = [
    "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateHyperParameterTuningJob",
    "sagemaker:CreateModel", "sagemaker:CreateNotebookInstance",
];
const KMS_GUARDED_ACTIONS = ["sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateHyperParameterTuningJob"];

/** Validates one extra statement; returns the reason it is refused, if any. */
export function extraStatementProblem(s: ExtraStatement): string | undefined {
    const raw = s as unknown as Record<string, unknown>;
    if ("NotAction" in raw || "NotResource" in raw || "NotPrincipal" in raw) return "NotAction / NotResource / NotPrincipal are not allowed";
    if (s.Effect !== "Allow" && s.Effect !== "Deny") return `Effect must be "Allow" or "Deny"`;
    if (s.Effect === "Deny") return undefined;
    const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
    if (actions.length === 0) return "Action must not be empty";
    for (const a of actions) {
        if (a === "*" || /^[a-z0-9-]+:\*$/i.test(a) || actionMatches(a, "*:*")) return `action "${a}" is a wildcard over a whole service`;
        // The pack's own wildcard matching, so `iam:P*` or `iam:*Role` cannot slip past a prefix regex.
        if (actionMatches(a, "iam:PassRole")) return `action "${a}": iam:PassRole is granted only on the role itself`;
        if (/^iam:(Create|Put|Attach|Update|Set|Add)/i.test(a)) return `action "${a}" can escalate privileges`;
    }
    const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
    const decrypts = actions.some((a) => actionMatches(a, "kms:Decrypt") || actionMatches(a, "kms:ReEncryptFrom"));
    if (decrypts && resources.some((r) => r === "*")) return "kms:Decrypt on Resource \"*\" is not allowed: name the keys";
    return undefined;
}

/**
 * The privilege-escalation paths the extra statements open, judged by the pack's own analyzer
 * (wildcards and unscoped PassRole included). Outputs in the statements count as computed; only
 * paths that are certain are returned.
 */
export function extraStatementEscalations(statements: ExtraStatement[]): string[] {
    const where = { kind: "pulumi" as const, urn: COMPONENT, path: "extraStatements" };
    const node = valueFromPlain({ Version: "2012-10-17", Statement: statements });
    const doc = parsePolicy({ path: "extraStatements", state: "explicit", node, value: undefined, location: where });
    if (doc.kind !== "document") return [];
    const holder: Resource = { id: COMPONENT, type: "", name: COMPONENT, props: { kind: "map", entries: {} }, source: where, frontEnd: "pulumi" };
    const held = doc.statements.map((statement) => ({ statement, attr: { path: "extraStatements", state: "explicit" as const, value: undefined, location: where }, holder, label: `extraStatements[${statement.index}]` }));
    return escalationPaths(held)
        .filter((f) => f.status === "complete")
        .map((f) => `${f.path.id} (${f.parts.map((p) => `${p.action} in ${p.via.label}`).join(", ")})`);
}

/**
 * A least-privilege SageMaker execution role: trusted only by SageMaker in this account, scoped S3,
 * KMS, ECR, logs and ENI permissions, `iam:PassRole` only on itself to SageMaker, and guardrail
 * Deny statements that stop SDK-launched jobs from running outside the VPC or without CMKs.
 */
export class SageMakerExecutionRole extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:SageMakerExecutionRole";

    public readonly role: aws.iam.Role;
    public readonly roleArn: pulumi.Output<string>;
    public readonly roleName: pulumi.Output<string>;
    /** Whether the trust policy admits `sts:SetSourceIdentity` (needed by Studio `USER_PROFILE_NAME`). */
    public readonly sourceIdentity: boolean;

    constructor(name: string, args: SageMakerExecutionRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SageMakerExecutionRole.__pulumiType, name, {}, opts);
        (args.extraStatements ?? []).forEach((s, i) => {
            const problem = extraStatementProblem(s);
            if (problem) throw new MlguardComponentError(COMPONENT, `extraStatements[${i}]`, problem);
        });
        const escalations = extraStatementEscalations(args.extraStatements ?? []);
        if (escalations.length > 0) {
            throw new MlguardComponentError(COMPONENT, "extraStatements", `the statements open privilege-escalation paths: ${escalations.join("; ")}`);
        }
        const roleName = args.roleName ?? `${name}-${pulumi.getStack()}`;
        if (!/^[A-Za-z0-9+=,.@_-]{1,64}$/.test(roleName)) {
            throw new MlguardComponentError(COMPONENT, "roleName", `"${roleName}" must be 1-64 characters of letters, digits and +=,.@_-`);
        }
        this.sourceIdentity = args.studioSourceIdentity ?? false;
        const tags = { ...(args.tags ?? {}), "mlguard:component": COMPONENT };
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const region = aws.getRegionOutput({}, { parent: this }).region;

        this.role = new aws.iam.Role(`${name}-role`, {
            name: roleName,
            description: `SageMaker execution role (${name}), managed by mlguard`,
            assumeRolePolicy: {
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "sagemaker.amazonaws.com" },
                    Action: args.studioSourceIdentity ? ["sts:AssumeRole", "sts:SetSourceIdentity"] : ["sts:AssumeRole"],
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                }],
            },
            permissionsBoundary: args.permissionsBoundary,
            maxSessionDuration: 3600,
            tags,
        }, { parent: this, deleteBeforeReplace: true });
        // From the (known) name output: known during preview and still a dependency on the role.
        const ownArn = pulumi.interpolate`arn:aws:iam::${accountId}:role/${this.role.name}`;

        const read = args.readBuckets ?? [];
        const write = args.writeBuckets ?? [];
        const readable = [...read, ...write];
        const repoArns = (args.imageRepositories ?? []).map((r) => r.repositoryArn);
        const statements: unknown[] = [];
        if (readable.length > 0) {
            statements.push({
                Sid: "ReadMlBuckets",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion"],
                Resource: readable.map((b) => pulumi.interpolate`${b.bucketArn}/*`),
            }, {
                Sid: "ListMlBuckets",
                Effect: "Allow",
                Action: ["s3:ListBucket", "s3:GetBucketLocation"],
                Resource: readable.map((b) => b.bucketArn),
            });
        }
        if (write.length > 0) {
            statements.push({
                Sid: "WriteArtifacts",
                Effect: "Allow",
                Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
                Resource: write.map((b) => pulumi.interpolate`${b.bucketArn}/*`),
            });
        }
        if ((args.scratchBucketArns ?? []).length > 0) {
            statements.push({
                Sid: "ScratchBuckets",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:AbortMultipartUpload"],
                Resource: args.scratchBucketArns!.flatMap((arn) => [arn, pulumi.interpolate`${arn}/*`]),
            });
        }
        statements.push(
            {
                Sid: "UseMlKey",
                Effect: "Allow",
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
                Resource: [args.key.keyArn],
                // The same services the key policy admits its users through: the identity policy alone is as tight.
                Condition: { StringEquals: { "kms:ViaService": args.key.viaServices.map((svc) => pulumi.interpolate`${svc}.${region}.amazonaws.com`) } },
            },
            {
                Sid: "GrantsForAwsResources",
                Effect: "Allow",
                Action: ["kms:CreateGrant"],
                Resource: [args.key.keyArn],
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
            {
                Sid: "EcrAuthorization",
                Effect: "Allow",
                Action: ["ecr:GetAuthorizationToken"],
                Resource: "*",
            },
        );
        if (repoArns.length > 0) {
            statements.push({
                Sid: "PullApprovedImages",
                Effect: "Allow",
                Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
                Resource: repoArns,
            });
        }
        statements.push(
            {
                Sid: "SageMakerLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [pulumi.interpolate`arn:aws:logs:${region}:${accountId}:log-group:/aws/sagemaker/*`],
            },
            {
                Sid: "SageMakerMetrics",
                Effect: "Allow",
                Action: ["cloudwatch:PutMetricData"],
                Resource: "*",
                Condition: { StringLike: { "cloudwatch:namespace": ["/aws/sagemaker/*", "aws/sagemaker/*", "SageMaker*"] } },
            },
            {
                Sid: "VpcNetworkInterfaces",
                Effect: "Allow",
                Action: [
                    "ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface",
                    "ec2:DeleteNetworkInterfacePermission", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs",
                    "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeDhcpOptions",
                ],
                Resource: "*",
            },
            {
                Sid: "LaunchJobsInThisAccount",
                Effect: "Allow",
                Action: [
                    "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateHyperParameterTuningJob",
                    "sagemaker:CreateModel", "sagemaker:DescribeTrainingJob", "sagemaker:DescribeProcessingJob",
                    "sagemaker:DescribeHyperParameterTuningJob", "sagemaker:DescribeModel", "sagemaker:StopTrainingJob",
                    "sagemaker:StopProcessingJob", "sagemaker:StopHyperParameterTuningJob", "sagemaker:AddTags",
                ],
                Resource: [pulumi.interpolate`arn:aws:sagemaker:${region}:${accountId}:*`],
            },
            ...(this.sourceIdentity ? [{
                // Studio runs its UI and apps as the execution role.
                Sid: "StudioAppsAndSpaces",
                Effect: "Allow",
                Action: [
                    "sagemaker:CreateApp", "sagemaker:DeleteApp", "sagemaker:DescribeApp", "sagemaker:ListApps",
                    "sagemaker:CreateSpace", "sagemaker:UpdateSpace", "sagemaker:DeleteSpace", "sagemaker:DescribeSpace",
                    "sagemaker:ListSpaces", "sagemaker:DescribeDomain", "sagemaker:DescribeUserProfile", "sagemaker:ListTags",
                ],
                Resource: [pulumi.interpolate`arn:aws:sagemaker:${region}:${accountId}:*`],
            }] : []),
            {
                Sid: "PassOnlyThisRoleToSageMaker",
                Effect: "Allow",
                Action: ["iam:PassRole"],
                Resource: [ownArn],
                Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
            },
            // Guardrails for jobs launched from notebooks and pipelines, which IaC never sees.
            {
                Sid: "DenyJobsOutsideVpc",
                Effect: "Deny",
                Action: VPC_GUARDED_ACTIONS,
                Resource: "*",
                Condition: { Null: { "sagemaker:VpcSubnets": "true" } },
            },
            {
                Sid: "DenyJobsInOtherSubnets",
                Effect: "Deny",
                Action: VPC_GUARDED_ACTIONS,
                Resource: "*",
                Condition: { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSubnets": args.network.subnetIds } },
            },
            {
                Sid: "DenyJobsWithOtherSecurityGroups",
                Effect: "Deny",
                Action: VPC_GUARDED_ACTIONS,
                Resource: "*",
                Condition: { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSecurityGroupIds": [args.network.workloadSecurityGroupId] } },
            },
            {
                Sid: "DenyJobsWithoutVolumeKey",
                Effect: "Deny",
                Action: KMS_GUARDED_ACTIONS,
                Resource: "*",
                Condition: { Null: { "sagemaker:VolumeKmsKey": "true" } },
            },
            {
                Sid: "DenyJobsWithoutOutputKey",
                Effect: "Deny",
                Action: KMS_GUARDED_ACTIONS,
                Resource: "*",
                Condition: { Null: { "sagemaker:OutputKmsKey": "true" } },
            },
            {
                Sid: "DenyOpenNotebooks",
                Effect: "Deny",
                Action: ["sagemaker:CreateNotebookInstance", "sagemaker:UpdateNotebookInstance"],
                Resource: "*",
                Condition: { StringEquals: { "sagemaker:DirectInternetAccess": "Enabled" } },
            },
            {
                Sid: "DenyRootNotebooks",
                Effect: "Deny",
                Action: ["sagemaker:CreateNotebookInstance", "sagemaker:UpdateNotebookInstance"],
                Resource: "*",
                Condition: { StringEquals: { "sagemaker:RootAccess": "Enabled" } },
            },
            {
                Sid: "DenyRetentionChanges",
                Effect: "Deny",
                Action: ["s3:BypassGovernanceRetention", "s3:PutObjectRetention", "s3:PutObjectLegalHold", "s3:PutBucketObjectLockConfiguration", "s3:DeleteObjectVersion"],
                Resource: "*",
            },
        );
        for (const s of args.extraStatements ?? []) statements.push(s);

        new aws.iam.RolePolicy(`${name}-policy`, {
            role: this.role.id,
            policy: { Version: "2012-10-17", Statement: statements } as aws.iam.PolicyDocument,
        }, { parent: this });

        this.roleArn = this.role.arn;
        this.roleName = this.role.name;
        this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
    }
}
