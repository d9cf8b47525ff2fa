import control from "../../catalog/controls/aws-iam-no-kms-decrypt-all-keys";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const policy = (p: unknown) => [{ type: types.iamPolicy, name: "p", props: { policy: p } }];
const key = "arn:aws:kms:eu-west-1:111122223333:key/k";

edgeCases(control, [
    { name: "decrypt on one key passes", resources: policy(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: key })), expect: ["pass"] },
    { name: "decrypt on * fails", resources: policy(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" })), expect: ["fail"], message: /every key/ },
    { name: "ReEncryptFrom on * fails", resources: policy(doc({ Effect: "Allow", Action: ["kms:ReEncryptFrom"], Resource: ["*"] })), expect: ["fail"] },
    { name: "kms:* on * fails", resources: policy(doc({ Effect: "Allow", Action: "kms:*", Resource: "*" })), expect: ["fail"] },
    { name: "kms:Re* on * fails (wildcard in a name)", resources: policy(doc({ Effect: "Allow", Action: "kms:Re*", Resource: "*" })), expect: ["fail"] },
    { name: "case-insensitive action match", resources: policy(doc({ Effect: "Allow", Action: "KMS:decrypt", Resource: "*" })), expect: ["fail"] },
    { name: "NotAction not covering kms grants decrypt on *", resources: policy(doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" })), expect: ["fail"] },
    { name: "kms:ViaService condition passes", resources: policy(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } })), expect: ["pass"] },
    { name: "kms:CallerAccount condition passes (key case-insensitive)", resources: policy(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "KMS:CallerAccount": "111122223333" } } })), expect: ["pass"] },
    { name: "an unrelated condition does not help", resources: policy(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } })), expect: ["fail"] },
    { name: "encrypt only passes", resources: policy(doc({ Effect: "Allow", Action: "kms:Encrypt", Resource: "*" })), expect: ["pass"] },
    { name: "a computed resource is not verifiable", resources: policy({ Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: UNKNOWN }] }), expect: ["unknown"] },
    { name: "a computed condition is not verifiable", resources: policy({ Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: UNKNOWN }] }), expect: ["unknown"] },
]);
