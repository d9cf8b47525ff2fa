import control from "../../catalog/controls/aws-sagemaker-domain-kms-encrypted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const domain = (props: Record<string, unknown>) => [{ type: types.sagemakerDomain, name: "d", props: { domainName: "d", authMode: "SSO", ...props } }];

edgeCases(control, [
    { name: "a key ARN passes", resources: domain({ kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/abc" }), expect: ["pass"] },
    { name: "a computed key passes (from a key resource)", resources: domain({ kmsKeyId: UNKNOWN }), expect: ["pass"] },
    { name: "absent fails", resources: domain({}), expect: ["fail"], message: /AWS-managed/ },
    { name: "an AWS-managed alias fails", resources: domain({ kmsKeyId: "alias/aws/elasticfilesystem" }), expect: ["fail"] },
    { name: "an AWS-managed alias ARN fails", resources: domain({ kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/elasticfilesystem" }), expect: ["fail"] },
    { name: "an empty string fails", resources: domain({ kmsKeyId: "" }), expect: ["fail"] },
    { name: "a list fails without throwing", resources: domain({ kmsKeyId: ["a"] }), expect: ["fail"] },
]);
