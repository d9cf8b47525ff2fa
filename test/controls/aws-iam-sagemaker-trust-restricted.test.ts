import control from "../../catalog/controls/aws-iam-sagemaker-trust-restricted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const role = (p: unknown) => [{ type: types.iamRole, name: "r", props: { assumeRolePolicy: p } }];
const sm = { Service: "sagemaker.amazonaws.com" };
const account = { StringEquals: { "aws:SourceAccount": "111122223333" } };

edgeCases(control, [
    { name: "SageMaker with aws:SourceAccount passes", resources: role(doc({ Effect: "Allow", Principal: sm, Action: "sts:AssumeRole", Condition: account })), expect: ["pass"] },
    { name: "no condition fails (confused deputy)", resources: role(doc({ Effect: "Allow", Principal: sm, Action: "sts:AssumeRole" })), expect: ["fail"], message: /aws:SourceAccount/ },
    { name: "Studio source identity and tags pass", resources: role(doc({ Effect: "Allow", Principal: sm, Action: ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"], Condition: account })), expect: ["pass"] },
    { name: "sts:* fails", resources: role(doc({ Effect: "Allow", Principal: sm, Action: "sts:*", Condition: account })), expect: ["fail"], message: /more than sts:AssumeRole/ },
    { name: "another principal next to SageMaker fails", resources: role(doc({ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com", AWS: "*" }, Action: "sts:AssumeRole", Condition: account })), expect: ["fail"] },
    { name: "a wildcard source account fails", resources: role(doc({ Effect: "Allow", Principal: sm, Action: "sts:AssumeRole", Condition: { StringLike: { "aws:SourceAccount": "*" } } })), expect: ["fail"] },
    { name: "a computed account id is present, which passes", resources: role({ Statement: [{ Effect: "Allow", Principal: sm, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": UNKNOWN } } }] }), expect: ["pass"] },
    { name: "a computed condition block is not verifiable", resources: role({ Statement: [{ Effect: "Allow", Principal: sm, Action: "sts:AssumeRole", Condition: UNKNOWN }] }), expect: ["unknown"] },
    { name: "a role SageMaker does not assume is not applicable", resources: role(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })), expect: ["not-applicable"] },
    { name: "a computed trust policy is not verifiable", resources: role(UNKNOWN), expect: ["unknown"] },
    { name: "service principal list form", resources: role(doc({ Effect: "Allow", Principal: { Service: ["sagemaker.amazonaws.com"] }, Action: ["sts:AssumeRole"] })), expect: ["fail"] },
]);
