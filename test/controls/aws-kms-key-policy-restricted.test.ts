import control from "../../catalog/controls/aws-kms-key-policy-restricted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const key = (props: Record<string, unknown>) => ({ type: types.kmsKey, name: "k", props });
const policyOf = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };
const PUBLIC = { Sid: "Public", Effect: "Allow", Principal: "*", Action: ["kms:Decrypt"], Resource: "*" };

edgeCases(control, [
    { name: "no policy passes: the default key policy is not public", resources: [key({})], expect: ["pass"] },
    { name: "the account root with kms:* passes", resources: [key({ policy: policyOf(ROOT) })], expect: ["pass"] },
    { name: 'Principal "*" without a condition fails', resources: [key({ policy: policyOf(ROOT, PUBLIC) })], expect: ["fail"], message: /Principal "\*"/ },
    { name: '{"AWS": "*"} without a condition fails', resources: [key({ policy: policyOf({ ...PUBLIC, Principal: { AWS: ["*"] } }) })], expect: ["fail"] },
    { name: "aws:PrincipalOrgID confines it", resources: [key({ policy: policyOf({ ...PUBLIC, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }) })], expect: ["pass"] },
    { name: "kms:CallerAccount confines it", resources: [key({ policy: policyOf({ ...PUBLIC, Condition: { StringEquals: { "kms:CallerAccount": "111122223333" } } }) })], expect: ["pass"] },
    { name: "kms:ViaService alone does not confine it", resources: [key({ policy: policyOf({ ...PUBLIC, Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } }) })], expect: ["fail"] },
    { name: "a negated condition does not confine it", resources: [key({ policy: policyOf({ ...PUBLIC, Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-1" } } }) })], expect: ["fail"] },
    { name: "a wildcard condition value does not confine it", resources: [key({ policy: policyOf({ ...PUBLIC, Condition: { StringLike: { "aws:PrincipalArn": "*" } } }) })], expect: ["fail"] },
    { name: 'a Deny with Principal "*" is fine', resources: [key({ policy: policyOf(ROOT, { ...PUBLIC, Effect: "Deny" }) })], expect: ["pass"] },
    { name: "kms:* for two accounts fails (one is foreign)", resources: [key({ policy: policyOf(ROOT, { ...ROOT, Sid: "Other", Principal: { AWS: "arn:aws:iam::444455556666:root" } }) })], expect: ["fail"], message: /more than one account/ },
    {
        name: "trustedAccountIds: kms:* for an unlisted account fails",
        resources: [key({ policy: policyOf({ ...ROOT, Principal: { AWS: "444455556666" } }) })],
        settings: { trustedAccountIds: ["111122223333"] },
        expect: ["fail"],
    },
    { name: "trustedAccountIds: kms:* for listed accounts passes", resources: [key({ policy: policyOf(ROOT) })], settings: { trustedAccountIds: ["111122223333"] }, expect: ["pass"] },
    { name: "a foreign account with use-only actions is not full access", resources: [key({ policy: policyOf(ROOT, { Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: ["kms:Decrypt"], Resource: "*" }) })], expect: ["pass"] },
    { name: "a computed policy is not verifiable", resources: [key({ policy: UNKNOWN })], expect: ["unknown"] },
    { name: "an unreadable policy is not verifiable", resources: [key({ policy: "{" })], expect: ["unknown"] },
    { name: "a 7-day deletion window fails", resources: [key({ deletionWindowInDays: 7 })], expect: ["fail"], message: /deletion window/, evidence: 7 },
    { name: "30 days passes; the minimum is an option", resources: [key({ deletionWindowInDays: 14 })], settings: { minimumDeletionWindowDays: 14 }, expect: ["pass"] },
    { name: "a computed deletion window is not verifiable", resources: [key({ deletionWindowInDays: UNKNOWN })], expect: ["unknown"] },
    { name: "bypassPolicyLockoutSafetyCheck fails", resources: [key({ bypassPolicyLockoutSafetyCheck: true })], expect: ["fail"], message: /lock/ },
    { name: "bypassPolicyLockoutSafetyCheck false passes", resources: [key({ bypassPolicyLockoutSafetyCheck: false })], expect: ["pass"] },
    {
        name: "an aws_kms_key_policy is checked too",
        resources: [{ type: types.kmsKeyPolicy, name: "p", props: { keyId: UNKNOWN, policy: policyOf(PUBLIC) } }],
        expect: ["fail"],
    },
    { name: "odd statement shapes do not throw", resources: [key({ policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: 7, Action: null }] }) })], expect: ["pass"] },
]);
