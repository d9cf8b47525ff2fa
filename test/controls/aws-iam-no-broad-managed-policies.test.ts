import control from "../../catalog/controls/aws-iam-no-broad-managed-policies";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const smTrust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const lambdaTrust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const attach = (policyArn: unknown, role = "exec") => ({ type: types.iamRolePolicyAttachment, name: "a", props: { role, policyArn } });
const role = (name: string, trust: string) => ({ type: types.iamRole, name, props: { name, assumeRolePolicy: trust } });

edgeCases(control, [
    { name: "a scoped managed policy passes", resources: [attach("arn:aws:iam::aws:policy/ReadOnlyAccess")], expect: ["pass"] },
    { name: "AdministratorAccess fails", resources: [attach("arn:aws:iam::aws:policy/AdministratorAccess")], expect: ["fail"], message: /AdministratorAccess/ },
    { name: "another partition is matched", resources: [attach("arn:aws-us-gov:iam::aws:policy/IAMFullAccess")], expect: ["fail"] },
    { name: "a path in the ARN is matched", resources: [attach("arn:aws:iam::aws:policy/job-function/PowerUserAccess")], expect: ["fail"] },
    { name: "a customer policy with the same name is not AWS managed", resources: [attach("arn:aws:iam::111122223333:policy/AdministratorAccess")], expect: ["pass"] },
    {
        name: "AmazonSageMakerFullAccess on a SageMaker execution role fails",
        resources: [role("exec", smTrust), attach("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")],
        expect: ["not-applicable", "fail"],
    },
    {
        name: "AmazonS3FullAccess on a non-SageMaker role passes",
        resources: [role("fn", lambdaTrust), attach("arn:aws:iam::aws:policy/AmazonS3FullAccess", "fn")],
        expect: ["not-applicable", "pass"],
    },
    {
        name: "managedPolicyArns on the role are judged",
        resources: [{ type: types.iamRole, name: "r", props: { assumeRolePolicy: smTrust, managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] } }],
        expect: ["fail"],
    },
    {
        name: "exclusive attachments are judged item by item",
        resources: [{ type: types.iamRolePolicyAttachmentsExclusive, name: "x", props: { roleName: "exec", policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"] } }],
        expect: ["fail"],
    },
    {
        name: "policy attachments to users and groups are judged",
        resources: [{ type: types.iamPolicyAttachment, name: "pa", props: { users: ["alice"], groups: ["ml"], policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" } }],
        expect: ["fail"],
    },
    { name: "user attachments are judged", resources: [{ type: types.iamUserPolicyAttachment, name: "u", props: { user: "alice", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" } }], expect: ["fail"] },
    { name: "a computed ARN is not verifiable", resources: [attach(UNKNOWN)], expect: ["unknown"] },
    { name: "an options deny list replaces the default", resources: [attach("arn:aws:iam::aws:policy/AdministratorAccess")], settings: { denied: ["ReadOnlyAccess"] }, expect: ["pass"] },
]);
