import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { asBoolean } from "../helpers/coerce";
import { anyProp } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import { BUCKET_TYPES, type BucketScopeOptions, bucketConfigs, bucketScopeOptions, checkMlBucket } from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

const VERSIONING_TYPES = [types.s3BucketVersioning, types.s3BucketVersioningV2];

function checkVersioning(bucket: Resource, graph: ResourceGraph): CheckResult[] {
    const decided: CheckResult[] = [];
    for (const config of bucketConfigs(graph, bucket, VERSIONING_TYPES)) {
        const status = anyProp(config, "versioningConfiguration.status");
        if (status.state === "unknown") decided.push(unknown(status, `The versioning status of ${config.name} is computed.`));
        else if (status.value === "Enabled") decided.push(pass(status, `Versioning is enabled by ${config.name}.`));
        else if (status.state === "absent") decided.push(fail(status, `${config.name} sets no versioning status; set versioningConfiguration.status to "Enabled".`));
        else decided.push(fail(status, `${config.name} does not enable versioning (versioningConfiguration.status is not "Enabled"); suspended versioning keeps no new versions.`));
    }
    const inline = anyProp(bucket, "versioning.enabled");
    if (inline.state === "unknown") decided.push(unknown(inline, "The inline versioning setting (versioning.enabled) is computed."));
    else if (inline.state === "explicit") {
        decided.push(asBoolean(inline) === true ? pass(inline, "Versioning is enabled (inline versioning block).") : fail(inline, "The inline versioning block does not enable versioning (versioning.enabled is not true)."));
    }
    const failures = decided.filter((r) => r.status === "fail");
    if (failures.length > 0) return failures;
    const passing = decided.find((r) => r.status === "pass");
    if (passing) return [passing];
    const lock = anyProp(bucket, "objectLockEnabled");
    if (lock.state === "explicit" && asBoolean(lock) === true) {
        return [pass(lock, "Object Lock enabled at creation turns versioning on, and it cannot be suspended while Object Lock is on.")];
    }
    if (decided.length > 0) return decided;
    if (lock.state === "unknown") return [unknown(lock, "No versioning configuration refers to the bucket and objectLockEnabled (which would turn versioning on) is computed.")];
    return [fail(bucket, "Versioning is not enabled: no versioning configuration refers to the bucket (default: unversioned), so an overwrite or delete loses the previous object.", "Disabled")];
}

export default defineControl<unknown, BucketScopeOptions>({
    id: "aws-s3-versioning-enabled",
    title: "S3 buckets holding training data and model artifacts must have versioning enabled",
    severity: "medium",
    provider: "aws",
    rationale:
        "Without versioning an overwritten or deleted training file or model artifact is gone: a poisoned dataset replaces " +
        "the approved one without a trace and an accidental delete cannot be undone. New buckets are unversioned. " +
        "Versioning is set by an `aws_s3_bucket_versioning` resource (or the deprecated inline block); `Suspended` keeps " +
        "no new versions and fails. Object Lock enabled at creation turns versioning on.",
    remediation: {
        terraform:
            'Add an `aws_s3_bucket_versioning` with `bucket = aws_s3_bucket.<name>.id` and `versioning_configuration { status = "Enabled" }` (or create the bucket with `object_lock_enabled = true`).',
        pulumi:
            'Add an `aws.s3.BucketVersioning` with `bucket: bucket.id` and `versioningConfiguration: { status: "Enabled" }` (or create the bucket with `objectLockEnabled: true`).',
    },
    frameworks: {
        "aws-fsbp": ["S3.14"],
        "aws-config": ["s3-bucket-versioning-enabled"],
        prowler: ["s3_bucket_object_versioning"],
        "nist-800-53": ["CP-9", "SI-7"],
        "owasp-ml": ["ML02", "ML10"],
    },
    tags: ["s3", "immutability", "recoverability"],
    aliases: { checkov: ["CKV_AWS_21"], tfsec: ["aws-s3-enable-versioning"], trivy: ["AVD-AWS-0090"] },
    subjects: BUCKET_TYPES,
    related: VERSIONING_TYPES,
    scope: "stack",
    options: bucketScopeOptions,
    check(bucket, { graph, options }) {
        return checkMlBucket(bucket, graph, options, () => checkVersioning(bucket, graph));
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.s3Bucket, name: "training-data", props: {} },
                    { type: types.s3BucketVersioning, name: "training-data-versioning", props: { bucket: ref("training-data"), versioningConfiguration: { status: "Enabled" } } },
                ],
                [{ type: types.s3Bucket, name: "model-artifacts", props: { objectLockEnabled: true } }],
            ],
            bad: [
                [{ type: types.s3Bucket, name: "training-data", props: {} }],
                [
                    { type: types.s3BucketV2, name: "training-data", props: {} },
                    { type: types.s3BucketVersioningV2, name: "training-data-versioning", props: { bucket: ref("training-data"), versioningConfiguration: { status: "Suspended" } } },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data"
}

resource "aws_s3_bucket_versioning" "training_data" {
  bucket = aws_s3_bucket.training_data.id

  versioning_configuration {
    status = "Enabled"
  }
}
`,
                `resource "aws_s3_bucket" "model_artifacts" {
  bucket              = "ml-model-artifacts"
  object_lock_enabled = true
}
`,
            ],
            bad: [
                `resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data"
}
`,
                `resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data"
}

resource "aws_s3_bucket_versioning" "training_data" {
  bucket = aws_s3_bucket.training_data.id

  versioning_configuration {
    status = "Suspended"
  }
}
`,
            ],
        },
    },
});
