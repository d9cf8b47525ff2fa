import control from "../../catalog/controls/aws-s3-public-access-blocked";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const bucket = (props: Record<string, unknown> = {}) => ({ type: types.s3Bucket, name: "b", props });
const ALL = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const pab = (flags: Record<string, unknown>) => ({ type: types.s3PublicAccessBlock, name: "pab", props: { bucket: UNKNOWN, ...flags }, deps: { bucket: ["b"] } });
const account = (flags: Record<string, unknown>) => ({ type: types.s3AccountPublicAccessBlock, name: "account", props: flags });
const ownership = (objectOwnership: unknown) => ({ type: types.s3OwnershipControls, name: "own", props: { bucket: UNKNOWN, rule: { objectOwnership } }, deps: { bucket: ["b"] } });
const acl = (props: Record<string, unknown>) => ({ type: types.s3BucketAcl, name: "acl", props: { bucket: UNKNOWN, ...props }, deps: { bucket: ["b"] } });

edgeCases(control, [
    { name: "all four flags and BucketOwnerEnforced pass", resources: [bucket(), pab(ALL), ownership("BucketOwnerEnforced")], expect: ["pass"] },
    { name: "all four flags pass without ownership controls (ACLs disabled by default)", resources: [bucket(), pab(ALL)], expect: ["pass"] },
    { name: "no block fails: the flags default to false", resources: [bucket()], expect: ["fail"], message: /No public access block/ },
    { name: "each flag false fails at the flag", resources: [bucket(), pab({ ...ALL, blockPublicPolicy: false })], expect: ["fail"], message: /blockPublicPolicy/, evidence: false },
    { name: "each absent flag fails", resources: [bucket(), pab({ blockPublicAcls: true })], expect: ["fail", "fail", "fail"] },
    { name: "a computed flag is not verifiable", resources: [bucket(), pab({ ...ALL, ignorePublicAcls: UNKNOWN })], expect: ["unknown"] },
    { name: "an account-level block with all flags covers every bucket", resources: [account(ALL), bucket()], expect: ["pass"], message: /account/ },
    { name: "an account-level block missing a flag does not", resources: [account({ ...ALL, restrictPublicBuckets: false }), bucket()], expect: ["fail"] },
    { name: "an account-level block with a computed flag is not verifiable", resources: [account({ ...ALL, blockPublicAcls: UNKNOWN }), bucket()], expect: ["unknown"] },
    { name: "ObjectWriter ownership fails: ACLs stay enabled", resources: [bucket(), pab(ALL), ownership("ObjectWriter")], expect: ["fail"], message: /BucketOwnerEnforced/ },
    { name: "computed ownership is not verifiable", resources: [bucket(), pab(ALL), ownership(UNKNOWN)], expect: ["unknown"] },
    { name: "a public-read ACL fails even with the block on", resources: [bucket(), pab(ALL), acl({ acl: "public-read" })], expect: ["fail"], message: /public/ },
    { name: "a private ACL passes", resources: [bucket(), pab(ALL), acl({ acl: "private" })], expect: ["pass"] },
    {
        name: "a grant to AllUsers fails",
        resources: [bucket(), pab(ALL), acl({ accessControlPolicy: { grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }], owner: { id: "o" } } })],
        expect: ["fail"],
    },
    { name: "an inline public canned ACL fails", resources: [bucket({ acl: "public-read-write" }), pab(ALL)], expect: ["fail"] },
    { name: "an inline grant to AuthenticatedUsers fails", resources: [bucket({ grants: [{ type: "Group", uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", permissions: ["READ"] }] }), pab(ALL)], expect: ["fail"] },
    { name: "a computed ACL is not verifiable", resources: [bucket(), pab(ALL), acl({ acl: UNKNOWN })], expect: ["unknown"] },
    { name: "a block naming the bucket literally is joined", resources: [bucket({ bucket: "ml-data" }), { type: types.s3PublicAccessBlock, name: "pab", props: { bucket: "ml-data", ...ALL } }], expect: ["pass"] },
    { name: "string booleans are accepted", resources: [bucket(), pab({ blockPublicAcls: "true", blockPublicPolicy: "true", ignorePublicAcls: "true", restrictPublicBuckets: "true" })], expect: ["pass"] },
]);
