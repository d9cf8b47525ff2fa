import type { BucketArgs } from "@pulumi/gcp/storage";
import { defineControl } from "../control";
import { withGcsScope } from "../helpers/gcs";
import { parseSeconds } from "../helpers/coerce";
import { allOf, expectBoolean, isComputedValue } from "../helpers/outcomes";
import { prop } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import { gcsScopeOption } from "./gcp-gcs-retention-locked";

interface Options {
    scopeLabel: string;
}

export default defineControl<BucketArgs, Options>({
    id: "gcp-gcs-recoverable",
    title: "Cloud Storage buckets holding ML data must be recoverable: soft delete kept, versioning or a retention policy, no force_destroy",
    severity: "low",
    provider: "gcp",
    rationale:
        "A deleted or overwritten training set or model artifact must be recoverable. Soft delete keeps deleted objects for " +
        "7 days by default unless `softDeletePolicy.retentionDurationSeconds` is set to 0; object versioning keeps " +
        "overwritten generations (a retention policy already forbids overwrites and deletes during its period, and GCS " +
        "does not combine it with versioning, so it stands in for versioning); `forceDestroy` lets a `destroy` or a replacement delete every object with the bucket.",
    remediation: {
        terraform:
            "Keep `soft_delete_policy.retention_duration_seconds` above 0 (or leave it out), add `versioning { enabled = true }` " +
            "unless the bucket has a `retention_policy`, and remove `force_destroy` (or set it to false).",
        pulumi:
            "Keep `softDeletePolicy.retentionDurationSeconds` above 0 (or leave it out), set `versioning: { enabled: true }` unless " +
            "the bucket has a `retentionPolicy`, and remove `forceDestroy` (or set it to false).",
    },
    frameworks: {
        prowler: ["cloudstorage_bucket_soft_delete_enabled", "cloudstorage_bucket_versioning_enabled"],
        "gcp-scc": ["OBJECT_VERSIONING_DISABLED"],
        "nist-800-53": ["CP-9"],
        "owasp-ml": ["ML02", "ML10"],
    },
    tags: ["storage", "recoverability", "training-data", "model-artifacts"],
    aliases: {},
    subjects: [types.storageBucket],
    scope: "resource",
    options: { scopeLabel: gcsScopeOption },
    check(bucket, { options, graph }) {
        return withGcsScope(bucket, graph, options.scopeLabel, () => {
        const results: CheckResult[] = [];

        const softDelete = prop(bucket, "softDeletePolicy.retentionDurationSeconds");
        if (softDelete.state === "unknown") results.push(unknown(softDelete, "The soft-delete duration is computed; it must not be 0."));
        else if (softDelete.state === "explicit" && parseSeconds(softDelete.value) === 0) {
            results.push(fail(softDelete, "Soft delete is turned off (softDeletePolicy.retentionDurationSeconds is 0); leave it at the 7-day default or longer."));
        }

        // Versioning and a retention policy exclude each other on GCS (pitfall 7.19 of the reference), and a
        // retention policy already forbids deletes and overwrites during its period: it stands in for versioning.
        const retention = prop(bucket, "retentionPolicy.retentionPeriod");
        const versioning = prop(bucket, "versioning.enabled");
        if (retention.state === "explicit" || isComputedValue(retention)) {
            results.push(pass(retention, "A retention policy forbids deletes and overwrites during its period, so versioning is not needed."));
        } else if (retention.state === "unknown" && versioning.state !== "explicit") {
            results.push(unknown(retention, "The retention policy is computed; the bucket needs versioning unless it has a retention policy."));
        } else {
            results.push(expectBoolean(versioning, true, { defaultValue: false, what: "Object versioning", fix: "set versioning.enabled to true (or add a retention policy)" }));
        }

        results.push(expectBoolean(prop(bucket, "forceDestroy"), false, { defaultValue: false, what: "Force destroy", fix: "remove forceDestroy or set it to false" }));
        return allOf(bucket, results, "Deleted and overwritten objects are recoverable, and the bucket is not force-destroyed.");
        });
    },
    examples: {
        pulumi: {
            good: [
                [{ type: types.storageBucket, name: "data", props: { name: "ml-prod-data", location: "US-CENTRAL1", versioning: { enabled: true } } }],
                [
                    {
                        type: types.storageBucket,
                        name: "models",
                        props: { name: "ml-prod-models", location: "US-CENTRAL1", retentionPolicy: { retentionPeriod: "2592000", isLocked: true } },
                    },
                ],
            ],
            bad: [
                [{ type: types.storageBucket, name: "data", props: { name: "ml-prod-data", location: "US-CENTRAL1" } }],
                [
                    {
                        type: types.storageBucket,
                        name: "data",
                        props: { name: "ml-prod-data", location: "US-CENTRAL1", versioning: { enabled: true }, forceDestroy: true, softDeletePolicy: { retentionDurationSeconds: 0 } },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_storage_bucket" "data" {
  name     = "ml-prod-data"
  location = "US-CENTRAL1"

  versioning {
    enabled = true
  }
}
`,
                `resource "google_storage_bucket" "models" {
  name     = "ml-prod-models"
  location = "US-CENTRAL1"

  retention_policy {
    retention_period = 2592000
    is_locked        = true
  }
}
`,
            ],
            bad: [
                `resource "google_storage_bucket" "data" {
  name     = "ml-prod-data"
  location = "US-CENTRAL1"
}
`,
                `resource "google_storage_bucket" "data" {
  name          = "ml-prod-data"
  location      = "US-CENTRAL1"
  force_destroy = true

  versioning {
    enabled = true
  }

  soft_delete_policy {
    retention_duration_seconds = 0
  }
}
`,
            ],
        },
    },
});
