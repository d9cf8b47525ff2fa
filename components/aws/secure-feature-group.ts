import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";
import type { LockedMlBucket } from "./locked-ml-bucket";
import type { MlKmsKey } from "./ml-kms-key";
import type { SageMakerExecutionRole } from "./sagemaker-execution-role";

const COMPONENT = "SecureFeatureGroup";

/** Feature types Feature Store accepts. */
export type FeatureType = "String" | "Integral" | "Fractional";

export interface FeatureDefinition {
    name: string;
    type: FeatureType;
}

export interface SecureFeatureGroupArgs {
    key: MlKmsKey;
    /** The role Feature Store uses to write the offline store. */
    role: SageMakerExecutionRole;
    /** The locked bucket of class `training-data` holding the offline store. */
    offlineBucket: LockedMlBucket;
    /** Feature group name; default: the component name. */
    featureGroupName?: string;
    recordIdentifierFeatureName: string;
    eventTimeFeatureName: string;
    features: FeatureDefinition[];
    /** Serve features online (Standard tier, encrypted with the key). Default true. */
    online?: boolean;
    /** Key prefix of the offline store in the bucket. Default `feature-store/<name>`. */
    offlinePrefix?: string;
    tags?: Record<string, string>;
}

/**
 * A SageMaker Feature Store feature group whose online store (Standard tier) and offline store are
 * encrypted with an `MlKmsKey`, the offline store in a `LockedMlBucket` of training data.
 */
export class SecureFeatureGroup extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:SecureFeatureGroup";

    public readonly featureGroup: aws.sagemaker.FeatureGroup;
    public readonly featureGroupName: pulumi.Output<string>;

    constructor(name: string, args: SecureFeatureGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SecureFeatureGroup.__pulumiType, name, {}, opts);
        const groupName = args.featureGroupName ?? name;
        if (!/^[a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63}$/.test(groupName)) {
            throw new MlguardComponentError(COMPONENT, "featureGroupName", `"${groupName}" must be 1-64 letters, digits, hyphens or underscores`);
        }
        if (args.offlineBucket.dataClass !== "training-data") {
            throw new MlguardComponentError(COMPONENT, "offlineBucket", `must be a LockedMlBucket with dataClass "training-data" (got "${args.offlineBucket.dataClass}")`);
        }
        const names = args.features.map((f) => f.name);
        const duplicate = names.find((n, i) => names.indexOf(n) !== i);
        if (duplicate !== undefined) throw new MlguardComponentError(COMPONENT, "features", `feature "${duplicate}" is defined twice`);
        for (const [input, feature] of [["recordIdentifierFeatureName", args.recordIdentifierFeatureName], ["eventTimeFeatureName", args.eventTimeFeatureName]] as const) {
            if (!names.includes(feature)) throw new MlguardComponentError(COMPONENT, input, `"${feature}" is not one of the features`);
        }
        const prefix = args.offlinePrefix ?? `feature-store/${groupName}`;
        if (prefix.startsWith("/") || /\s/.test(prefix)) {
            throw new MlguardComponentError(COMPONENT, "offlinePrefix", `"${prefix}" must be an S3 key prefix without a leading slash or spaces`);
        }
        const online = args.online ?? true;

        this.featureGroup = new aws.sagemaker.FeatureGroup(`${name}-feature-group`, {
            featureGroupName: groupName,
            recordIdentifierFeatureName: args.recordIdentifierFeatureName,
            eventTimeFeatureName: args.eventTimeFeatureName,
            roleArn: args.role.roleArn,
            featureDefinitions: args.features.map((f) => ({ featureName: f.name, featureType: f.type })),
            onlineStoreConfig: online ? { enableOnlineStore: true, storageType: "Standard", securityConfig: { kmsKeyId: args.key.keyArn } } : undefined,
            offlineStoreConfig: { s3StorageConfig: { s3Uri: args.offlineBucket.s3Uri(prefix), kmsKeyId: args.key.keyArn } },
            tags: { ...(args.tags ?? {}), "mlguard:component": COMPONENT },
        }, { parent: this });
        this.featureGroupName = this.featureGroup.featureGroupName;
        this.registerOutputs({ featureGroupName: this.featureGroupName });
    }
}
