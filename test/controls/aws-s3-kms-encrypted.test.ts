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
        name: "scopeTag: an untagged bucket is not applicable",
        resources: [bucket()],
        settings: { scopeTag: "ml-data-class" },
        expect: ["not-applicable"],
    },
]);
