import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { attachedThrough } from "../helpers/joins";
import { type Attr, anyProp, listItems, within } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import { BUCKET_ACL_TYPES, BUCKET_LOGGING_TYPES, BUCKET_POLICY_TYPES, BUCKET_TYPES, type BucketScopeOptions, bucketScopeOptions, checkMlBucket, receivesAccessLogs } from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";
import { AWS_MANAGED_KEY } from "./aws-sagemaker-notebook-kms-encrypted";

const SSE_CONFIG_TYPES = [types.s3SseConfiguration, types.s3SseConfigurationV2];
const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

/**
 * Judges one encryption rule (`applyServerSideEncryptionByDefault` lives under it). `logTarget` says
 * why the bucket receives server access logs, which S3 delivers only to SSE-S3 buckets.
 */
function judgeRule(owner: Resource, rule: Attr, logTarget: string | undefined): CheckResult {
    const algorithm = within(owner, rule, "applyServerSideEncryptionByDefault.sseAlgorithm");
    const key = within(owner, rule, "applyServerSideEncryptionByDefault.kmsMasterKeyId");
    if (algorithm.state === "unknown") return unknown(algorithm, "The default encryption algorithm (sseAlgorithm) is computed.");
    if (logTarget && algorithm.value === "AES256") {
        return pass(algorithm, `SSE-S3 is accepted: the bucket receives S3 server access logs (${logTarget}), and S3 delivers them only to buckets encrypted with SSE-S3.`);
    }
    if (algorithm.state === "absent" || typeof algorithm.value !== "string" || !KMS_ALGORITHMS.includes(algorithm.value)) {
        const what = algorithm.state === "absent" ? "sets no algorithm" : "is not SSE-KMS";
        return fail(algorithm, `Default encryption (sseAlgorithm) ${what}; use SSE-KMS (aws:kms) with a customer-managed key.`);
    }
    if (key.state === "unknown") return pass(key, "SSE-KMS uses a key from a resource in the stack.");
    if (key.state === "absent" || key.value === "") {
        return fail(key, "SSE-KMS without kmsMasterKeyId uses the AWS-managed aws/s3 key; set a customer-managed key.");
    }
    if (typeof key.value === "string" && AWS_MANAGED_KEY.test(key.value)) {
        return fail(key, "kmsMasterKeyId names the AWS-managed aws/s3 key; use a customer-managed key.");
    }
    return pass(key, "Default encryption is SSE-KMS with a customer-managed key.");
}

function checkEncryption(bucket: Resource, graph: ResourceGraph): CheckResult[] {
    const logTarget = receivesAccessLogs(graph, bucket);
    const results: CheckResult[] = [];
    for (const config of attachedThrough(graph, bucket, SSE_CONFIG_TYPES, "bucket", ["bucket", "id"])) {
        const rules = anyProp(config, "rules");
        if (rules.state === "unknown") results.push(unknown(rules, `The encryption rules of ${config.name} are computed.`));
        else {
            const items = listItems(config, rules);
            if (items.length === 0) results.push(fail(rules.state === "absent" ? config : rules, `${config.name} has no encryption rule.`));
            for (const rule of items) results.push(judgeRule(config, rule, logTarget));
        }
    }
    const inline = anyProp(bucket, "serverSideEncryptionConfiguration.rule");
    if (inline.state !== "absent") results.push(inline.state === "unknown" ? unknown(inline, "The inline encryption rule is computed.") : judgeRule(bucket, inline, logTarget));
    if (results.length === 0) {
        if (logTarget) {
            return [pass(bucket, `S3's default SSE-S3 is accepted: the bucket receives S3 server access logs (${logTarget}), and S3 delivers them only to buckets encrypted with SSE-S3.`)];
        }
        return [
            fail(
                bucket,
                "No server-side encryption configuration refers to the bucket, so S3's default SSE-S3 (AES256) applies instead of a customer-managed KMS key.",
            ),
        ];
    }
    // One compliant configuration is enough; report the rest only when none complies.
    const passing = results.find((r) => r.status === "pass");
    return passing ? [passing] : results;
}

export default defineControl<unknown, BucketScopeOptions>({
    id: "aws-s3-kms-encrypted",
    title: "S3 buckets holding training data and model artifacts must use SSE-KMS with a customer-managed key",
    severity: "high",
    provider: "aws",
    rationale:
        "Since 2023 S3 encrypts new objects with SSE-S3 (AES256) by default: encrypted, but with keys you cannot " +
        "restrict, audit per use or revoke. Training data and model artifacts need SSE-KMS with a customer-managed key " +
        "so access to the data also requires access to the key. `aws:kms` without a key id uses the AWS-managed aws/s3 key. " +
        "One documented exception: a bucket that receives S3 server access logs (a `log-delivery-write` ACL, a grant to the " +
        "LogDelivery group, a bucket policy allowing `logging.s3.amazonaws.com`, or another bucket's logging target) must use " +
        "SSE-S3, because S3 cannot deliver access logs to an SSE-KMS bucket; such a bucket passes with SSE-S3 and the finding says why.",
    remediation: {
        terraform:
            'Add an `aws_s3_bucket_server_side_encryption_configuration` with `rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" kms_master_key_id = aws_kms_key.ml.arn } bucket_key_enabled = true }`.',
        pulumi:
            'Add an `aws.s3.BucketServerSideEncryptionConfiguration` with `rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: mlKey.arn }, bucketKeyEnabled: true }]`.',
    },
    frameworks: {
        "aws-fsbp": ["S3.17"],
        "aws-config": ["s3-default-encryption-kms"],
        prowler: ["s3_bucket_kms_encryption"],
        "nist-800-53": ["SC-28", "SC-12", "SC-13"],
        "owasp-ml": ["ML05"],
    },
    tags: ["s3", "encryption", "kms"],
    aliases: { checkov: ["CKV_AWS_145"], tfsec: ["aws-s3-encryption-customer-key"], trivy: ["AVD-AWS-0132"] },
    subjects: BUCKET_TYPES,
    related: [...SSE_CONFIG_TYPES, ...BUCKET_ACL_TYPES, ...BUCKET_POLICY_TYPES, ...BUCKET_LOGGING_TYPES],
    scope: "stack",
    options: bucketScopeOptions,
    check(bucket, { graph, options }) {
        return checkMlBucket(bucket, graph, options, () => checkEncryption(bucket, graph));
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    { type: types.s3Bucket, name: "training-data", props: {} },
                    {
                        type: types.s3SseConfiguration,
                        name: "training-data-sse",
                        props: {
                            bucket: ref("training-data"),
                            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ref("ml", "arn") }, bucketKeyEnabled: true }],
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.s3Bucket, name: "training-data", props: {} }],
                [
                    { type: types.s3Bucket, name: "training-data", props: {} },
                    {
                        type: types.s3SseConfiguration,
                        name: "training-data-sse",
                        props: { bucket: ref("training-data"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
                    },
                ],
                [
                    { type: types.s3BucketV2, name: "training-data", props: {} },
                    {
                        type: types.s3SseConfigurationV2,
                        name: "training-data-sse",
                        props: { bucket: ref("training-data"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "training_data" {
  bucket = aws_s3_bucket.training_data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
    bucket_key_enabled = true
  }
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

resource "aws_s3_bucket_server_side_encryption_configuration" "training_data" {
  bucket = aws_s3_bucket.training_data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
`,
                `resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "training_data" {
  bucket = "ml-training-data"

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`,
            ],
        },
    },
});
