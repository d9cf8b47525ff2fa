import type { BucketArgs } from "@pulumi/gcp/storage";
import { defineControl } from "../control";
import { withGcsScope } from "../helpers/gcs";
import { ref } from "../examples";
import { allOf, isComputedValue } from "../helpers/outcomes";
import { prop } from "../helpers/props";
import { expectOneOf, fail, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import { gcsScopeOption } from "./gcp-gcs-retention-locked";

interface Options {
    requireEncryptionEnforcement: boolean;
    scopeLabel: string;
}

const KEY_NAME = /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/** Predefined dual-regions and the multi-region that contains each; a key in either location is accepted. */
const DUAL_REGION_PARENT: Record<string, string> = { asia1: "asia", eur4: "eu", eur5: "eu", eur7: "eu", eur8: "eu", nam4: "us" };

function locationsMatch(bucketLocation: string, keyLocation: string): boolean {
    const b = bucketLocation.trim().toLowerCase();
    const k = keyLocation.trim().toLowerCase();
    return b === k || DUAL_REGION_PARENT[b] === k;
}

export default defineControl<BucketArgs, Options>({
    id: "gcp-gcs-cmek",
    title: "Cloud Storage buckets holding ML data must encrypt with a customer-managed key (CMEK)",
    severity: "high",
    provider: "gcp",
    rationale:
        "Training data and model artifacts encrypted with a customer-managed Cloud KMS key stay under your key's IAM, " +
        "audit logs, rotation and revocation: disabling the key makes the data unreadable, and every decrypt is attributable. " +
        "Without `encryption.defaultKmsKeyName` GCS uses Google-managed keys. The key must live in the bucket's location.",
    remediation: {
        terraform:
            "Add `encryption { default_kms_key_name = google_kms_crypto_key.<key>.id }` with a key in the bucket's location, and grant " +
            "the Cloud Storage service agent (`data.google_storage_project_service_account`) `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.",
        pulumi:
            "Set `encryption: { defaultKmsKeyName: key.id }` with a key in the bucket's location, and grant the Cloud Storage service agent " +
            "(`gcp.storage.getProjectServiceAccount`) `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key (`gcp.kms.CryptoKeyIAMMember`).",
    },
    frameworks: {
        "gcp-scc": ["BUCKET_CMEK_DISABLED"],
        "gcp-org-policy": ["gcp.restrictNonCmekServices"],
        "nist-800-53": ["SC-28", "SC-12"],
        "owasp-ml": ["ML02"],
    },
    tags: ["storage", "encryption", "cmek", "training-data", "model-artifacts"],
    aliases: { tfsec: ["google-storage-bucket-encryption-customer-key"], trivy: ["AVD-GCP-0066"] },
    subjects: [types.storageBucket],
    scope: "resource",
    options: {
        requireEncryptionEnforcement: {
            description:
                'Also require `encryption.googleManagedEncryptionEnforcementConfig` and `customerSuppliedEncryptionEnforcementConfig` with `restrictionMode: "FullyRestricted"`, so no upload can bypass the CMEK.',
            schema: { type: "boolean" },
            default: false,
        },
        scopeLabel: gcsScopeOption,
    },
    check(bucket, { options, graph }) {
        return withGcsScope(bucket, graph, options.scopeLabel, () => {

        const results: CheckResult[] = [];
        const key = prop(bucket, "encryption.defaultKmsKeyName");
        if (key.state === "absent") {
            results.push(
                fail(key, "The bucket has no default KMS key (encryption.defaultKmsKeyName), so objects are encrypted with Google-managed keys; set a customer-managed key.", "Google-managed"),
            );
        } else if (isComputedValue(key)) {
            // The key comes from another resource (e.g. `key.id`): a CMEK is configured, which is what this control needs.
            results.push(pass(key, "The bucket's default KMS key is set."));
        } else if (key.state === "unknown") {
            results.push(unknown(key, "The bucket's encryption settings are computed; a default KMS key (encryption.defaultKmsKeyName) must be set."));
        } else if (typeof key.value !== "string" || key.value.trim() === "") {
            results.push(fail(key, "The default KMS key (encryption.defaultKmsKeyName) is not a key name; set a Cloud KMS crypto key id."));
        } else {
            const keyLocation = KEY_NAME.exec(key.value.trim())?.[1];
            const location = prop(bucket, "location");
            if (keyLocation === undefined) {
                results.push(
                    fail(key, "The default KMS key (encryption.defaultKmsKeyName) is not of the form projects/…/locations/…/keyRings/…/cryptoKeys/…."),
                );
            } else if (location.state === "unknown") {
                results.push(unknown(location, "The bucket location is computed; the default KMS key must be in the bucket's location."));
            } else if (typeof location.value === "string" && !locationsMatch(location.value, keyLocation)) {
                results.push(
                    fail(key, "The default KMS key's location differs from the bucket's location; GCS needs a key in the bucket's location."),
                );
            } else {
                results.push(pass(key, "The bucket's default KMS key is a customer-managed key in its location."));
            }
        }

        if (options.requireEncryptionEnforcement === true) {
            results.push(
                expectOneOf(prop(bucket, "encryption.googleManagedEncryptionEnforcementConfig.restrictionMode"), ["FullyRestricted"], {
                    defaultValue: "NotRestricted",
                    what: "Google-managed encryption for new objects",
                }),
                expectOneOf(prop(bucket, "encryption.customerSuppliedEncryptionEnforcementConfig.restrictionMode"), ["FullyRestricted"], {
                    defaultValue: "NotRestricted",
                    what: "Customer-supplied encryption for new objects",
                }),
            );
        }
        return allOf(bucket, results, "The bucket encrypts with a customer-managed key.");
        });
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKeyRing, name: "ml", props: { name: "ml", location: "us-central1" } },
                    { type: types.kmsCryptoKey, name: "training-data-key", props: { name: "training-data", keyRing: ref("ml", "id"), rotationPeriod: "7776000s" } },
                    {
                        type: types.storageBucket,
                        name: "training-data",
                        props: {
                            location: "US-CENTRAL1",
                            uniformBucketLevelAccess: true,
                            encryption: { defaultKmsKeyName: ref("training-data-key", "id") },
                        },
                    },
                ],
                [
                    {
                        type: types.storageBucket,
                        name: "model-artifacts",
                        props: {
                            location: "US",
                            encryption: {
                                defaultKmsKeyName: "projects/ml-prod/locations/us/keyRings/ml/cryptoKeys/models",
                                googleManagedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
                                customerSuppliedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
                            },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.storageBucket, name: "training-data", props: { location: "US-CENTRAL1", uniformBucketLevelAccess: true } }],
                [
                    {
                        type: types.storageBucket,
                        name: "training-data",
                        props: {
                            location: "EU",
                            encryption: { defaultKmsKeyName: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/training-data" },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_kms_key_ring" "ml" {
  name     = "ml"
  location = "us-central1"
}

resource "google_kms_crypto_key" "training_data" {
  name            = "training-data"
  key_ring        = google_kms_key_ring.ml.id
  rotation_period = "7776000s"
}

resource "google_storage_bucket" "training_data" {
  name                        = "ml-prod-training-data"
  location                    = "US-CENTRAL1"
  uniform_bucket_level_access = true

  encryption {
    default_kms_key_name = google_kms_crypto_key.training_data.id
  }
}
`,
            ],
            bad: [
                `resource "google_storage_bucket" "training_data" {
  name                        = "ml-prod-training-data"
  location                    = "US-CENTRAL1"
  uniform_bucket_level_access = true
}
`,
                `resource "google_storage_bucket" "training_data" {
  name     = "ml-prod-training-data"
  location = "EU"

  encryption {
    default_kms_key_name = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/training-data"
  }
}
`,
            ],
        },
    },
});
