import type { BucketArgs } from "@pulumi/gcp/storage";
import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { gcsScope, withGcsScope } from "../helpers/gcs";
import { asBoolean, numberOption, parseSeconds } from "../helpers/coerce";
import { allOf, expectBoolean } from "../helpers/outcomes";
import { hasTagKey } from "../helpers/joins";
import { prop } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";

interface Options {
    minRetentionDays: number;
    requireLock: boolean;
    scopeLabel: string;
}

const DAY = 86400;

/** The option shared by the GCS controls that scope themselves to ML buckets. */
export const gcsScopeOption = {
    description:
        "Label key that marks ML buckets (`auto` scope, as for S3). A bucket is checked when a Vertex AI, Workbench or Colab resource of the stack or module tree refers to it, when it carries this label (computed labels count), or when the tree holds no ML resource at all. Empty: no label marks a bucket.",
    schema: { type: "string" as const },
    default: "ml-data-class",
};

/** A not-applicable result for a bucket outside the configured ML scope, undefined when it is in scope. */
export function outOfGcsScope(bucket: Resource, scopeLabel: unknown, graph?: ResourceGraph): CheckResult | undefined {
    const scope = gcsScope(bucket, graph, scopeLabel);
    return scope.inScope ? undefined : notApplicable(bucket, scope.why ?? "The bucket is not in scope.");
}

export default defineControl<BucketArgs, Options>({
    id: "gcp-gcs-retention-locked",
    title: "Cloud Storage buckets holding ML data must have a locked retention policy",
    severity: "high",
    provider: "gcp",
    rationale:
        "A locked retention policy (Bucket Lock) makes every object undeletable and unoverwritable until it reaches the " +
        "retention period, and the lock cannot be removed, so a poisoned dataset or a swapped model cannot silently replace " +
        "the approved one, even by a project owner. It is the GCS counterpart of S3 Object Lock in COMPLIANCE mode. Without " +
        "`retentionPolicy` objects can be deleted or overwritten at any time; an unlocked policy can simply be removed, and " +
        "Object Retention Lock (`enableObjectRetention`) alone sets no bucket-wide default.",
    remediation: {
        terraform:
            'Add a `retention_policy` block with `retention_period = "2592000"` (30 days or more; a string of seconds) and `is_locked = true` to the `google_storage_bucket`. ' +
            "Locking is irreversible: the period can only grow and the bucket cannot be deleted until every object has aged out, " +
            "so keep checkpoints and scratch data in other buckets and set `requireLock: false` for non-production stacks.",
        pulumi:
            'Set `retentionPolicy: { retentionPeriod: "2592000", isLocked: true }` (30 days or more; the period is a string of seconds) ' +
            "on the `gcp.storage.Bucket`. Locking is irreversible: the period can only grow and the bucket cannot be deleted until " +
            "every object has aged out, so keep checkpoints and scratch data in other buckets and set `requireLock: false` for non-production stacks.",
    },
    frameworks: {
        "cis-gcp": ["2.3"],
        prowler: ["cloudstorage_bucket_log_retention_policy_lock", "cloudstorage_bucket_sufficient_retention_period"],
        "gcp-scc": ["LOCKED_RETENTION_POLICY_NOT_SET"],
        "nist-800-53": ["SI-7", "AU-9", "CP-9"],
        "owasp-ml": ["ML02", "ML10"],
    },
    tags: ["storage", "immutability", "training-data", "model-artifacts"],
    aliases: {},
    subjects: [types.storageBucket],
    scope: "resource",
    options: {
        minRetentionDays: {
            description: "The shortest accepted retention period, in days.",
            schema: { type: "integer", minimum: 0 },
            default: 30,
        },
        requireLock: {
            description:
                "Require the retention policy to be locked (`isLocked: true`). Set false in non-production stacks, where an unlocked policy of the minimum period is accepted.",
            schema: { type: "boolean" },
            default: true,
        },
        scopeLabel: gcsScopeOption,
    },
    check(bucket, { options, graph }) {
        return withGcsScope(bucket, graph, options.scopeLabel, () => {
        const minDays = numberOption(options.minRetentionDays, 30);
        const requireLock = options.requireLock !== false;

        const policy = prop(bucket, "retentionPolicy");
        if (policy.state === "unknown") {
            return [unknown(policy, "The retention policy (retentionPolicy) is computed; it must be locked with a period of at least " + `${minDays} days.`)];
        }
        if (policy.state === "absent") {
            const objectRetention = asBoolean(prop(bucket, "enableObjectRetention")) === true;
            return [
                fail(
                    policy,
                    objectRetention
                        ? "Only Object Retention Lock (enableObjectRetention) is on: it protects objects that set their own retention, but the bucket has no retention policy (retentionPolicy) for every object; add a locked one."
                        : `The bucket has no retention policy (retentionPolicy), so objects can be deleted or overwritten at any time; add one of at least ${minDays} days and lock it.`,
                ),
            ];
        }

        const results: CheckResult[] = [];
        const period = prop(bucket, "retentionPolicy.retentionPeriod");
        const seconds = parseSeconds(period.value);
        if (period.state === "unknown") {
            results.push(unknown(period, `The retention period (retentionPolicy.retentionPeriod) is computed; it must be at least ${minDays * DAY} seconds.`));
        } else if (period.state === "absent") {
            results.push(fail(period, `The retention policy has no retention period (retentionPolicy.retentionPeriod); set at least ${minDays * DAY} seconds.`));
        } else if (seconds === undefined) {
            results.push(fail(period, "The retention period (retentionPolicy.retentionPeriod) is not a number of seconds."));
        } else if (seconds < minDays * DAY) {
            results.push(
                fail(period, `The retention period is ${seconds} seconds; it must be at least ${minDays * DAY} seconds (${minDays} days).`),
            );
        } else {
            results.push(pass(period, `The retention period is ${seconds} seconds.`));
        }
        if (requireLock) {
            results.push(
                expectBoolean(prop(bucket, "retentionPolicy.isLocked"), true, {
                    defaultValue: false,
                    what: "The retention policy lock",
                    fix: "set retentionPolicy.isLocked to true so the policy cannot be removed or shortened",
                }),
            );
        }
        return allOf(bucket, results, requireLock ? "The bucket has a locked retention policy." : "The bucket has a retention policy.");
        });
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.storageBucket,
                        name: "model-artifacts",
                        props: {
                            location: "US-CENTRAL1",
                            uniformBucketLevelAccess: true,
                            publicAccessPrevention: "enforced",
                            retentionPolicy: { retentionPeriod: "2592000", isLocked: true },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.storageBucket, name: "model-artifacts", props: { location: "US-CENTRAL1" } }],
                [
                    {
                        type: types.storageBucket,
                        name: "model-artifacts",
                        props: { location: "US-CENTRAL1", retentionPolicy: { retentionPeriod: "2592000" } },
                    },
                ],
                [
                    {
                        type: types.storageBucket,
                        name: "model-artifacts",
                        props: { location: "US-CENTRAL1", retentionPolicy: { retentionPeriod: "86400", isLocked: true } },
                    },
                ],
                [{ type: types.storageBucket, name: "model-artifacts", props: { location: "US-CENTRAL1", enableObjectRetention: true } }],
            ],
        },
        terraform: {
            good: [
                `resource "google_storage_bucket" "model_artifacts" {
  name                        = "ml-prod-model-artifacts"
  location                    = "US-CENTRAL1"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  retention_policy {
    retention_period = "2592000"
    is_locked        = true
  }
}
`,
            ],
            bad: [
                `resource "google_storage_bucket" "model_artifacts" {
  name     = "ml-prod-model-artifacts"
  location = "US-CENTRAL1"
}
`,
                `resource "google_storage_bucket" "model_artifacts" {
  name     = "ml-prod-model-artifacts"
  location = "US-CENTRAL1"

  retention_policy {
    retention_period = "2592000"
  }
}
`,
                `resource "google_storage_bucket" "model_artifacts" {
  name     = "ml-prod-model-artifacts"
  location = "US-CENTRAL1"

  retention_policy {
    retention_period = "86400"
    is_locked        = true
  }
}
`,
                `resource "google_storage_bucket" "model_artifacts" {
  name                    = "ml-prod-model-artifacts"
  location                = "US-CENTRAL1"
  enable_object_retention = true
}
`,
            ],
        },
    },
});
