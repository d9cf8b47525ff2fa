import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { attachedThrough } from "../helpers/joins";
import { anyProp } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import { BUCKET_TYPES, type BucketScopeOptions, bucketScopeOptions, checkMlBucket } from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

export { BUCKET_TYPES };
export const LOCK_CONFIG_TYPES = [types.s3ObjectLockConfiguration, types.s3ObjectLockConfigurationV2];

/** Object Lock on the bucket, from the bucket itself or a joined configuration; and no forceDestroy. */
function checkLock(bucket: Resource, graph: ResourceGraph): CheckResult[] {
    const results: CheckResult[] = [];
    const inline = anyProp(bucket, "objectLockEnabled");
    const legacy = anyProp(bucket, "objectLockConfiguration.objectLockEnabled");
    const configs = attachedThrough(graph, bucket, LOCK_CONFIG_TYPES, "bucket", ["bucket", "id"]);
    let locked: CheckResult | undefined;
    if (inline.state === "explicit" && inline.value === true) locked = pass(inline, "Object Lock is enabled on the bucket.");
    else if (legacy.state === "explicit" && legacy.value === "Enabled") locked = pass(legacy, "Object Lock is enabled (inline configuration).");
    for (const config of configs) {
        if (locked) break;
        const enabled = anyProp(config, "objectLockEnabled");
        if (enabled.state === "absent" || enabled.value === "Enabled") {
            locked = pass(enabled, `Object Lock is enabled by ${config.name}.`);
        } else if (enabled.state === "unknown") {
            locked = unknown(enabled, `Whether ${config.name} enables Object Lock is computed.`);
        }
    }
    if (!locked) {
        if (inline.state === "unknown") locked = unknown(inline, "objectLockEnabled is computed.");
        else {
            const where = inline.state === "explicit" ? inline : bucket;
            locked = fail(
                where,
                inline.state === "explicit"
                    ? "Object Lock is disabled (objectLockEnabled is not true) and no object-lock configuration enables it."
                    : "Object Lock is not enabled: objectLockEnabled is not set (default: disabled) and no object-lock configuration refers to the bucket.",
                false,
            );
        }
    }
    results.push(locked);
    const forceDestroy = anyProp(bucket, "forceDestroy");
    if (locked.status === "pass" && forceDestroy.state === "explicit" && forceDestroy.value === true) {
        results.push(fail(forceDestroy, "A locked bucket must not set forceDestroy: it cannot delete locked versions and marks the bucket as disposable."));
    }
    return results;
}

export default defineControl<unknown, BucketScopeOptions>({
    id: "aws-s3-object-lock-enabled",
    title: "S3 buckets holding training data and model artifacts must have Object Lock enabled",
    severity: "high",
    provider: "aws",
    rationale:
        "Object Lock makes object versions immutable (WORM), so a poisoned dataset or a swapped model cannot silently " +
        "replace the approved one, and ransomware cannot delete them. It is off unless enabled, and can be enabled on " +
        "the bucket (`object_lock_enabled`, which forces a new bucket) or through an object-lock configuration " +
        "resource. A locked bucket must not set `force_destroy`.",
    remediation: {
        terraform:
            "Set `object_lock_enabled = true` on the `aws_s3_bucket` (new buckets) or add an `aws_s3_bucket_object_lock_configuration` with a default retention rule; do not set `force_destroy = true`.",
        pulumi:
            "Set `objectLockEnabled: true` on the `aws.s3.Bucket` (new buckets) or add an `aws.s3.BucketObjectLockConfiguration` with a default retention rule; do not set `forceDestroy: true`.",
    },
    frameworks: {
        "aws-fsbp": ["S3.15"],
        "aws-config": ["s3-bucket-default-lock-enabled"],
        prowler: ["s3_bucket_object_lock"],
        "nist-800-53": ["SI-7", "SI-7(1)", "CP-9", "AU-9"],
        "owasp-ml": ["ML02", "ML10"],
    },
    tags: ["s3", "immutability", "supply-chain"],
    aliases: { checkov: ["CKV_AWS_143"] },
    subjects: BUCKET_TYPES,
    related: LOCK_CONFIG_TYPES,
    scope: "stack",
    options: bucketScopeOptions,
    check(bucket, { graph, options }) {
        return checkMlBucket(bucket, graph, options, () => checkLock(bucket, graph));
    },
    examples: {
        pulumi: {
            good: [
                [{ type: types.s3Bucket, name: "model-artifacts", props: { objectLockEnabled: true } }],
                [
                    { type: types.s3Bucket, name: "training-data", props: {} },
                    {
                        type: types.s3ObjectLockConfiguration,
                        name: "training-data-lock",
                        props: {
                            bucket: ref("training-data"),
                            objectLockEnabled: "Enabled",
                            rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.s3Bucket, name: "model-artifacts", props: {} }],
                [{ type: types.s3BucketV2, name: "model-artifacts", props: { objectLockEnabled: true, forceDestroy: true } }],
            ],
        },
        terraform: {
            good: [
                `resource "aws_s3_bucket" "model_artifacts" {
  bucket              = "ml-model-artifacts"
  object_lock_enabled = true
}
`,
                `resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data"
}

resource "aws_s3_bucket_object_lock_configuration" "training_data" {
  bucket = aws_s3_bucket.training_data.id

  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 30
    }
  }
}
`,
            ],
            bad: [
                `resource "aws_s3_bucket" "model_artifacts" {
  bucket = "ml-model-artifacts"
}
`,
                `resource "aws_s3_bucket" "model_artifacts" {
  bucket              = "ml-model-artifacts"
  object_lock_enabled = true
  force_destroy       = true
}
`,
            ],
        },
    },
});
