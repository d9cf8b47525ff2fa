import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Environment, MlguardComponentError } from "../errors";
import type { MlKmsKey } from "./ml-kms-key";
import type { MlPrivateNetwork } from "./ml-private-network";

const COMPONENT = "LockedMlBucket";

/** What the bucket holds; sets the default retention and the `ml-data-class` tag. */
export type MlDataClass = "training-data" | "model-artifacts";

/** Object Lock modes. There is no "off": a locked bucket stays locked. */
export type ObjectLockMode = "GOVERNANCE" | "COMPLIANCE";

/** Default retention per data class: training data 30 days, released models a year. */
export const DEFAULT_RETENTION_DAYS: Record<MlDataClass, number> = { "training-data": 30, "model-artifacts": 365 };

/** The lowest retention a prod bucket accepts; outside prod any whole number of days ≥ 1. */
export const PROD_MIN_RETENTION_DAYS = 30;

export interface LockedMlBucketArgs {
    dataClass: MlDataClass;
    /** `prod` forces COMPLIANCE mode, the 30-day floor and `retainOnDelete`. */
    environment: Environment;
    /** Encrypts every object (SSE-KMS, bucket key on); uploads naming another key are denied. */
    key: MlKmsKey;
    /** Data actions are denied unless they come through this network's S3 endpoint (or `extraVpceIds`). */
    network: MlPrivateNetwork;
    /** Default retention in days (≥ 30 in prod, ≥ 1 elsewhere). Default by `dataClass`. */
    retentionDays?: number;
    /** Default COMPLIANCE in prod (where GOVERNANCE is refused), GOVERNANCE elsewhere. */
    mode?: ObjectLockMode;
    /** More VPC endpoints allowed to reach the data (e.g. another VPC's S3 endpoint). */
    extraVpceIds?: pulumi.Input<string>[];
    /**
     * Deployer / break-glass role ARNs: exempt from the VPC-endpoint restriction, the only principals
     * that may bypass GOVERNANCE retention or change the lock configuration.
     */
    administratorArns?: pulumi.Input<string>[];
    /** Server access logging target bucket (name). */
    accessLogBucket?: pulumi.Input<string>;
    /**
     * Explicit bucket name. Default `<name>-<stack>-<account>-<region>`: deterministic (known during
     * preview, so the bucket policy's resources and model-data URIs can be verified then) and globally unique.
     */
    bucketName?: string;
    tags?: Record<string, string>;
}

/**
 * An S3 bucket for training data or model artifacts that cannot be silently changed: Object Lock
 * with a default retention, versioning, SSE-KMS with a customer-managed key, all public access
 * blocked, ACLs disabled, and a bucket policy that enforces TLS, the bucket's key and VPC-endpoint
 * access. Protected by default; retained on delete in prod.
 *
 * Do not put SageMaker checkpoints or SDK scratch data here: every overwrite of a locked object
 * keeps a retained version, so such a bucket grows without bound.
 */
export class LockedMlBucket extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:LockedMlBucket";

    public readonly bucket: aws.s3.Bucket;
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    public readonly keyArn: pulumi.Output<string>;
    public readonly dataClass: MlDataClass;
    public readonly mode: ObjectLockMode;
    public readonly retentionDays: number;

    constructor(name: string, args: LockedMlBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        const prod = args.environment === "prod";
        super(LockedMlBucket.__pulumiType, name, {}, { protect: true, ...(prod ? { retainOnDelete: true } : {}), ...opts });
        if (args.dataClass !== "training-data" && args.dataClass !== "model-artifacts") {
            throw new MlguardComponentError(COMPONENT, "dataClass", `must be "training-data" or "model-artifacts" (got ${JSON.stringify(args.dataClass)})`);
        }
        const mode: ObjectLockMode = args.mode ?? (prod ? "COMPLIANCE" : "GOVERNANCE");
        if (mode !== "GOVERNANCE" && mode !== "COMPLIANCE") {
            throw new MlguardComponentError(COMPONENT, "mode", `must be "GOVERNANCE" or "COMPLIANCE" (got ${JSON.stringify(mode)})`);
        }
        if (prod && mode !== "COMPLIANCE") {
            throw new MlguardComponentError(COMPONENT, "mode", "must be COMPLIANCE in prod: GOVERNANCE retention can be bypassed by any principal with s3:BypassGovernanceRetention");
        }
        const floor = prod ? PROD_MIN_RETENTION_DAYS : 1;
        const days = args.retentionDays ?? DEFAULT_RETENTION_DAYS[args.dataClass];
        if (!Number.isInteger(days) || days < floor) {
            throw new MlguardComponentError(COMPONENT, "retentionDays", `must be a whole number of days ≥ ${floor}${prod ? " in prod" : ""} (got ${days})`);
        }
        this.dataClass = args.dataClass;
        this.mode = mode;
        this.retentionDays = days;
        const tags = { ...(args.tags ?? {}), "mlguard:component": COMPONENT, "ml-data-class": args.dataClass };

        let bucketName: pulumi.Input<string>;
        if (args.bucketName !== undefined) {
            if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(args.bucketName)) {
                throw new MlguardComponentError(COMPONENT, "bucketName", `"${args.bucketName}" is not a valid S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)`);
            }
            bucketName = args.bucketName;
        } else {
            const prefix = `${name}-${pulumi.getStack()}`;
            if (!/^[a-z0-9][a-z0-9-]*$/.test(prefix) || prefix.length > 34) {
                throw new MlguardComponentError(COMPONENT, "bucketName", `is required: "${prefix}" (name-stack) cannot prefix a bucket name (lower-case letters, digits, hyphens, ≤ 34 characters)`);
            }
            const identity = aws.getCallerIdentityOutput({}, { parent: this });
            const region = aws.getRegionOutput({}, { parent: this });
            bucketName = pulumi.interpolate`${prefix}-${identity.accountId}-${region.region}`;
        }
        this.bucket = new aws.s3.Bucket(`${name}-bucket`, {
            bucket: bucketName,
            // Forces a new bucket if ever changed; cannot be turned off once on.
            objectLockEnabled: true,
            forceDestroy: false,
            tags,
        }, { parent: this });
        const bucketId = this.bucket.bucket;

        const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, {
            bucket: bucketId,
            versioningConfiguration: { status: "Enabled" },
        }, { parent: this });
        new aws.s3.BucketObjectLockConfiguration(`${name}-object-lock`, {
            bucket: bucketId,
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode, days } },
        }, { parent: this, dependsOn: [versioning] });
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
            bucket: bucketId,
            rules: [{
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.key.keyArn },
                bucketKeyEnabled: true,
            }],
        }, { parent: this });
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-public-access-block`, {
            bucket: bucketId,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, { parent: this });
        new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
            bucket: bucketId,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        }, { parent: this });
        if (args.accessLogBucket !== undefined) {
            new aws.s3.BucketLogging(`${name}-logging`, {
                bucket: bucketId,
                targetBucket: args.accessLogBucket,
                targetPrefix: pulumi.interpolate`${bucketId}/`,
            }, { parent: this });
        }

        // From the (known) name output: known during preview, still a dependency on the bucket.
        const bucketArn = pulumi.interpolate`arn:aws:s3:::${this.bucket.bucket}`;
        const objects = pulumi.interpolate`${bucketArn}/*`;
        const admins = args.administratorArns ?? [];
        const vpces = [args.network.s3EndpointId, ...(args.extraVpceIds ?? [])];
        const statements: unknown[] = [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, objects],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
                Sid: "DenyDataAccessOutsideVpcEndpoints",
                Effect: "Deny",
                Principal: "*",
                // Object data only: bucket-level reads (HeadBucket needs s3:ListBucket) stay possible for the
                // deployer, which manages the bucket from outside the VPC.
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"],
                Resource: objects,
                Condition: {
                    StringNotEquals: { "aws:SourceVpce": vpces },
                    ...(admins.length > 0 ? { ArnNotLike: { "aws:PrincipalArn": admins } } : {}),
                },
            },
            {
                Sid: "DenyUploadsWithAnotherKey",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObject",
                Resource: objects,
                Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": args.key.keyArn } },
            },
            {
                Sid: "DenyGovernanceBypass",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:BypassGovernanceRetention",
                Resource: objects,
                ...(admins.length > 0 ? { Condition: { ArnNotLike: { "aws:PrincipalArn": admins } } } : {}),
            },
        ];
        if (admins.length > 0) {
            statements.push({
                Sid: "DenyLockChangesExceptAdministrators",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutBucketObjectLockConfiguration",
                Resource: bucketArn,
                Condition: { ArnNotLike: { "aws:PrincipalArn": admins } },
            });
        }
        new aws.s3.BucketPolicy(`${name}-policy`, {
            bucket: bucketId,
            policy: { Version: "2012-10-17", Statement: statements } as aws.iam.PolicyDocument,
        }, { parent: this, dependsOn: [publicAccessBlock] });

        this.bucketName = this.bucket.bucket;
        this.bucketArn = bucketArn;
        this.keyArn = args.key.keyArn;
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, keyArn: this.keyArn });
    }

    /** `s3://<bucket>/<key>`, for `modelDataUrl` and training inputs. */
    s3Uri(objectKey: string): pulumi.Output<string> {
        return pulumi.interpolate`s3://${this.bucketName}/${objectKey.replace(/^\/+/, "")}`;
    }
}
