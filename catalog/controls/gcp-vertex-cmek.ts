import { defineControl } from "../control";
import { ref } from "../examples";
import { expectKmsKey } from "../helpers/gcp-vm";
import { allOf } from "../helpers/outcomes";
import { type Attr, anyProp } from "../helpers/props";
import { fail } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";

/**
 * Every Vertex AI resource whose SDK `*Args` has a top-level `encryptionSpec` (a test derives the
 * list from `@pulumi/gcp/vertex/*.d.ts` and fails when the SDK gains one that is missing here).
 */
export const VERTEX_CMEK_TYPES = [
    types.vertexDataset,
    types.vertexEndpoint,
    types.vertexEvaluationMetric,
    types.vertexFeatureOnlineStore,
    types.vertexFeatureStore,
    types.vertexIndex,
    types.vertexIndexEndpoint,
    types.vertexMetadataStore,
    types.vertexPersistentResource,
    types.vertexReasoningEngine,
    types.vertexTensorboard,
];

/** The `locations/<loc>` segment of a Cloud KMS key name, lower-cased, or undefined. */
export function keyLocation(key: string): string | undefined {
    return /(?:^|\/)locations\/([^/]+)\//.exec(key.trim())?.[1]?.toLowerCase();
}

/** Vertex AI needs the key in the resource's own region: checked when both are literal. */
function regionMatches(resource: Resource, key: Attr): CheckResult | undefined {
    if (typeof key.value !== "string") return undefined;
    const where = keyLocation(key.value);
    const region = [anyProp(resource, "region"), anyProp(resource, "location")].find((a) => a.state !== "absent");
    if (!where || !region || typeof region.value !== "string" || region.value.trim() === "") return undefined;
    if (where === region.value.trim().toLowerCase()) return undefined;
    // The values go to the evidence, not the message (either may be a secret in a Pulumi stack).
    return fail(key, `The key's location (in encryptionSpec.kmsKeyName) is not the resource's ${region.path}; Vertex AI needs a key in the resource's own region.`);
}

export default defineControl<unknown>({
    id: "gcp-vertex-cmek",
    title: "Vertex AI datasets, endpoints, feature stores, indexes, metadata stores, tensorboards and other resources must use CMEK",
    severity: "high",
    provider: "gcp",
    rationale:
        "Vertex AI resources hold training data (datasets, feature stores), model serving state (endpoints, index " +
        "endpoints), embeddings (indexes), lineage (metadata stores), experiment logs (tensorboards) and agent state " +
        "(reasoning engines). Without `encryptionSpec.kmsKeyName` they use Google-managed keys, outside your key's IAM, " +
        "audit logs and revocation. The key is immutable: it cannot be added later without recreating the resource, and " +
        "it must be in the resource's region.",
    remediation: {
        terraform:
            "Add `encryption_spec { kms_key_name = google_kms_crypto_key.<key>.id }` with a key in the resource's `region`, and grant " +
            "the Vertex AI service agent (`service-<project-number>@gcp-sa-aiplatform.iam.gserviceaccount.com`) " +
            "`roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.",
        pulumi:
            "Set `encryptionSpec: { kmsKeyName: key.id }` with a key in the resource's `region`, and grant the Vertex AI service " +
            "agent (`service-<project-number>@gcp-sa-aiplatform.iam.gserviceaccount.com`) `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.",
    },
    frameworks: {
        "gcp-org-policy": ["gcp.restrictNonCmekServices"],
        "nist-800-53": ["SC-28", "SC-12"],
        "owasp-ml": ["ML05"],
    },
    tags: ["vertex-ai", "encryption", "cmek"],
    aliases: {},
    subjects: VERTEX_CMEK_TYPES,
    scope: "resource",
    options: {},
    check(resource) {
        const key = anyProp(resource, "encryptionSpec.kmsKeyName");
        const results = [expectKmsKey(key, "The resource", "set encryptionSpec.kmsKeyName to a Cloud KMS key in the resource's region")];
        if (results[0].status === "pass") {
            const mismatch = regionMatches(resource, key);
            if (mismatch) results.push(mismatch);
        }
        return allOf(resource, results, "The resource is encrypted with a customer-managed key.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsCryptoKey, name: "vertex", props: { name: "vertex", keyRing: "projects/ml-prod/locations/us-central1/keyRings/ml", rotationPeriod: "7776000s" } },
                    {
                        type: types.vertexDataset,
                        name: "claims",
                        props: {
                            displayName: "claims",
                            region: "us-central1",
                            metadataSchemaUri: "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml",
                            encryptionSpec: { kmsKeyName: ref("vertex", "id") },
                        },
                    },
                    {
                        type: types.vertexTensorboard,
                        name: "experiments",
                        props: {
                            displayName: "experiments",
                            region: "us-central1",
                            encryptionSpec: { kmsKeyName: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/vertex" },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.vertexDataset, name: "claims", props: { displayName: "claims", region: "us-central1", metadataSchemaUri: "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml" } }],
                [
                    {
                        type: types.vertexEndpoint,
                        name: "serving",
                        props: {
                            name: "serving",
                            displayName: "serving",
                            location: "us-central1",
                            region: "us-central1",
                            encryptionSpec: { kmsKeyName: "projects/ml-prod/locations/europe-west4/keyRings/ml/cryptoKeys/vertex" },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_kms_crypto_key" "vertex" {
  name            = "vertex"
  key_ring        = "projects/ml-prod/locations/us-central1/keyRings/ml"
  rotation_period = "7776000s"
}

resource "google_vertex_ai_dataset" "claims" {
  display_name        = "claims"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_tensorboard" "experiments" {
  display_name = "experiments"
  region       = "us-central1"

  encryption_spec {
    kms_key_name = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/vertex"
  }
}
`,
            ],
            bad: [
                `resource "google_vertex_ai_dataset" "claims" {
  display_name        = "claims"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
}
`,
                `resource "google_vertex_ai_endpoint" "serving" {
  name         = "serving"
  display_name = "serving"
  location     = "us-central1"
  region       = "us-central1"

  encryption_spec {
    kms_key_name = "projects/ml-prod/locations/europe-west4/keyRings/ml/cryptoKeys/vertex"
  }
}
`,
            ],
        },
    },
});
