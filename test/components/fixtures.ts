import * as fs from "node:fs";
import * as path from "node:path";
import { aws as ml, gcp as mg } from "../../components";
import type { PackSettings } from "../../policypack/policies";

/**
 * The pack configuration documented for non-production stacks, where the components keep data
 * deletable (GCS retention unlocked): the example's `nonprod.json`, so the documented file is the tested one.
 */
export const NON_PROD_SETTINGS: PackSettings = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, "../../../examples/pulumi/gcp-vertex-platform/nonprod.json"), "utf8"),
);

export const DIGEST = `sha256:${"ab12".repeat(16)}`;

/** The smallest realistic AWS platform: every AWS component with default arguments. */
export function awsPlatform(environment: "prod" | "dev" = "prod") {
    const network = new ml.MlPrivateNetwork("ml-net", { availabilityZones: ["eu-west-1a", "eu-west-1b"] });
    const key = new ml.MlKmsKey("ml-key");
    const trainingData = new ml.LockedMlBucket("training", { dataClass: "training-data", environment, key, network });
    const artifacts = new ml.LockedMlBucket("artifacts", { dataClass: "model-artifacts", environment, key, network });
    const repository = new ml.ModelImageRepository("inference", { key });
    const role = new ml.SageMakerExecutionRole("ml-exec", {
        key, network, readBuckets: [trainingData], writeBuckets: [artifacts], imageRepositories: [repository], studioSourceIdentity: true,
    });
    const notebook = new ml.SecureNotebookInstance("research", { network, key, role });
    const studio = new ml.SecureStudioDomain("studio", { network, key, defaultRole: role });
    const user = studio.addUserProfile({ userProfileName: "alice", ssoUserName: "alice@example.com" });
    studio.addPrivateSpace({ spaceName: "alice-lab", owner: user });
    const endpoint = new ml.SecureModelEndpoint("churn", {
        environment, network, key, role, repository, imageDigest: DIGEST, modelBucket: artifacts, modelDataKey: "churn/v1/model.tar.gz",
    });
    const features = new ml.SecureFeatureGroup("customers", {
        key, role, offlineBucket: trainingData, recordIdentifierFeatureName: "customer_id", eventTimeFeatureName: "event_time",
        features: [{ name: "customer_id", type: "String" }, { name: "event_time", type: "String" }, { name: "tenure_days", type: "Integral" }],
    });
    const monitoring = new ml.SecureMonitoringSchedule("churn-quality", {
        network, key, role, endpointName: endpoint.endpointName, outputBucket: artifacts,
        analyzerImageUri: "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer",
    });
    return { network, key, trainingData, artifacts, repository, role, notebook, studio, user, endpoint, features, monitoring };
}

export const GCP_PROJECT = "ml-research-prod";
export const GCP_REGION = "europe-west4";
export const GCP_NETWORK = "projects/ml-research-prod/global/networks/ml-vpc";
export const GCP_SUBNET = "projects/ml-research-prod/regions/europe-west4/subnetworks/ml-private";

/** The smallest realistic GCP platform: every GCP component with default arguments. */
export function gcpPlatform(environment: "prod" | "dev" = "prod") {
    const project = GCP_PROJECT;
    const key = new mg.VertexCmekKey("vertex-cmek", { project, region: GCP_REGION });
    const trainingData = new mg.LockedModelBucket("training", { project, dataClass: "training-data", environment, key });
    const models = new mg.LockedModelBucket("models", { project, dataClass: "model-artifacts", environment, key });
    const workbench = new mg.SecureWorkbenchInstance("research", {
        project, zone: `${GCP_REGION}-a`, key, network: GCP_NETWORK, subnet: GCP_SUBNET, owner: "alice@example.com",
        readBuckets: [trainingData], writeBuckets: [models],
    });
    const endpoint = new mg.PrivateVertexEndpoint("churn", { project, region: GCP_REGION, key });
    const stores = new mg.VertexDataStores("features", { project, region: GCP_REGION, key });
    const perimeter = new mg.VertexPerimeter("ml-perimeter", { accessPolicy: "123456", projectNumbers: ["123456789012"], environment });
    const audit = new mg.VertexAuditConfig("audit", { project });
    return { key, trainingData, models, workbench, endpoint, stores, perimeter, audit };
}
