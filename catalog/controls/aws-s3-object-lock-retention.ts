import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { numberOption, stringList } from "../helpers/coerce";
import { type Attr, anyProp, within } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import { BUCKET_TYPES, type BucketScopeOptions, bucketConfigs, bucketScopeOptions, checkMlBucket } from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";
import { LOCK_CONFIG_TYPES } from "./aws-s3-object-lock-enabled";

interface Options extends BucketScopeOptions {
    allowedModes: string[];
    minimumDays: number;
}

/** Judges one default-retention block (`mode` plus `days` or `years`). */
function judgeRetention(owner: Resource, retention: Attr, allowed: string[], minimum: number): CheckResult {
    const mode = within(owner, retention, "mode");
    const days = within(owner, retention, "days");
    const years = within(owner, retention, "years");
    if (mode.state === "unknown") return unknown(mode, "The default retention mode is computed.");
    if (typeof mode.value !== "string" || !allowed.includes(mode.value)) {
        return fail(mode, `The default retention mode (mode) is ${mode.state === "absent" ? "not set" : "not allowed"}; use ${allowed.join(" or ")}.`);
    }
    if (days.state === "unknown" || years.state === "unknown") return unknown(days.state === "unknown" ? days : years, "The default retention period is computed.");
    const period = typeof days.value === "number" ? days : typeof years.value === "number" ? years : undefined;
    if (!period) return fail(days.state === "explicit" ? days : retention, "The default retention sets no period (days or years).");
    const total = period === days ? (days.value as number) : (years.value as number) * 365;
    if (!Number.isFinite(total) || total < minimum) {
        return fail(period, `The default retention period is shorter than the minimum of ${minimum} days.`);
    }
    return pass(period, `Objects are locked by default (${mode.value} mode, at least ${minimum} days).`);
}

function checkRetention(bucket: Resource, graph: ResourceGraph, allowed: string[], minimum: number): CheckResult[] {
    const results: CheckResult[] = [];
    for (const config of bucketConfigs(graph, bucket, LOCK_CONFIG_TYPES)) {
        const retention = anyProp(config, "rule.defaultRetention");
        if (retention.state === "unknown") results.push(unknown(retention, `The default retention rule of ${config.name} is computed.`));
        else if (retention.state === "absent") {
            results.push(fail(anyProp(config, "rule").state === "explicit" ? anyProp(config, "rule") : config, `${config.name} has no default retention rule, so objects are locked only when each upload sets a retention.`));
        } else results.push(judgeRetention(config, retention, allowed, minimum));
    }
    const inline = anyProp(bucket, "objectLockConfiguration.rule.defaultRetention");
    if (inline.state === "unknown") results.push(unknown(inline, "The inline default retention rule is computed."));
    else if (inline.state === "explicit") results.push(judgeRetention(bucket, inline, allowed, minimum));
    if (results.length === 0) {
        return [fail(bucket, "No object-lock configuration with a default retention rule refers to the bucket, so objects are not locked unless each upload sets a retention.")];
    }
    const passing = results.find((r) => r.status === "pass");
    return passing ? [passing] : results;
}

export default defineControl<unknown, Options>({
    id: "aws-s3-object-lock-retention",
    title: "S3 buckets holding training data and model artifacts must lock objects by default (retention mode and period)",
    severity: "medium",
    provider: "aws",
    rationale:
        "Object Lock without a default retention rule locks nothing: objects are protected only when each upload sets a " +
        "retention, which SageMaker and most tools never do. A default rule with an allowed mode (COMPLIANCE by default; " +
        "GOVERNANCE can be bypassed by any principal with s3:BypassGovernanceRetention) and a minimum period makes every " +
        "new version of the training data and the models immutable. Security Hub S3.15 only checks that Object Lock is on.",
    remediation: {
        terraform:
            'Add an `aws_s3_bucket_object_lock_configuration` with `rule { default_retention { mode = "COMPLIANCE" days = 30 } }` (at least `minimumDays`).',
        pulumi:
            'Add an `aws.s3.BucketObjectLockConfiguration` with `rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } }` (at least `minimumDays`).',
    },
    frameworks: {
        "aws-fsbp": ["S3.15"],
        "aws-config": ["s3-bucket-default-lock-enabled"],
        "nist-800-53": ["SI-7", "AU-11"],
        "owasp-ml": ["ML02", "ML10"],
    },
    tags: ["s3", "immutability", "supply-chain"],
    aliases: {},
    subjects: BUCKET_TYPES,
    related: LOCK_CONFIG_TYPES,
    scope: "stack",
    options: {
        ...bucketScopeOptions,
        allowedModes: {
            description: 'Retention modes that pass. Default `["COMPLIANCE"]`; non-production stacks may add `"GOVERNANCE"`.',
            schema: { type: "array", items: { type: "string", enum: ["COMPLIANCE", "GOVERNANCE"] } },
            default: ["COMPLIANCE"],
        },
        minimumDays: {
            description: "Shortest default retention that passes, in days (`years` count as 365 days).",
            schema: { type: "integer", minimum: 1 },
            default: 30,
        },
    },
    check(bucket, { graph, options }) {
        const allowed = stringList(options.allowedModes);
        return checkMlBucket(bucket, graph, options, () =>
            checkRetention(bucket, graph, allowed.length > 0 ? allowed : ["COMPLIANCE"], numberOption(options.minimumDays, 30)),
        );
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.s3Bucket, name: "training-data", props: { objectLockEnabled: true } },
                    {
                        type: types.s3ObjectLockConfiguration,
                        name: "training-data-lock",
                        props: { bucket: ref("training-data"), rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } },
                    },
                ],
            ],
            bad: [
                [{ type: types.s3Bucket, name: "training-data", props: { objectLockEnabled: true } }],
                [
                    { type: types.s3Bucket, name: "training-data", props: { objectLockEnabled: true } },
                    {
                        type: types.s3ObjectLockConfiguration,
                        name: "training-data-lock",
                        props: { bucket: ref("training-data"), rule: { defaultRetention: { mode: "GOVERNANCE", days: 1 } } },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_s3_bucket" "training_data" {
  bucket              = "ml-training-data"
  object_lock_enabled = true
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
                `resource "aws_s3_bucket" "training_data" {
  bucket              = "ml-training-data"
  object_lock_enabled = true
}
`,
                `resource "aws_s3_bucket" "training_data" {
  bucket              = "ml-training-data"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "training_data" {
  bucket = aws_s3_bucket.training_data.id

  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 1
    }
  }
}
`,
            ],
        },
    },
});
