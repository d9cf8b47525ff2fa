import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";

const COMPONENT = "MlKmsKey";

/** Services whose use of the key a key-user statement admits (`kms:ViaService`). */
export const DEFAULT_VIA_SERVICES = ["sagemaker", "s3", "ecr", "elasticfilesystem", "ec2"] as const;

export interface MlKmsKeyArgs {
    description?: string;
    /** Role ARNs that administer the key: management actions only, never encrypt/decrypt. */
    administratorArns?: pulumi.Input<string>[];
    /**
     * Existing role ARNs that use the key (roles created in the same program get use through their
     * IAM policy instead, see `SageMakerExecutionRole`). Use is limited to `viaServices`.
     */
    userArns?: pulumi.Input<string>[];
    /**
     * Services through which key users may use the key (`kms:ViaService`, short names such as
     * `sagemaker`). Default: sagemaker, s3, ecr, elasticfilesystem, ec2. May be narrowed, not emptied.
     */
    viaServices?: string[];
    /** Rotation period in days, 90-365. Default 365 (AWS's yearly rotation). */
    rotationPeriodInDays?: number;
    /** The alias, without `alias/`. Default: the component name. */
    alias?: string;
    tags?: Record<string, string>;
}

/** KMS actions that only manage the key. */
const ADMIN_ACTIONS = [
    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
    "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
    "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
];
const USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
const GRANT_ACTIONS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

/**
 * A customer-managed, symmetric, single-region KMS key for ML data with rotation on, a 30-day
 * deletion window, an explicit key policy (account root for IAM delegation, separate admin and user
 * statements, grants only for AWS resources) and `protect: true`.
 */
export class MlKmsKey extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:MlKmsKey";

    public readonly key: aws.kms.Key;
    public readonly keyArn: pulumi.Output<string>;
    public readonly keyId: pulumi.Output<string>;
    public readonly aliasName: string;
    /** The services through which key users may use the key (short names, as `viaServices`). */
    public readonly viaServices: readonly string[];

    constructor(name: string, args: MlKmsKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Keys are anchors: protected unless the caller explicitly says otherwise.
        super(MlKmsKey.__pulumiType, name, {}, { protect: true, ...opts });
        const rotation = args.rotationPeriodInDays ?? 365;
        if (!Number.isInteger(rotation) || rotation < 90 || rotation > 365) {
            throw new MlguardComponentError(COMPONENT, "rotationPeriodInDays", `must be an integer from 90 to 365 days (got ${rotation})`);
        }
        const viaServices = args.viaServices ?? [...DEFAULT_VIA_SERVICES];
        this.viaServices = viaServices;
        if (viaServices.length === 0) {
            throw new MlguardComponentError(COMPONENT, "viaServices", "must name at least one service: key users never get unconditional use of the key");
        }
        for (const s of viaServices) {
            if (!/^[a-z0-9-]+$/.test(s)) throw new MlguardComponentError(COMPONENT, "viaServices", `"${s}" is not a service short name such as "sagemaker"`);
        }
        this.aliasName = `alias/${args.alias ?? name}`;
        if (this.aliasName.startsWith("alias/aws/")) {
            throw new MlguardComponentError(COMPONENT, "alias", "the alias/aws/ prefix is reserved for AWS-managed keys");
        }
        const tags = { ...(args.tags ?? {}), "mlguard:component": COMPONENT };
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const region = aws.getRegionOutput({}, { parent: this }).region;

        const statements: unknown[] = [{
            Sid: "AccountRootForIamDelegation",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
            Action: [...ADMIN_ACTIONS, ...USE_ACTIONS, ...GRANT_ACTIONS],
            Resource: "*",
        }];
        if (args.administratorArns && args.administratorArns.length > 0) {
            statements.push({ Sid: "KeyAdministrators", Effect: "Allow", Principal: { AWS: args.administratorArns }, Action: ADMIN_ACTIONS, Resource: "*" });
        }
        if (args.userArns && args.userArns.length > 0) {
            const via = viaServices.map((s) => pulumi.interpolate`${s}.${region}.amazonaws.com`);
            statements.push({
                Sid: "KeyUsersThroughMlServices",
                Effect: "Allow",
                Principal: { AWS: args.userArns },
                Action: USE_ACTIONS,
                Resource: "*",
                Condition: { StringEquals: { "kms:ViaService": via } },
            });
            statements.push({
                Sid: "KeyUsersGrantsForAwsResources",
                Effect: "Allow",
                Principal: { AWS: args.userArns },
                Action: GRANT_ACTIONS,
                Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            });
        }

        this.key = new aws.kms.Key(`${name}-key`, {
            description: args.description ?? `mlguard CMK for ML data (${name})`,
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: true,
            rotationPeriodInDays: rotation,
            deletionWindowInDays: 30,
            multiRegion: false,
            isEnabled: true,
            bypassPolicyLockoutSafetyCheck: false,
            policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }),
            tags,
        }, { parent: this });
        new aws.kms.Alias(`${name}-alias`, { name: this.aliasName, targetKeyId: this.key.keyId }, { parent: this });
        this.keyArn = this.key.arn;
        this.keyId = this.key.keyId;
        this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId });
    }
}
