import { aws as ml } from "../../components";

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
    const endpoint = new ml.SecureModelEndpoint("churn", {
        environment, network, key, role, repository, imageDigest: DIGEST, modelBucket: artifacts, modelDataKey: "churn/v1/model.tar.gz",
    });
    return { network, key, trainingData, artifacts, repository, role, notebook, studio, user, endpoint };
}
