import control from "../../catalog/controls/aws-sagemaker-studio-sharing-restricted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const ROLE = "arn:aws:iam::1:role/r";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/abc";
const domain = (sharingSettings: unknown) => [{ type: types.sagemakerDomain, name: "d", props: { domainName: "d", authMode: "SSO", defaultUserSettings: { executionRole: ROLE, sharingSettings } } }];
const profile = (sharingSettings: unknown) => [{ type: types.sagemakerUserProfile, name: "p", props: { domainId: "d-1", userProfileName: "p", userSettings: { executionRole: ROLE, sharingSettings } } }];

edgeCases(control, [
    { name: "Disabled passes", resources: domain({ notebookOutputOption: "Disabled" }), expect: ["pass"] },
    { name: "absent passes: the default is Disabled", resources: domain(undefined), expect: ["pass"] },
    { name: "Allowed with a key and a path passes", resources: domain({ notebookOutputOption: "Allowed", s3KmsKeyId: KEY, s3OutputPath: "s3://b/p" }), expect: ["pass"] },
    { name: "Allowed without a key fails", resources: domain({ notebookOutputOption: "Allowed", s3OutputPath: "s3://b/p" }), expect: ["fail"] },
    { name: "Allowed without a path fails", resources: domain({ notebookOutputOption: "Allowed", s3KmsKeyId: KEY }), expect: ["pass", "fail"] },
    { name: "Allowed with an AWS-managed key fails", resources: domain({ notebookOutputOption: "Allowed", s3KmsKeyId: "alias/aws/s3", s3OutputPath: "s3://b/p" }), expect: ["fail"] },
    { name: "a computed option is not verifiable", resources: domain({ notebookOutputOption: UNKNOWN }), expect: ["unknown"] },
    { name: "an odd option fails", resources: domain({ notebookOutputOption: "Sometimes" }), expect: ["fail"] },
    { name: "a profile that sets nothing keeps the domain's setting", resources: profile(undefined), expect: ["pass"] },
    { name: "a profile overriding to Allowed without a key fails (judged on what it sets)", resources: profile({ notebookOutputOption: "Allowed", s3OutputPath: "s3://b/p" }), expect: ["fail"] },
    { name: "a profile overriding to Disabled passes", resources: profile({ notebookOutputOption: "Disabled" }), expect: ["pass"] },
]);
