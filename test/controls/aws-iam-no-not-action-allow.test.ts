import control from "../../catalog/controls/aws-iam-no-not-action-allow";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const policy = (p: unknown) => [{ type: types.iamPolicy, name: "p", props: { policy: p } }];

edgeCases(control, [
    { name: "Action lists pass", resources: policy(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })), expect: ["pass"] },
    { name: "Allow NotAction fails", resources: policy(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })), expect: ["fail"], message: /NotAction/ },
    {
        name: "Allow NotAction says what it grants, expanded against the catalogue",
        resources: policy(doc({ Effect: "Allow", NotAction: ["iam:*", "S3:*Object*"], Resource: "*" })),
        expect: ["fail"],
        message: /grants everything not listed \(\d+ of the \d+ actions of the AWS catalogue @cloud-copilot\/iam-data, in \d+ services, including sts:AssumeRole, kms:Decrypt, sagemaker:CreateTrainingJob\)/,
    },
    {
        name: "NotAction names outside the catalogue exclude nothing known, and are said",
        resources: policy(doc({ Effect: "Allow", NotAction: ["brandnewservice:*", "iam:PassRoles"], Resource: "*" })),
        expect: ["fail"],
        message: /including iam:PassRole.*brandnewservice:\*, iam:PassRoles are not in the catalogue/,
    },
    { name: "Allow NotAction * grants no action", resources: policy(doc({ Effect: "Allow", NotAction: "*", Resource: "*" })), expect: ["pass"] },
    { name: "Allow NotAction with a computed entry still fails on what it grants", resources: policy({ Statement: [{ Effect: "Allow", NotAction: ["iam:*", UNKNOWN], Resource: "*" }] }), expect: ["fail"], message: /before its computed entries/ },
    { name: "Allow NotResource fails", resources: policy(doc({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::audit/*" })), expect: ["fail"], message: /NotResource/ },
    { name: "Deny NotAction passes (a guardrail)", resources: policy(doc({ Effect: "Deny", NotAction: "s3:*", Resource: "*" })), expect: ["pass"] },
    { name: "absent Effect means Allow", resources: policy(doc({ NotAction: ["s3:GetObject"], Resource: "*" })), expect: ["fail"] },
    { name: "object document with a single Statement object", resources: policy({ Version: "2012-10-17", Statement: { Effect: "Allow", NotAction: "iam:*", Resource: "*" } }), expect: ["fail"] },
    { name: "keys in other cases are read", resources: policy(doc({ effect: "Allow", notaction: "iam:*", resource: "*" })), expect: ["fail"] },
    { name: "a computed Effect with NotAction is not verifiable", resources: policy({ Statement: [{ Effect: UNKNOWN, NotAction: "iam:*", Resource: "*" }] }), expect: ["unknown"] },
    { name: "a computed document is not verifiable", resources: policy(UNKNOWN), expect: ["unknown"] },
    { name: "invalid JSON is not verifiable and does not crash", resources: policy("{not json"), expect: ["unknown"] },
    {
        name: "bucket policies are judged",
        resources: [{ type: types.s3BucketPolicy, name: "b", props: { bucket: "b", policy: doc({ Effect: "Allow", Principal: "*", NotAction: "s3:DeleteObject", Resource: "*" }) } }],
        expect: ["fail"],
    },
    {
        name: "SSO permission set inline policies are judged",
        resources: [{ type: types.ssoadminPermissionSetInlinePolicy, name: "ps", props: { instanceArn: "i", permissionSetArn: "p", inlinePolicy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) } }],
        expect: ["fail"],
    },
    {
        name: "a role's trust policy and inline policies are both judged",
        resources: [
            {
                type: types.iamRole,
                name: "r",
                props: {
                    assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }),
                    inlinePolicies: [{ name: "x", policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }],
                },
            },
        ],
        expect: ["fail", "pass"],
    },
]);
