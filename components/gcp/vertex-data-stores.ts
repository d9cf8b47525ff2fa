import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { MlguardComponentError } from "../errors";
import type { VertexCmekKey } from "./vertex-cmek-key";

const COMPONENT = "VertexDataStores";

export interface VertexStoreSelection {
    /** A tabular Vertex AI dataset. Default true. */
    dataset?: boolean;
    /** Feature online store (Optimized, PSC-only serving). Default true. */
    featureOnlineStore?: boolean;
    /** Legacy Feature Store. Default false. */
    legacyFeatureStore?: boolean;
    /** The `default` ML Metadata store, created with CMEK before any pipeline run creates it without. Default true. */
    metadataStore?: boolean;
    /** A TensorBoard instance. Default true. */
    tensorboard?: boolean;
}

export interface VertexDataStoresArgs {
    project: string;
    /** Must equal the key's region. */
    region: string;
    key: VertexCmekKey;
    stores?: VertexStoreSelection;
    /** Projects allowed to reach the feature online store over PSC; default the project. */
    projectAllowlist?: string[];
    /** Name prefix for stores that take a name (letters, digits, underscores). Default from the component name. */
    storePrefix?: string;
    labels?: Record<string, string>;
}

/**
 * Vertex AI data stores (dataset, feature online store, legacy feature store, metadata store,
 * TensorBoard), each encrypted with a `VertexCmekKey` in the same region; the online store serves
 * only over Private Service Connect.
 */
export class VertexDataStores extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:gcp:VertexDataStores";

    public readonly dataset?: gcp.vertex.AiDataset;
    public readonly featureOnlineStore?: gcp.vertex.AiFeatureOnlineStore;
    public readonly legacyFeatureStore?: gcp.vertex.AiFeatureStore;
    public readonly metadataStore?: gcp.vertex.AiMetadataStore;
    public readonly tensorboard?: gcp.vertex.AiTensorboard;

    constructor(name: string, args: VertexDataStoresArgs, opts?: pulumi.ComponentResourceOptions) {
        super(VertexDataStores.__pulumiType, name, {}, opts);
        args.key.assertSameRegion(COMPONENT, "region", args.region);
        const allow = args.projectAllowlist ?? [args.project];
        if (allow.length === 0 || allow.some((p) => p === "*")) {
            throw new MlguardComponentError(COMPONENT, "projectAllowlist", "must list the consumer projects (not empty, no wildcards)");
        }
        const prefix = args.storePrefix ?? name.replace(/[^A-Za-z0-9_]/g, "_");
        if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) {
            throw new MlguardComponentError(COMPONENT, "storePrefix", `"${prefix}" must start with a lower-case letter and use lower-case letters, digits and underscores`);
        }
        const s = args.stores ?? {};
        const encryptionSpec = { kmsKeyName: args.key.keyId };
        const common = { project: args.project, region: args.region };
        const child = { parent: this, dependsOn: args.key.grants };
        const labels = { ...(args.labels ?? {}), "mlguard-component": "vertex-data-stores" };

        if (s.dataset ?? true) {
            this.dataset = new gcp.vertex.AiDataset(`${name}-dataset`, {
                ...common,
                displayName: `${name}-dataset`,
                metadataSchemaUri: "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml",
                encryptionSpec,
                labels,
            }, child);
        }
        if (s.featureOnlineStore ?? true) {
            this.featureOnlineStore = new gcp.vertex.AiFeatureOnlineStore(`${name}-online-store`, {
                ...common,
                name: `${prefix}_online`,
                optimized: {},
                dedicatedServingEndpoint: { privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: allow } },
                encryptionSpec,
                forceDestroy: false,
                labels,
            }, child);
        }
        if (s.legacyFeatureStore ?? false) {
            this.legacyFeatureStore = new gcp.vertex.AiFeatureStore(`${name}-feature-store`, {
                ...common,
                name: `${prefix}_features`,
                encryptionSpec,
                forceDestroy: false,
                labels,
            }, child);
        }
        if (s.metadataStore ?? true) {
            this.metadataStore = new gcp.vertex.AiMetadataStore(`${name}-metadata`, {
                ...common,
                name: "default",
                description: "Default ML Metadata store, created with CMEK before any pipeline run (mlguard)",
                encryptionSpec,
            }, child);
        }
        if (s.tensorboard ?? true) {
            this.tensorboard = new gcp.vertex.AiTensorboard(`${name}-tensorboard`, {
                ...common,
                displayName: `${name}-tensorboard`,
                encryptionSpec,
                labels,
            }, child);
        }
        this.registerOutputs({});
    }
}
