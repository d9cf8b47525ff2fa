/**
 * A private SageMaker platform built from mlguard's components: it passes the mlguard policy pack
 * with nothing to configure. Outside this repository, import from "mlguard/components" instead of
 * the relative path (the relative path keeps the example type-checked and tested in-repo).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { aws as ml } from "../../../components";

const config = new pulumi.Config();
const environment = (config.get("environment") ?? "dev") as "prod" | "dev";
const availabilityZones = config.getObject<string[]>("availabilityZones") ?? ["eu-west-1a", "eu-west-1b"];
const imageDigest = config.get("inferenceImageDigest") ?? `sha256:${"ab12".repeat(16)}`;

// Network without internet: private subnets, VPC endpoints, flow logs.
const network = new ml.MlPrivateNetwork("ml", { availabilityZones, endpointTiers: { featureStore: true } });

// One customer-managed key for the platform's data, volumes and images.
const key = new ml.MlKmsKey("ml-data", { description: "ML platform data" });

// Server access logs of the ML buckets. No ML resource uses this bucket, so mlguard's S3 controls
// (scope `auto`) do not hold it to the ML-data bar; S3 delivers access logs only to SSE-S3 buckets.
const accessLogs = new aws.s3.Bucket("access-logs", { forceDestroy: false, tags: { purpose: "s3-access-logs" } });
new aws.s3.BucketPublicAccessBlock("access-logs", {
    bucket: accessLogs.bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
new aws.s3.BucketPolicy("access-logs", {
    bucket: accessLogs.bucket,
    // An object, not a JSON string: its statements stay checkable at preview, where the ARNs are computed.
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Sid: "S3ServerAccessLogs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: pulumi.interpolate`${accessLogs.arn}/*` },
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [accessLogs.arn, pulumi.interpolate`${accessLogs.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    } as aws.iam.PolicyDocument,
});

// Training data and released models: Object Lock, CMK, TLS and VPC-endpoint only.
const trainingData = new ml.LockedMlBucket("training-data", { dataClass: "training-data", environment, key, network, accessLogBucket: accessLogs.bucket });
const modelArtifacts = new ml.LockedMlBucket("model-artifacts", { dataClass: "model-artifacts", environment, key, network, accessLogBucket: accessLogs.bucket });

// Inference images: immutable tags, scanned on push, CMK.
const images = new ml.ModelImageRepository("inference-images", { key });

// The role notebooks, Studio users, jobs and models run as.
const role = new ml.SageMakerExecutionRole("ml-exec", {
    key,
    network,
    readBuckets: [trainingData],
    writeBuckets: [modelArtifacts],
    imageRepositories: [images],
    studioSourceIdentity: true,
});

const notebook = new ml.SecureNotebookInstance("research", { network, key, role, instanceType: "ml.t3.large" });

const studio = new ml.SecureStudioDomain("ml-studio", { network, key, defaultRole: role });
for (const user of ["alice", "bob"]) {
    const profile = studio.addUserProfile({ userProfileName: user, ssoUserName: `${user}@example.com` });
    studio.addPrivateSpace({ spaceName: `${user}-lab`, owner: profile });
}

const endpoint = new ml.SecureModelEndpoint("churn", {
    environment,
    network,
    key,
    role,
    repository: images,
    imageDigest,
    modelBucket: modelArtifacts,
    modelDataKey: "churn/v1/model.tar.gz",
    dataCapture: { bucket: modelArtifacts, samplingPercentage: 10 },
});

// Hourly data-quality monitoring of the endpoint's captured traffic, isolated and encrypted.
const monitoring = new ml.SecureMonitoringSchedule("churn-quality", {
    network,
    key,
    role,
    endpointName: endpoint.endpointName,
    outputBucket: modelArtifacts,
    analyzerImageUri: config.get("modelMonitorImageUri") ?? "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer",
});

// Customer features for training and online inference: both stores encrypted with the platform key.
const features = new ml.SecureFeatureGroup("customers", {
    key,
    role,
    offlineBucket: trainingData,
    recordIdentifierFeatureName: "customer_id",
    eventTimeFeatureName: "event_time",
    features: [
        { name: "customer_id", type: "String" },
        { name: "event_time", type: "String" },
        { name: "tenure_days", type: "Integral" },
    ],
});

export const vpcId = network.vpcId;
export const privateSubnetIds = network.subnetIds;
export const keyArn = key.keyArn;
export const trainingDataBucket = trainingData.bucketName;
export const modelArtifactsBucket = modelArtifacts.bucketName;
export const accessLogsBucket = accessLogs.bucket;
export const imageRepositoryUrl = images.repositoryUrl;
export const executionRoleArn = role.roleArn;
export const notebookName = notebook.notebookName;
export const studioDomainId = studio.domainId;
export const endpointName = endpoint.endpointName;
export const featureGroupName = features.featureGroupName;
export const monitoringScheduleName = monitoring.schedule.name;
