import control from "../../catalog/controls/aws-vpc-endpoint-policy-restricted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const endpoint = (service: unknown, policy?: unknown) => ({
    type: types.ec2VpcEndpoint,
    name: "e",
    props: { vpcId: "vpc-1", serviceName: service, ...(policy === undefined ? {} : { policy: typeof policy === "string" || policy === UNKNOWN ? policy : JSON.stringify(policy) }) },
});
const S3 = "com.amazonaws.eu-west-1.s3";
const STS = "com.amazonaws.eu-west-1.sts";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const FULL = { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" };

edgeCases(control, [
    { name: "an S3 endpoint without a policy fails: full access by default", resources: [endpoint(S3)], expect: ["fail"], message: /full-access/ },
    { name: "an S3 endpoint with a full-access policy fails", resources: [endpoint(S3, doc(FULL))], expect: ["fail"], message: /every bucket/ },
    { name: "an S3 endpoint listing buckets passes", resources: [endpoint(S3, doc({ ...FULL, Action: "s3:*", Resource: ["arn:aws:s3:::ml-data/*"] }))], expect: ["pass"] },
    { name: "an S3 endpoint with s3:ResourceAccount passes", resources: [endpoint(S3, doc({ ...FULL, Resource: "arn:aws:s3:::*/*", Condition: { StringEquals: { "s3:ResourceAccount": "111122223333" } } }))], expect: ["pass"] },
    { name: "aws:ResourceOrgID passes", resources: [endpoint(S3, doc({ ...FULL, Condition: { StringEquals: { "aws:ResourceOrgID": "o-1" } } }))], expect: ["pass"] },
    { name: "a principal restriction alone does not confine S3 buckets", resources: [endpoint(S3, doc({ ...FULL, Principal: { AWS: "arn:aws:iam::111122223333:root" } }))], expect: ["fail"] },
    { name: "a negated resource condition does not confine", resources: [endpoint(S3, doc({ ...FULL, Condition: { StringNotEquals: { "s3:ResourceAccount": "1" } } }))], expect: ["fail"] },
    { name: "an interface endpoint without a policy passes by default (recommended only)", resources: [endpoint(STS)], expect: ["pass"] },
    { name: "requireForAllEndpoints: an interface endpoint without a policy fails", resources: [endpoint(STS)], settings: { requireForAllEndpoints: true }, expect: ["fail"] },
    { name: "an interface endpoint with full access fails", resources: [endpoint(STS, doc(FULL))], expect: ["fail"], message: /every principal/ },
    { name: "an interface endpoint confined to an account passes", resources: [endpoint(STS, doc({ ...FULL, Principal: { AWS: "arn:aws:iam::111122223333:root" } }))], expect: ["pass"] },
    { name: "an interface endpoint confined to the organisation passes", resources: [endpoint(STS, doc({ ...FULL, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }))], expect: ["pass"] },
    { name: "a computed policy is not verifiable", resources: [endpoint(S3, UNKNOWN)], expect: ["unknown"] },
    { name: "a computed service name is not verifiable", resources: [endpoint(UNKNOWN, doc(FULL))], expect: ["unknown"] },
    { name: "an unreadable policy is not verifiable", resources: [endpoint(S3, "{")], expect: ["unknown"] },
    {
        name: "a joined aws_vpc_endpoint_policy is read",
        resources: [endpoint(S3), { type: types.ec2VpcEndpointPolicy, name: "p", props: { vpcEndpointId: UNKNOWN, policy: JSON.stringify(doc({ ...FULL, Resource: "arn:aws:s3:::ml-data/*" })) }, deps: { vpcEndpointId: ["e"] } }],
        expect: ["pass"],
    },
    { name: "a Deny statement is not an open grant", resources: [endpoint(S3, doc({ ...FULL, Effect: "Deny" }, { ...FULL, Resource: "arn:aws:s3:::ml-data/*" }))], expect: ["pass"] },
]);
