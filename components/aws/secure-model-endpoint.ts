import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NVME_INSTANCE_FAMILIES, instanceFamily } from "../../catalog/helpers/sagemaker";
import { EXCEPTION_TAG, type Environment, type EscapeHatch, MlguardComponentError, requireReason } from "../errors";
import type { LockedMlBucket } from "./locked-ml-bucket";
import type { MlKmsKey } from "./ml-kms-key";
import type { MlPrivateNetwork } from "./ml-private-network";
import type { ModelImageRepository } from "./model-image-repository";
import type { SageMakerExecutionRole } from "./sagemaker-execution-role";

const COMPONENT = "SecureModelEndpoint";

/**
 * Instance families with local NVMe instance storage, for which SageMaker rejects an endpoint
 * `kmsKeyArn` (the instance store is hardware-encrypted). The key is omitted for them automatically;
 * the list is the endpoint-configuration KMS control's, so the two never disagree.
 */
export { NVME_INSTANCE_FAMILIES };

export function hasNvmeInstanceStorage(instanceType: string): boolean {
    return NVME_INSTANCE_FAMILIES.includes(instanceFamily(instanceType));
}

export interface DataCaptureArgs {
    /** Captured payloads go to this bucket (encrypted with the endpoint's key). */
    bucket: LockedMlBucket;
    /** Key prefix in the bucket. Default `data-capture/<component name>`. */
    prefix?: string;
    /** Percentage of requests captured, 1-100. Default 100. */
    samplingPercentage?: number;
}

export interface SecureModelEndpointArgs {
    environment: Environment;
    network: MlPrivateNetwork;
    key: MlKmsKey;
    role: SageMakerExecutionRole;
    /** The approved image repository; the image is pinned by `imageDigest`. */
    repository: ModelImageRepository;
    /** `sha256:<64 hex>`. */
    imageDigest: string;
    /** The locked bucket holding the model artifact, and the artifact's object key. */
    modelBucket: LockedMlBucket;
    modelDataKey: string;
    /** Default `ml.m5.large`. */
    instanceType?: string;
    /** Instances behind the variant; default 2, at least 2 in prod. */
    initialInstanceCount?: number;
    dataCapture?: DataCaptureArgs;
    /** Container environment variables. */
    environmentVariables?: Record<string, pulumi.Input<string>>;
    /**
     * Escape hatch: let the model container reach the network (turns network isolation off). The
     * reason is written to the model's `mlguard:exception` tag.
     */
    allowContainerEgress?: EscapeHatch;
    tags?: Record<string, string>;
}

/**
 * A SageMaker model, endpoint configuration and endpoint serving a digest-pinned image from a
 * `ModelImageRepository` and an artifact from a `LockedMlBucket`: network isolation on, VPC
 * placement in an `MlPrivateNetwork`, storage / capture encrypted with an `MlKmsKey`, and ≥2
 * instances in prod.
 */
export class SecureModelEndpoint extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:SecureModelEndpoint";

    public readonly model: aws.sagemaker.Model;
    public readonly endpointConfiguration: aws.sagemaker.EndpointConfiguration;
    public readonly endpoint: aws.sagemaker.Endpoint;
    public readonly endpointName: pulumi.Output<string>;

    constructor(name: string, args: SecureModelEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SecureModelEndpoint.__pulumiType, name, {}, opts);
        const prod = args.environment === "prod";
        const count = args.initialInstanceCount ?? 2;
        if (!Number.isInteger(count) || count < (prod ? 2 : 1)) {
            throw new MlguardComponentError(COMPONENT, "initialInstanceCount", `must be a whole number ≥ ${prod ? "2 in prod (an endpoint on one instance has no redundancy)" : "1"} (got ${count})`);
        }
        if (args.modelBucket.dataClass !== "model-artifacts") {
            throw new MlguardComponentError(COMPONENT, "modelBucket", `must be a LockedMlBucket with dataClass "model-artifacts" (got "${args.modelBucket.dataClass}")`);
        }
        if (!/^[^\s]+$/.test(args.modelDataKey) || args.modelDataKey.startsWith("/")) {
            throw new MlguardComponentError(COMPONENT, "modelDataKey", `"${args.modelDataKey}" must be an S3 object key without a leading slash or spaces`);
        }
        const sampling = args.dataCapture?.samplingPercentage ?? 100;
        if (!Number.isInteger(sampling) || sampling < 1 || sampling > 100) {
            throw new MlguardComponentError(COMPONENT, "dataCapture.samplingPercentage", `must be a whole number from 1 to 100 (got ${sampling})`);
        }
        const egressReason = requireReason(COMPONENT, "allowContainerEgress", args.allowContainerEgress);
        const image = args.repository.imageUri(args.imageDigest);
        const instanceType = args.instanceType ?? "ml.m5.large";
        const tags = { ...(args.tags ?? {}), "mlguard:component": COMPONENT };

        this.model = new aws.sagemaker.Model(`${name}-model`, {
            executionRoleArn: args.role.roleArn,
            enableNetworkIsolation: egressReason === undefined,
            primaryContainer: {
                image,
                imageConfig: { repositoryAccessMode: "Platform" },
                modelDataUrl: args.modelBucket.s3Uri(args.modelDataKey),
                environment: args.environmentVariables,
            },
            vpcConfig: {
                subnets: args.network.subnetIds,
                securityGroupIds: [args.network.workloadSecurityGroupId],
            },
            tags: egressReason ? { ...tags, [EXCEPTION_TAG]: egressReason } : tags,
        }, { parent: this });

        this.endpointConfiguration = new aws.sagemaker.EndpointConfiguration(`${name}-config`, {
            kmsKeyArn: hasNvmeInstanceStorage(instanceType) ? undefined : args.key.keyArn,
            productionVariants: [{
                variantName: "primary",
                modelName: this.model.name,
                instanceType,
                initialInstanceCount: count,
                initialVariantWeight: 1,
            }],
            dataCaptureConfig: args.dataCapture ? {
                enableCapture: true,
                initialSamplingPercentage: sampling,
                destinationS3Uri: args.dataCapture.bucket.s3Uri(args.dataCapture.prefix ?? `data-capture/${name}`),
                kmsKeyId: args.key.keyArn,
                captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
            } : undefined,
            tags,
        }, { parent: this });

        this.endpoint = new aws.sagemaker.Endpoint(`${name}-endpoint`, {
            endpointConfigName: this.endpointConfiguration.name,
            tags,
        }, { parent: this });
        this.endpointName = this.endpoint.name;
        this.registerOutputs({ endpointName: this.endpointName, modelName: this.model.name });
    }
}
