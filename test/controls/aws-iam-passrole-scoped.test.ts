import control from "../../catalog/controls/aws-iam-passrole-scoped";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const policy = (p: unknown) => [{ type: types.iamPolicy, name: "p", props: { policy: p } }];
const role = "arn:aws:iam::111122223333:role/sagemaker-exec";

edgeCases(control, [
    { name: "PassRole on one role passes", resources: policy(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: role })), expect: ["pass"] },
    { name: "PassRole on * fails", resources: policy(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" })), expect: ["fail"], message: /every role/ },
    { name: "iam:Pass* on * fails", resources: policy(doc({ Effect: "Allow", Action: "iam:Pass*", Resource: "*" })), expect: ["fail"] },
    { name: "iam:* on * fails", resources: policy(doc({ Effect: "Allow", Action: ["iam:*"], Resource: ["*"] })), expect: ["fail"] },
    { name: "* on * fails", resources: policy(doc({ Effect: "Allow", Action: "*", Resource: "*" })), expect: ["fail"] },
    { name: "case-insensitive action match", resources: policy(doc({ Effect: "Allow", Action: "IAM:passrole", Resource: "*" })), expect: ["fail"] },
    { name: "a role/* pattern is every role", resources: policy(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/*" })), expect: ["fail"] },
    { name: "a role path prefix is scoped", resources: policy(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/ml/*" })), expect: ["pass"] },
    { name: "NotResource with PassRole fails", resources: policy(doc({ Effect: "Allow", Action: "iam:PassRole", NotResource: role })), expect: ["fail"] },
    { name: "NotAction not covering PassRole grants it on *", resources: policy(doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" })), expect: ["fail"] },
    { name: "NotAction covering iam:* does not grant PassRole", resources: policy(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })), expect: ["pass"] },
    { name: "Deny PassRole on * passes", resources: policy(doc({ Effect: "Deny", Action: "iam:PassRole", Resource: "*" })), expect: ["pass"] },
    { name: "unrelated actions on * pass", resources: policy(doc({ Effect: "Allow", Action: ["s3:GetObject", "iam:GetRole"], Resource: "*" })), expect: ["pass"] },
    { name: "a computed resource with PassRole is not verifiable", resources: policy({ Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: [UNKNOWN] }] }), expect: ["unknown"] },
    { name: "a computed action on * is not verifiable", resources: policy({ Statement: [{ Effect: "Allow", Action: UNKNOWN, Resource: "*" }] }), expect: ["unknown"] },
    { name: "a computed document is not verifiable", resources: policy(UNKNOWN), expect: ["unknown"] },
    { name: "an unknown Effect on PassRole * is not verifiable", resources: policy({ Statement: [{ Effect: UNKNOWN, Action: "iam:PassRole", Resource: "*" }] }), expect: ["unknown"] },
]);
