import control from "../../catalog/controls/aws-iam-no-admin-wildcard";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const policy = (p: unknown) => [{ type: types.iamPolicy, name: "p", props: { policy: p } }];

edgeCases(control, [
    { name: "scoped actions pass", resources: policy(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })), expect: ["pass"] },
    { name: '"*" on "*" fails', resources: policy(doc({ Effect: "Allow", Action: "*", Resource: "*" })), expect: ["fail"], message: /every action/ },
    { name: '"*:*" in a list fails', resources: policy(doc({ Effect: "Allow", Action: ["s3:GetObject", "*:*"], Resource: ["*"] })), expect: ["fail"] },
    { name: "Effect absent means Allow and fails", resources: policy(doc({ Action: "*", Resource: "*" })), expect: ["fail"] },
    { name: '"*" on one bucket passes this control', resources: policy(doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" })), expect: ["pass"] },
    { name: 'Deny "*" passes', resources: policy(doc({ Effect: "Deny", Action: "*", Resource: "*" })), expect: ["pass"] },
    { name: "a single statement object (not a list) is read", resources: policy(JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } })), expect: ["fail"] },
    { name: "an object document (Pulumi PolicyDocument) is read", resources: policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }), expect: ["fail"] },
    { name: "the statement sid names the finding", resources: policy(doc({ Sid: "God", Effect: "Allow", Action: "*", Resource: "*" })), expect: ["fail"], message: /"God"/ },
    { name: "a computed document is not verifiable", resources: policy(UNKNOWN), expect: ["unknown"] },
    { name: "a computed action with resource * is not verifiable", resources: policy({ Statement: [{ Effect: "Allow", Action: [UNKNOWN], Resource: "*" }] }), expect: ["unknown"] },
    { name: "a computed action with a scoped resource passes", resources: policy({ Statement: [{ Effect: "Allow", Action: [UNKNOWN], Resource: "arn:aws:s3:::b" }] }), expect: ["pass"] },
    { name: "invalid JSON is reported, never thrown", resources: policy("{not json"), expect: ["unknown"], message: /not valid JSON/ },
    { name: "a JSON array is not a policy", resources: policy("[1,2]"), expect: ["unknown"] },
    { name: "no Statement passes", resources: policy(JSON.stringify({ Version: "2012-10-17" })), expect: ["pass"] },
    { name: "a policy resource without a document is not applicable", resources: [{ type: types.iamPolicy, name: "p", props: {} }], expect: ["not-applicable"] },
    {
        name: "each role inline policy is judged",
        resources: [
            {
                type: types.iamRole,
                name: "r",
                props: {
                    inlinePolicies: [
                        { name: "ok", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) },
                        { name: "admin", policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) },
                    ],
                },
            },
        ],
        expect: ["pass", "fail"],
        message: /inlinePolicies\.1\.policy/,
    },
    { name: "a role without inline policies is not applicable", resources: [{ type: types.iamRole, name: "r", props: { assumeRolePolicy: doc() } }], expect: ["not-applicable"] },
    { name: "role policies are checked", resources: [{ type: types.iamRolePolicy, name: "rp", props: { role: "r", policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } }], expect: ["fail"] },
]);
