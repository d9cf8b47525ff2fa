import control from "../../catalog/controls/aws-iam-no-service-wildcard";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const policy = (p: unknown) => [{ type: types.iamPolicy, name: "p", props: { policy: p } }];

edgeCases(control, [
    { name: "specific actions pass", resources: policy(doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" })), expect: ["pass"] },
    { name: "s3:* fails", resources: policy(doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" })), expect: ["fail"], message: /s3:\*/ },
    { name: "a single-string Action in another case fails", resources: policy(doc({ Effect: "Allow", Action: "SageMaker:*", Resource: "*" })), expect: ["fail"], message: /sagemaker:\*/ },
    { name: "a wildcard in the middle of a name is not service-wide", resources: policy(doc({ Effect: "Allow", Action: "s3:*Object*", Resource: "*" })), expect: ["pass"] },
    { name: "a prefix wildcard is not service-wide", resources: policy(doc({ Effect: "Allow", Action: "s3:Get*", Resource: "*" })), expect: ["pass"] },
    { name: "Deny s3:* passes", resources: policy(doc({ Effect: "Deny", Action: "s3:*", Resource: "*" })), expect: ["pass"] },
    { name: "an allow-listed service passes", resources: policy(doc({ Effect: "Allow", Action: "logs:*", Resource: "*" })), settings: { allowedServices: ["LOGS"] }, expect: ["pass"] },
    { name: "an allow-list does not cover other services", resources: policy(doc({ Effect: "Allow", Action: ["logs:*", "kms:*"], Resource: "*" })), settings: { allowedServices: ["logs"] }, expect: ["fail"], message: /kms:\*/ },
    { name: "a computed action is not verifiable", resources: policy({ Statement: [{ Effect: "Allow", Action: [UNKNOWN], Resource: "*" }] }), expect: ["unknown"] },
    { name: "a computed document is not verifiable", resources: policy(UNKNOWN), expect: ["unknown"] },
    { name: "an odd Action shape does not crash", resources: policy(doc({ Effect: "Allow", Action: { nested: true }, Resource: "*" })), expect: ["unknown"] },
]);
