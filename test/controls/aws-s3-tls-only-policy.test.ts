import control from "../../catalog/controls/aws-s3-tls-only-policy";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const bucket = (props: Record<string, unknown> = {}) => ({ type: types.s3Bucket, name: "b", props: { bucket: "ml-data", ...props } });
const policy = (doc: unknown) => ({
    type: types.s3BucketPolicy,
    name: "p",
    props: { bucket: UNKNOWN, policy: typeof doc === "string" || doc === UNKNOWN ? doc : JSON.stringify(doc) },
    deps: { bucket: ["b"] },
});
const TLS = {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::ml-data", "arn:aws:s3:::ml-data/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const VPCE = {
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: ["s3:GetObject", "s3:PutObject"],
    Resource: "arn:aws:s3:::ml-data/*",
    Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-1"] } },
};
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

edgeCases(control, [
    { name: "a TLS Deny passes", resources: [bucket(), policy(doc(TLS))], expect: ["pass"] },
    { name: "no policy fails: plain HTTP is accepted", resources: [bucket()], expect: ["fail"], message: /plain HTTP/ },
    { name: "a policy without the Deny fails", resources: [bucket(), policy(doc({ ...TLS, Condition: undefined }))], expect: ["fail"], message: /SecureTransport/ },
    { name: "an Allow with the condition does not count", resources: [bucket(), policy(doc({ ...TLS, Effect: "Allow" }))], expect: ["fail"] },
    { name: "SecureTransport true does not count", resources: [bucket(), policy(doc({ ...TLS, Condition: { Bool: { "aws:SecureTransport": "true" } } }))], expect: ["fail"] },
    { name: "a boolean false and BoolIfExists pass", resources: [bucket(), policy(doc({ ...TLS, Condition: { BoolIfExists: { "aws:SecureTransport": false } } }))], expect: ["pass"] },
    { name: "condition keys are case-insensitive", resources: [bucket(), policy(doc({ ...TLS, Condition: { bool: { "aws:securetransport": ["false"] } } }))], expect: ["pass"] },
    { name: "a Deny for one principal only does not count", resources: [bucket(), policy(doc({ ...TLS, Principal: { AWS: "arn:aws:iam::111122223333:root" } }))], expect: ["fail"] },
    { name: "a Deny on the bucket ARN only (not the objects) does not count", resources: [bucket(), policy(doc({ ...TLS, Resource: "arn:aws:s3:::ml-data" }))], expect: ["fail"] },
    { name: "a Deny of one action only does not count", resources: [bucket(), policy(doc({ ...TLS, Action: "s3:DeleteObject" }))], expect: ["fail"] },
    { name: "computed resources (the bucket's own ARN) count", resources: [bucket(), { ...policy(""), props: { bucket: UNKNOWN, policy: doc({ ...TLS, Resource: [UNKNOWN, UNKNOWN] }) } }], expect: ["pass"] },
    { name: "a computed policy is not verifiable", resources: [bucket(), policy(UNKNOWN)], expect: ["unknown"] },
    { name: "an unreadable policy is not verifiable and never echoed", resources: [bucket(), policy("{not json")], expect: ["unknown"], message: /cannot be read/ },
    { name: "the deprecated inline policy is read", resources: [bucket({ policy: JSON.stringify(doc(TLS)) })], expect: ["pass"] },
    { name: "a policy document object (not a string) is read", resources: [bucket(), { ...policy(""), props: { bucket: UNKNOWN, policy: doc(TLS) } }], expect: ["pass"] },
    { name: "requireVpcEndpoint: the TLS Deny alone fails", resources: [bucket(), policy(doc(TLS))], settings: { requireVpcEndpoint: true }, expect: ["pass", "fail"], message: /VPC endpoints/ },
    { name: "requireVpcEndpoint: TLS and a VPC-endpoint Deny pass", resources: [bucket(), policy(doc(TLS, VPCE))], settings: { requireVpcEndpoint: true }, expect: ["pass", "pass"] },
    { name: "allowedVpcEndpointIds: a listed endpoint passes", resources: [bucket(), policy(doc(TLS, VPCE))], settings: { allowedVpcEndpointIds: ["vpce-1"] }, expect: ["pass", "pass"] },
    { name: "allowedVpcEndpointIds: an unlisted endpoint fails", resources: [bucket(), policy(doc(TLS, VPCE))], settings: { allowedVpcEndpointIds: ["vpce-2"] }, expect: ["pass", "fail"] },
    {
        name: "allowedVpcEndpointIds: a computed endpoint id is not verifiable",
        resources: [bucket(), { ...policy(""), props: { bucket: UNKNOWN, policy: doc(TLS, { ...VPCE, Condition: { StringNotEquals: { "aws:SourceVpce": UNKNOWN } } }) } }],
        settings: { allowedVpcEndpointIds: ["vpce-1"] },
        expect: ["pass", "unknown"],
    },
    { name: "a policy resource without a document fails", resources: [bucket(), { type: types.s3BucketPolicy, name: "p", props: { bucket: UNKNOWN }, deps: { bucket: ["b"] } }], expect: ["fail"] },
    { name: "odd statement shapes do not throw", resources: [bucket(), policy({ Statement: [null, 3, "x", { Effect: "Deny", Condition: [] }] })], expect: ["unknown"] },
]);
