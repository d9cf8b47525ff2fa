import control from "../../catalog/controls/aws-s3-kms-encrypted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const bucket = (props: Record<string, unknown> = {}, type = types.s3Bucket) => ({ type, name: "b", props });
const sse = (rules: unknown, type = types.s3SseConfiguration) => ({ type, name: "sse", props: { bucket: UNKNOWN, rules }, deps: { bucket: ["b"] } });
const kms = (key?: unknown) => [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", ...(key === undefined ? {} : { kmsMasterKeyId: key }) } }];

edgeCases(control, [
    { name: "SSE-KMS with a key from the stack passes", resources: [bucket(), sse(kms(UNKNOWN))], expect: ["pass"] },
    { name: "SSE-KMS with a key ARN passes", resources: [bucket(), sse(kms("arn:aws:kms:eu-west-1:111122223333:key/abc"))], expect: ["pass"] },
    { name: "DSSE-KMS passes", resources: [bucket(), sse([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: "k" } }])], expect: ["pass"] },
    { name: "no configuration fails: SSE-S3 by default", resources: [bucket()], expect: ["fail"], message: /SSE-S3/ },
    { name: "AES256 fails", resources: [bucket(), sse([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }])], expect: ["fail"], message: /is not SSE-KMS/, evidence: "AES256" },
    { name: "aws:kms without a key fails: aws/s3 key", resources: [bucket(), sse(kms())], expect: ["fail"], message: /aws\/s3/ },
    { name: "alias/aws/s3 fails", resources: [bucket(), sse(kms("alias/aws/s3"))], expect: ["fail"] },
    { name: "a configuration without rules fails", resources: [bucket(), sse([])], expect: ["fail"] },
    { name: "the V2 configuration and V2 bucket are joined", resources: [bucket({}, types.s3BucketV2), sse(kms("k"), types.s3SseConfigurationV2)], expect: ["pass"] },
    { name: "the inline legacy configuration is read", resources: [bucket({ serverSideEncryptionConfiguration: { rule: kms("k")[0] } })], expect: ["pass"] },
    { name: "an inline AES256 rule fails", resources: [bucket({ serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } })], expect: ["fail"] },
    { name: "computed rules are not verifiable", resources: [bucket(), sse(UNKNOWN)], expect: ["unknown"] },
    { name: "a computed algorithm is not verifiable", resources: [bucket(), sse([{ applyServerSideEncryptionByDefault: { sseAlgorithm: UNKNOWN } }])], expect: ["unknown"] },
    { name: "odd rule shapes fail without throwing", resources: [bucket(), sse("aws:kms")], expect: ["fail"] },
    {
        name: "scope tagged: an untagged bucket is not applicable",
        resources: [bucket()],
        settings: { scope: "tagged", scopeTag: "ml-data-class" },
        expect: ["not-applicable"],
    },
    // The documented exception: S3 delivers server access logs only to SSE-S3 buckets.
    {
        name: "a log-delivery-write bucket passes with SSE-S3 and says why",
        resources: [bucket({ acl: "log-delivery-write" }), sse([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }])],
        expect: ["pass"],
    },
    {
        name: "a log bucket without any encryption configuration passes with the default SSE-S3",
        resources: [bucket(), { type: types.s3BucketAcl, name: "acl", props: { bucket: UNKNOWN, acl: "log-delivery-write" }, deps: { bucket: ["b"] } }],
        expect: ["pass"],
    },
    {
        name: "a LogDelivery grant in an aws_s3_bucket_acl makes it a log bucket",
        resources: [
            bucket(),
            {
                type: types.s3BucketAcl,
                name: "acl",
                props: { bucket: UNKNOWN, accessControlPolicy: { grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery" }, permission: "WRITE" }], owner: { id: "o" } } },
                deps: { bucket: ["b"] },
            },
        ],
        expect: ["pass"],
    },
    {
        name: "a bucket policy allowing logging.s3.amazonaws.com makes it a log bucket",
        resources: [
            bucket(),
            {
                type: types.s3BucketPolicy,
                name: "policy",
                props: { bucket: UNKNOWN, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::logs/*" }] }) },
                deps: { bucket: ["b"] },
            },
        ],
        expect: ["pass"],
    },
    {
        name: "a bucket that another bucket's logging targets is a log bucket",
        resources: [bucket(), { type: types.s3Bucket, name: "data", props: { serverSideEncryptionConfiguration: { rule: kms("k")[0] } } }, { type: types.s3BucketLogging, name: "log", props: { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "x/" }, deps: { bucket: ["data"], targetBucket: ["b"] } }],
        expect: ["pass", "pass"],
    },
    {
        name: "a Deny for logging.s3.amazonaws.com does not make a log bucket",
        resources: [
            bucket(),
            {
                type: types.s3BucketPolicy,
                name: "policy",
                props: { bucket: UNKNOWN, policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: "*" }] }) },
                deps: { bucket: ["b"] },
            },
        ],
        expect: ["fail"],
    },
    {
        name: "a log bucket with aws:kms but no key still fails (the exception accepts SSE-S3 only)",
        resources: [bucket({ acl: "log-delivery-write" }), sse(kms())],
        expect: ["fail"],
    },
    { name: "a private ACL is not a log bucket", resources: [bucket({ acl: "private" })], expect: ["fail"] },
]);
