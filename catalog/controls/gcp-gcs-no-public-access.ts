import type { BucketArgs } from "@pulumi/gcp/storage";
import { defineControl } from "../control";
import { withGcsScope } from "../helpers/gcs";
import { allOf, expectBoolean } from "../helpers/outcomes";
import { prop } from "../helpers/props";
import { expectOneOf } from "../helpers/results";
import { types } from "../resource-types";
import { gcsScopeOption } from "./gcp-gcs-retention-locked";

interface Options {
    scopeLabel: string;
}

export default defineControl<BucketArgs, Options>({
    id: "gcp-gcs-no-public-access",
    title: "Cloud Storage buckets holding ML data must use uniform bucket-level access and enforce public access prevention",
    severity: "high",
    provider: "gcp",
    rationale:
        "With fine-grained ACLs (uniform bucket-level access off, the provider default) any object can be made public by " +
        "one ACL change that IAM policies and reviews never see, and a training-data or model bucket leaks. Public access " +
        "prevention `enforced` refuses `allUsers` / `allAuthenticatedUsers` grants outright; the default `inherited` only " +
        "holds when an organization policy happens to enforce it. Together they keep access in IAM, where mlguard's IAM " +
        "controls and your reviews can see it.",
    remediation: {
        terraform: 'On the `google_storage_bucket`, set `uniform_bucket_level_access = true` and `public_access_prevention = "enforced"`.',
        pulumi: 'On the `gcp.storage.Bucket`, set `uniformBucketLevelAccess: true` and `publicAccessPrevention: "enforced"`.',
    },
    frameworks: {
        "cis-gcp": ["5.1", "5.2"],
        "gcp-org-policy": ["storage.uniformBucketLevelAccess", "storage.publicAccessPrevention"],
        "gcp-scc": ["BUCKET_POLICY_ONLY_DISABLED", "PUBLIC_BUCKET_ACL"],
        "nist-800-53": ["AC-3", "AC-6"],
        "owasp-ml": ["ML05"],
    },
    tags: ["storage", "public-access", "training-data", "model-artifacts"],
    aliases: {},
    subjects: [types.storageBucket],
    scope: "resource",
    options: { scopeLabel: gcsScopeOption },
    autofix: [
        { path: "uniformBucketLevelAccess", value: true },
        { path: "publicAccessPrevention", value: "enforced" },
    ],
    check(bucket, { options, graph }) {
        return withGcsScope(bucket, graph, options.scopeLabel, () => {
        return allOf(
            bucket,
            [
                expectBoolean(prop(bucket, "uniformBucketLevelAccess"), true, {
                    defaultValue: false,
                    what: "Uniform bucket-level access",
                    fix: "set uniformBucketLevelAccess to true",
                }),
                expectOneOf(prop(bucket, "publicAccessPrevention"), ["enforced"], { defaultValue: "inherited", what: "Public access prevention" }),
            ],
            "The bucket uses uniform bucket-level access and enforces public access prevention.",
        );
        });
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.storageBucket,
                        name: "models",
                        props: { name: "ml-prod-models", location: "US-CENTRAL1", uniformBucketLevelAccess: true, publicAccessPrevention: "enforced" },
                    },
                ],
            ],
            bad: [
                [{ type: types.storageBucket, name: "models", props: { name: "ml-prod-models", location: "US-CENTRAL1" } }],
                [
                    {
                        type: types.storageBucket,
                        name: "models",
                        props: { name: "ml-prod-models", location: "US-CENTRAL1", uniformBucketLevelAccess: true, publicAccessPrevention: "inherited" },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_storage_bucket" "models" {
  name                        = "ml-prod-models"
  location                    = "US-CENTRAL1"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}
`,
            ],
            bad: [
                `resource "google_storage_bucket" "models" {
  name     = "ml-prod-models"
  location = "US-CENTRAL1"
}
`,
                `resource "google_storage_bucket" "models" {
  name                        = "ml-prod-models"
  location                    = "US-CENTRAL1"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
}
`,
            ],
        },
    },
});
