import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { stringList } from "../helpers/coerce";
import { type Statement, grantsAction, parsePolicy } from "../helpers/iam";
import { fail, pass, unknown } from "../helpers/results";
import {
    BUCKET_POLICY_TYPES,
    BUCKET_TYPES,
    type BucketScopeOptions,
    bucketPolicyAttrs,
    bucketScopeOptions,
    checkMlBucket,
    conditionValues,
    principalValues,
} from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

interface Options extends BucketScopeOptions {
    requireVpcEndpoint: boolean;
    allowedVpcEndpointIds: string[];
}

type Verdict = "yes" | "no" | "unknown";

/** Whether a statement applies to everyone (`"*"` or `{"AWS": "*"}`). */
function everyone(s: Statement): Verdict {
    const aws = principalValues(s.principal, "AWS");
    if (aws.values.some((v) => v.trim() === "*")) return "yes";
    return aws.hasUnknown ? "unknown" : "no";
}

/** Whether a statement covers object reads and writes, on the objects (`…/*` or `*`). */
function coversObjectData(s: Statement): Verdict {
    const get = grantsAction(s, "s3:GetObject");
    const put = grantsAction(s, "s3:PutObject");
    if (get === "no" || put === "no") return "no";
    if (s.notResource) return "unknown";
    // A bucket policy can only name its own bucket and objects, so a computed resource (the bucket's
    // ARN from a reference, `${arn}/*`) is one of them.
    const res = s.resource;
    const objects = res ? res.hasUnknown || res.values.some((r) => r.trim() === "*" || r.endsWith("/*")) : false;
    if (!objects) return "no";
    return get === "yes" && put === "yes" ? "yes" : "unknown";
}

function and(...verdicts: Verdict[]): Verdict {
    if (verdicts.includes("no")) return "no";
    return verdicts.includes("unknown") ? "unknown" : "yes";
}

/** A Deny for everyone on the objects when `aws:SecureTransport` is false. */
function deniesPlainHttp(s: Statement): Verdict {
    if (s.unknown) return "unknown";
    if (s.effect !== "Deny") return "no";
    const c = conditionValues(s, ["Bool", "BoolIfExists"], "aws:SecureTransport");
    const condition: Verdict = !c ? "no" : c.values.some((v) => v.toLowerCase() === "false") ? "yes" : c.hasUnknown ? "unknown" : "no";
    return and(condition, everyone(s), coversObjectData(s));
}

/** A Deny of object data for everyone unless the request comes through the listed (or any) VPC endpoints. */
function restrictsToEndpoints(s: Statement, allowed: string[]): Verdict {
    if (s.unknown) return "unknown";
    if (s.effect !== "Deny") return "no";
    const ops = ["StringNotEquals", "StringNotEqualsIfExists", "StringNotLike", "StringNotLikeIfExists"];
    const vpce = conditionValues(s, ops, "aws:SourceVpce") ?? conditionValues(s, ops, "aws:SourceVpc");
    if (!vpce) return "no";
    let condition: Verdict = vpce.values.length > 0 || vpce.hasUnknown ? "yes" : "no";
    if (condition === "yes" && allowed.length > 0) {
        if (vpce.values.some((v) => !allowed.includes(v))) condition = "no";
        else if (vpce.hasUnknown) condition = "unknown";
    }
    return and(condition, everyone(s), coversObjectData(s));
}

function checkPolicy(bucket: Resource, graph: ResourceGraph, options: Options): CheckResult[] {
    const attrs = bucketPolicyAttrs(graph, bucket);
    if (attrs.length === 0) {
        return [fail(bucket, "No bucket policy refers to the bucket, so S3 accepts requests over plain HTTP; add a policy that denies aws:SecureTransport = false.")];
    }
    const allowed = stringList(options.allowedVpcEndpointIds);
    const requireVpce = options.requireVpcEndpoint === true || allowed.length > 0;
    const tlsProblems: CheckResult[] = [];
    const vpceProblems: CheckResult[] = [];
    let tls: CheckResult | undefined;
    let vpce: CheckResult | undefined;
    for (const attr of attrs) {
        const doc = parsePolicy(attr);
        if (doc.kind === "unknown") {
            tlsProblems.push(unknown(attr, `The bucket policy (${attr.path}) is computed; whether it enforces TLS cannot be checked yet.`));
            continue;
        }
        if (doc.kind === "invalid") {
            tlsProblems.push(unknown(attr, `The bucket policy (${attr.path}) cannot be read: ${doc.reason}.`));
            continue;
        }
        if (doc.kind === "absent") {
            tlsProblems.push(fail(attr, "The bucket policy resource sets no policy document, so S3 accepts requests over plain HTTP."));
            continue;
        }
        const t = doc.statements.map(deniesPlainHttp);
        if (t.includes("yes")) tls ??= pass(attr, "The bucket policy denies requests without TLS (aws:SecureTransport = false).");
        else if (t.includes("unknown")) tlsProblems.push(unknown(attr, "A statement of the bucket policy that may deny plain HTTP is computed."));
        else tlsProblems.push(fail(attr, "The bucket policy does not deny requests without TLS: add a Deny for Principal \"*\" on the bucket's objects with Condition Bool aws:SecureTransport = \"false\"."));
        if (requireVpce) {
            const v = doc.statements.map((s) => restrictsToEndpoints(s, allowed));
            const which = allowed.length > 0 ? "the allowed VPC endpoints (allowedVpcEndpointIds)" : "VPC endpoints";
            if (v.includes("yes")) vpce ??= pass(attr, `The bucket policy denies object access from outside ${which}.`);
            else if (v.includes("unknown")) vpceProblems.push(unknown(attr, `The VPC-endpoint condition of the bucket policy is computed; it must name only ${which}.`));
            else vpceProblems.push(fail(attr, `The bucket policy does not deny object access from outside ${which} (a Deny with StringNotEquals aws:SourceVpce).`));
        }
    }
    // One compliant policy is enough for each requirement; otherwise report what each policy lacks.
    const out: CheckResult[] = [];
    out.push(...(tls ? [tls] : tlsProblems));
    if (requireVpce) out.push(...(vpce ? [vpce] : vpceProblems));
    return out;
}

export default defineControl<unknown, Options>({
    id: "aws-s3-tls-only-policy",
    title: "S3 buckets holding training data and model artifacts must have a bucket policy that denies plain HTTP",
    severity: "medium",
    provider: "aws",
    rationale:
        "S3 accepts plain-HTTP requests unless the bucket policy denies them, so training data and model artifacts can " +
        "cross the network unencrypted and be read or altered on the way. A Deny for everyone on the bucket's objects " +
        "with `aws:SecureTransport = false` (in the inline policy, an `aws_s3_bucket_policy`, or a policy document data " +
        "source it uses) enforces TLS. Optionally (`requireVpcEndpoint`, `allowedVpcEndpointIds`) the policy must also " +
        "deny object access that does not come through the listed VPC endpoints.",
    remediation: {
        terraform:
            'Add an `aws_s3_bucket_policy` with a statement `{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = [bucket_arn, "${bucket_arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }`.',
        pulumi:
            'Add an `aws.s3.BucketPolicy` with a statement `{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }`.',
    },
    frameworks: {
        "aws-fsbp": ["S3.5"],
        "aws-config": ["s3-bucket-ssl-requests-only"],
        "cis-aws": ["2.1.1"],
        prowler: ["s3_bucket_secure_transport_policy"],
        "nist-800-53": ["SC-8", "AC-4"],
        "owasp-ml": ["ML05"],
    },
    tags: ["s3", "encryption-in-transit", "network"],
    aliases: {},
    subjects: BUCKET_TYPES,
    related: BUCKET_POLICY_TYPES,
    scope: "stack",
    options: {
        ...bucketScopeOptions,
        requireVpcEndpoint: {
            description: "Also require a Deny of object access from outside VPC endpoints (`aws:SourceVpce` / `aws:SourceVpc`).",
            schema: { type: "boolean" },
            default: false,
        },
        allowedVpcEndpointIds: {
            description: "VPC endpoint ids the VPC-endpoint Deny may admit (implies `requireVpcEndpoint`). Empty: any endpoint.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(bucket, { graph, options }) {
        return checkMlBucket(bucket, graph, options, () => checkPolicy(bucket, graph, options));
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.s3Bucket, name: "training-data", props: { bucket: "ml-training-data" } },
                    {
                        type: types.s3BucketPolicy,
                        name: "training-data-policy",
                        props: {
                            bucket: ref("training-data"),
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [{
                                    Sid: "DenyInsecureTransport",
                                    Effect: "Deny",
                                    Principal: "*",
                                    Action: "s3:*",
                                    Resource: ["arn:aws:s3:::ml-training-data", "arn:aws:s3:::ml-training-data/*"],
                                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                                }],
                            }),
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.s3Bucket, name: "training-data", props: { bucket: "ml-training-data" } }],
                [
                    { type: types.s3Bucket, name: "training-data", props: { bucket: "ml-training-data" } },
                    {
                        type: types.s3BucketPolicy,
                        name: "training-data-policy",
                        props: {
                            bucket: ref("training-data"),
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::ml-training-data" }],
                            }),
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data"
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.training_data.arn,
      "\${aws_s3_bucket.training_data.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "training_data" {
  bucket = aws_s3_bucket.training_data.id
  policy = data.aws_iam_policy_document.tls_only.json
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

resource "aws_s3_bucket_policy" "training_data" {
  bucket = aws_s3_bucket.training_data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:DeleteBucket"
      Resource  = "arn:aws:s3:::ml-training-data"
    }]
  })
}
`,
            ],
        },
    },
});
