import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";
import type { MlKmsKey } from "./ml-kms-key";

const COMPONENT = "ModelImageRepository";

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export interface ModelImageRepositoryArgs {
    /** Encrypts the images (KMS, immutable after creation). */
    key: MlKmsKey;
    /** Repository name; default: the component name. */
    repositoryName?: string;
    /** Principals (role ARNs, never `*`) that may pull from another account or without IAM permissions. */
    pullPrincipalArns?: pulumi.Input<string>[];
    /** Untagged images are expired after this many days (default 14); tagged releases are never expired. */
    untaggedExpiryDays?: number;
    tags?: Record<string, string>;
}

/**
 * A private ECR repository for inference images: immutable tags, scan on push, KMS encryption with
 * a customer-managed key, a lifecycle policy that only expires untagged layers, and (optionally) a
 * repository policy naming the pulling principals. Images are referenced by digest (`imageUri`).
 */
export class ModelImageRepository extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:ModelImageRepository";

    public readonly repository: aws.ecr.Repository;
    public readonly repositoryArn: pulumi.Output<string>;
    public readonly repositoryUrl: pulumi.Output<string>;
    /** `<account>.dkr.ecr.<region>.amazonaws.com`. */
    public readonly registry: pulumi.Output<string>;

    constructor(name: string, args: ModelImageRepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ModelImageRepository.__pulumiType, name, {}, opts);
        const expiry = args.untaggedExpiryDays ?? 14;
        if (!Number.isInteger(expiry) || expiry < 1) {
            throw new MlguardComponentError(COMPONENT, "untaggedExpiryDays", `must be a whole number of days ≥ 1 (got ${expiry})`);
        }
        for (const p of args.pullPrincipalArns ?? []) {
            if (p === "*" || (typeof p === "string" && !p.startsWith("arn:"))) {
                throw new MlguardComponentError(COMPONENT, "pullPrincipalArns", `"${p}" is not a principal ARN; public or wildcard pulls are never allowed`);
            }
        }
        const tags = { ...(args.tags ?? {}), "mlguard:component": COMPONENT };
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const region = aws.getRegionOutput({}, { parent: this }).region;
        // The registry host from known parts, so digest-pinned image URIs are known during preview.
        this.registry = pulumi.interpolate`${accountId}.dkr.ecr.${region}.amazonaws.com`;
        this.repository = new aws.ecr.Repository(`${name}-repo`, {
            name: args.repositoryName ?? name,
            imageTagMutability: "IMMUTABLE",
            imageScanningConfiguration: { scanOnPush: true },
            encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.key.keyArn }],
            forceDelete: false,
            tags,
        }, { parent: this });
        new aws.ecr.LifecyclePolicy(`${name}-lifecycle`, {
            repository: this.repository.name,
            policy: JSON.stringify({
                rules: [{
                    rulePriority: 1,
                    description: `Expire untagged images after ${expiry} days`,
                    selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: expiry },
                    action: { type: "expire" },
                }],
            }),
        }, { parent: this });
        if ((args.pullPrincipalArns ?? []).length > 0) {
            new aws.ecr.RepositoryPolicy(`${name}-policy`, {
                repository: this.repository.name,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [{
                        Sid: "PullByNamedPrincipals",
                        Effect: "Allow",
                        Principal: { AWS: args.pullPrincipalArns },
                        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
                    }],
                }),
            }, { parent: this });
        }
        this.repositoryArn = this.repository.arn;
        this.repositoryUrl = this.repository.repositoryUrl;
        this.registerOutputs({ repositoryArn: this.repositoryArn, repositoryUrl: this.repositoryUrl });
    }

    /** The digest-pinned image URI (`<repo>@sha256:…`); tags are never used for deployment. */
    imageUri(digest: string): pulumi.Output<string> {
        if (!DIGEST.test(digest)) {
            throw new MlguardComponentError(COMPONENT, "digest", `"${digest}" is not an image digest (sha256:<64 hex>); images are pinned by digest`);
        }
        return pulumi.interpolate`${this.registry}/${this.repository.name}@${digest}`;
    }
}
