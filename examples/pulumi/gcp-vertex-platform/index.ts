/**
 * A private Vertex AI platform built from mlguard's components: it passes the mlguard policy pack.
 * Outside this repository, import from "mlguard/components" instead of the relative path (the
 * relative path keeps the example type-checked and tested in-repo).
 */
import * as pulumi from "@pulumi/pulumi";
import { gcp as mg } from "../../../components";

const config = new pulumi.Config();
const project = config.get("project") ?? "ml-research-prod";
const projectNumber = config.get("projectNumber") ?? "123456789012";
const region = config.get("region") ?? "europe-west4";
const environment = (config.get("environment") ?? "dev") as "prod" | "dev";
const network = config.get("network") ?? `projects/${project}/global/networks/ml-vpc`;
const subnet = config.get("subnet") ?? `projects/${project}/regions/${region}/subnetworks/ml-private`;

// CMEK for everything, granted to the Vertex AI, Storage, Compute and Notebooks service agents.
const key = new mg.VertexCmekKey("ml-cmek", { project, region });

const trainingData = new mg.LockedModelBucket("training-data", { project, dataClass: "training-data", environment, key });
const models = new mg.LockedModelBucket("models", { project, dataClass: "model-artifacts", environment, key });

const workbench = new mg.SecureWorkbenchInstance("research", {
    project,
    zone: `${region}-a`,
    key,
    network,
    subnet,
    owner: config.get("workbenchOwner") ?? "alice@example.com",
    readBuckets: [trainingData],
    writeBuckets: [models],
});

const endpoint = new mg.PrivateVertexEndpoint("churn", { project, region, key, connectivity: { kind: "psc", consumerNetwork: network } });

const stores = new mg.VertexDataStores("ml", { project, region, key });

const perimeter = new mg.VertexPerimeter("ml-perimeter", {
    accessPolicy: config.get("accessPolicy") ?? "123456",
    projectNumbers: [projectNumber],
    environment,
    ingressIdentities: ["group:ml-platform-admins@example.com"],
    dnsNetworks: [network],
    dnsProject: project,
});

new mg.VertexAuditConfig("ml-audit", { project });

export const keyId = key.keyId;
export const trainingDataBucket = trainingData.bucketName;
export const modelsBucket = models.bucketName;
export const workbenchServiceAccount = workbench.serviceAccountEmail;
export const endpointName = endpoint.endpointName;
export const featureOnlineStore = stores.featureOnlineStore?.name;
export const perimeterName = perimeter.perimeterName;
