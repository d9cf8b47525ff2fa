import control from "../../catalog/controls/aws-iam-trust-no-wildcard-principal";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const role = (p: unknown) => [{ type: types.iamRole, name: "r", props: { assumeRolePolicy: p } }];
const assume = (Principal: unknown, extra: Record<string, unknown> = {}) => doc({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...extra });

edgeCases(control, [
    { name: "a service principal passes", resources: role(assume({ Service: "sagemaker.amazonaws.com" })), expect: ["pass"] },
    { name: 'Principal "*" fails', resources: role(assume("*")), expect: ["fail"], message: /every AWS principal/ },
    { name: 'AWS "*" fails', resources: role(assume({ AWS: "*" })), expect: ["fail"] },
    { name: 'AWS ["*"] in an array fails', resources: role(assume({ AWS: ["arn:aws:iam::111122223333:role/x", "*"] })), expect: ["fail"] },
    { name: "AWS * pinned by aws:PrincipalOrgID passes", resources: role(assume({ AWS: "*" }, { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })), expect: ["pass"] },
    { name: "another account's root fails", resources: role(assume({ AWS: "arn:aws:iam::444455556666:root" })), expect: ["fail"], message: /444455556666/ },
    { name: "a bare account id is its root", resources: role(assume({ AWS: "444455556666" })), expect: ["fail"] },
    { name: "another account's root with sts:ExternalId passes", resources: role(assume({ AWS: "arn:aws:iam::444455556666:root" }, { Condition: { StringEquals: { "sts:ExternalId": "x" } } })), expect: ["pass"] },
    { name: "another account's root with MFA passes", resources: role(assume({ AWS: "arn:aws:iam::444455556666:root" }, { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })), expect: ["pass"] },
    { name: "a trusted account's root passes", resources: role(assume({ AWS: "arn:aws:iam::444455556666:root" })), settings: { trustedAccounts: ["444455556666"] }, expect: ["pass"] },
    { name: "a named role of another account passes", resources: role(assume({ AWS: "arn:aws:iam::444455556666:role/deployer" })), expect: ["pass"] },
    { name: "NotPrincipal with Allow fails", resources: role(doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/x" }, Action: "sts:AssumeRole" })), expect: ["fail"] },
    { name: "Deny * passes", resources: role(assume("*", { Effect: "Deny" })), expect: ["pass"] },
    { name: "a computed principal is not verifiable", resources: role({ Statement: [{ Effect: "Allow", Principal: { AWS: UNKNOWN }, Action: "sts:AssumeRole" }] }), expect: ["unknown"] },
    { name: "a computed trust policy is not verifiable", resources: role(UNKNOWN), expect: ["unknown"] },
]);
