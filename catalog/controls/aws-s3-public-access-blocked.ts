import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { asBoolean } from "../helpers/coerce";
import { allOf } from "../helpers/outcomes";
import { anyProp } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import { BUCKET_ACL_TYPES, BUCKET_TYPES, type BucketScopeOptions, bucketConfigs, bucketScopeOptions, checkMlBucket, publicAcls } from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

const BLOCK_TYPES = [types.s3PublicAccessBlock];
const OWNERSHIP_TYPES = [types.s3OwnershipControls];
const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** An account-level block with all four flags on covers every bucket of the stack or module tree. */
function accountBlock(graph: ResourceGraph): { state: "on" | "unknown" | "off"; by?: Resource } {
    let state: "on" | "unknown" | "off" = "off";
    let by: Resource | undefined;
    for (const block of graph.ofType(types.s3AccountPublicAccessBlock)) {
        const values = FLAGS.map((f) => anyProp(block, f));
        if (values.every((v) => v.state === "explicit" && asBoolean(v) === true)) return { state: "on", by: block };
        if (values.some((v) => v.state === "unknown") && values.every((v) => v.state === "unknown" || asBoolean(v) === true)) {
            state = "unknown";
            by = block;
        }
    }
    return { state, by };
}

function checkPublicAccess(bucket: Resource, graph: ResourceGraph): CheckResult[] {
    const results: CheckResult[] = [];
    const account = accountBlock(graph);
    const blocks = bucketConfigs(graph, bucket, BLOCK_TYPES);
    if (account.state !== "on") {
        if (blocks.length === 0) {
            results.push(
                account.state === "unknown"
                    ? unknown(bucket, "No public access block refers to the bucket and the account-level block's flags are computed.")
                    : fail(bucket, "No public access block refers to the bucket (or the account), so nothing here keeps public ACLs and policies blocked: S3 blocks them on new buckets, but outside this configuration that can be turned off unseen; declare all four flags."),
            );
        }
        for (const block of blocks) {
            for (const flag of FLAGS) {
                const attr = anyProp(block, flag);
                if (attr.state === "unknown") results.push(unknown(attr, `${flag} of ${block.name} is computed.`));
                else if (attr.state === "absent") results.push(fail(attr, `${block.name} does not set ${flag} (default false); set it to true.`, false));
                else if (asBoolean(attr) !== true) results.push(fail(attr, `${flag} of ${block.name} is not true; set it to true.`));
            }
        }
    }
    for (const controls of bucketConfigs(graph, bucket, OWNERSHIP_TYPES)) {
        const ownership = anyProp(controls, "rule.objectOwnership");
        if (ownership.state === "unknown") results.push(unknown(ownership, `The object ownership of ${controls.name} is computed.`));
        else if (ownership.value !== "BucketOwnerEnforced") {
            results.push(fail(ownership.state === "absent" ? controls : ownership, `${controls.name} does not set objectOwnership to "BucketOwnerEnforced", so ACLs stay enabled.`));
        }
    }
    const acls = publicAcls(graph, bucket);
    for (const attr of acls.publicAttrs) results.push(fail(attr, "The ACL makes the bucket or its objects public (a public canned ACL or a grant to AllUsers / AuthenticatedUsers)."));
    for (const attr of acls.unknownAttrs) results.push(unknown(attr, "The bucket ACL is computed; whether it is public cannot be checked yet."));
    const how = account.state === "on" ? `the account-level block (${account.by!.name}) blocks` : "a public access block blocks";
    return allOf(bucket, results, `Public access is blocked (${how} public ACLs and policies) and no ACL makes the bucket public.`);
}

export default defineControl<unknown, BucketScopeOptions>({
    id: "aws-s3-public-access-blocked",
    title: "S3 buckets holding training data and model artifacts must block public access and disable ACLs",
    severity: "high",
    provider: "aws",
    rationale:
        "A public model or training-data bucket leaks the data and, with write access, lets anyone poison it. The S3 " +
        "public access block stops public ACLs and policies from taking effect; its four flags default to false on the " +
        "resource. A bucket passes when a public access block with all four flags refers to it, or an " +
        "`aws_s3_account_public_access_block` of the stack or module tree sets all four. Ownership controls other than " +
        "`BucketOwnerEnforced` keep ACLs enabled (new buckets default to `BucketOwnerEnforced`); public canned ACLs and " +
        "grants to AllUsers or AuthenticatedUsers fail.",
    remediation: {
        terraform:
            'Add an `aws_s3_bucket_public_access_block` with `block_public_acls`, `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` all `true` (or an `aws_s3_account_public_access_block`), an `aws_s3_bucket_ownership_controls` with `rule { object_ownership = "BucketOwnerEnforced" }`, and remove public ACLs.',
        pulumi:
            'Add an `aws.s3.BucketPublicAccessBlock` with `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` all `true` (or an `aws.s3.AccountPublicAccessBlock`), an `aws.s3.BucketOwnershipControls` with `rule: { objectOwnership: "BucketOwnerEnforced" }`, and remove public ACLs.',
    },
    frameworks: {
        "aws-fsbp": ["S3.8", "S3.12", "S3.1"],
        "cis-aws": ["2.1.4"],
        prowler: ["s3_bucket_level_public_access_block", "s3_account_level_public_access_blocks", "s3_bucket_acl_prohibited"],
        "nist-800-53": ["AC-3", "AC-21", "SC-7"],
        "owasp-ml": ["ML05"],
    },
    tags: ["s3", "public-access"],
    aliases: {
        checkov: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV2_AWS_6", "CKV_AWS_20"],
        tfsec: ["aws-s3-block-public-acls", "aws-s3-block-public-policy", "aws-s3-ignore-public-acls", "aws-s3-no-public-buckets", "aws-s3-specify-public-access-block", "aws-s3-no-public-access-with-acl"],
        trivy: ["AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093", "AVD-AWS-0094", "AVD-AWS-0092"],
    },
    subjects: BUCKET_TYPES,
    related: [...BLOCK_TYPES, types.s3AccountPublicAccessBlock, ...OWNERSHIP_TYPES, ...BUCKET_ACL_TYPES],
    scope: "stack",
    options: bucketScopeOptions,
    check(bucket, { graph, options }) {
        return checkMlBucket(bucket, graph, options, () => checkPublicAccess(bucket, graph));
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.s3Bucket, name: "training-data", props: {} },
                    {
                        type: types.s3PublicAccessBlock,
                        name: "training-data-pab",
                        props: { bucket: ref("training-data"), blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
                    },
                    { type: types.s3OwnershipControls, name: "training-data-ownership", props: { bucket: ref("training-data"), rule: { objectOwnership: "BucketOwnerEnforced" } } },
                ],
                [
                    { type: types.s3AccountPublicAccessBlock, name: "account", props: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true } },
                    { type: types.s3Bucket, name: "model-artifacts", props: {} },
                ],
            ],
            bad: [
                [{ type: types.s3Bucket, name: "training-data", props: {} }],
                [
                    { type: types.s3Bucket, name: "training-data", props: {} },
                    { type: types.s3PublicAccessBlock, name: "training-data-pab", props: { bucket: ref("training-data"), blockPublicAcls: true, blockPublicPolicy: false } },
                ],
                [
                    { type: types.s3AccountPublicAccessBlock, name: "account", props: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true } },
                    { type: types.s3Bucket, name: "model-artifacts", props: {} },
                    { type: types.s3BucketAcl, name: "model-artifacts-acl", props: { bucket: ref("model-artifacts"), acl: "public-read" } },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data"
}

resource "aws_s3_bucket_public_access_block" "training_data" {
  bucket                  = aws_s3_bucket.training_data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "training_data" {
  bucket = aws_s3_bucket.training_data.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
`,
                `resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "model_artifacts" {
  bucket = "ml-model-artifacts"
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

resource "aws_s3_bucket_public_access_block" "training_data" {
  bucket              = aws_s3_bucket.training_data.id
  block_public_acls   = true
  block_public_policy = false
}
`,
                `resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "model_artifacts" {
  bucket = "ml-model-artifacts"
}

resource "aws_s3_bucket_acl" "model_artifacts" {
  bucket = aws_s3_bucket.model_artifacts.id
  acl    = "public-read"
}
`,
            ],
        },
    },
});
