import control from "../../catalog/controls/aws-s3-versioning-enabled";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const bucket = (props: Record<string, unknown> = {}, type = types.s3Bucket) => ({ type, name: "b", props });
const versioning = (status: unknown, type = types.s3BucketVersioning) => ({
    type,
    name: "v",
    props: { bucket: UNKNOWN, ...(status === undefined ? {} : { versioningConfiguration: { status } }) },
    deps: { bucket: ["b"] },
});

edgeCases(control, [
    { name: "a joined Enabled configuration passes", resources: [bucket(), versioning("Enabled")], expect: ["pass"] },
    { name: "absent fails: new buckets are unversioned", resources: [bucket()], expect: ["fail"], message: /not enabled/ },
    { name: "Suspended fails at the status attribute", resources: [bucket(), versioning("Suspended")], expect: ["fail"], message: /Enabled/, evidence: "Suspended" },
    { name: "a configuration without a status fails", resources: [bucket(), versioning(undefined)], expect: ["fail"] },
    { name: "the V2 tokens are joined", resources: [bucket({}, types.s3BucketV2), versioning("Enabled", types.s3BucketVersioningV2)], expect: ["pass"] },
    { name: "a computed status is not verifiable", resources: [bucket(), versioning(UNKNOWN)], expect: ["unknown"] },
    { name: "Object Lock at creation implies versioning", resources: [bucket({ objectLockEnabled: true })], expect: ["pass"], message: /Object Lock/ },
    { name: "Object Lock does not excuse an explicit Suspended", resources: [bucket({ objectLockEnabled: true }), versioning("Suspended")], expect: ["fail"] },
    { name: "a computed objectLockEnabled without a configuration is not verifiable", resources: [bucket({ objectLockEnabled: UNKNOWN })], expect: ["unknown"] },
    { name: "the inline versioning block passes", resources: [bucket({ versioning: { enabled: true } })], expect: ["pass"] },
    { name: "the inline versioning block disabled fails", resources: [bucket({ versioning: { enabled: false } })], expect: ["fail"] },
    { name: "a configuration naming the bucket literally is joined", resources: [bucket({ bucket: "ml-data" }), { type: types.s3BucketVersioning, name: "v", props: { bucket: "ml-data", versioningConfiguration: { status: "Enabled" } } }], expect: ["pass"] },
    { name: "a configuration of another bucket does not count", resources: [bucket(), { type: types.s3Bucket, name: "other", props: {} }, { ...versioning("Enabled"), deps: { bucket: ["other"] } }], expect: ["fail", "pass"] },
    { name: "odd shapes fail without throwing", resources: [bucket({ versioning: "yes" }), { type: types.s3BucketVersioning, name: "v", props: { bucket: UNKNOWN, versioningConfiguration: [1, 2] }, deps: { bucket: ["b"] } }], expect: ["fail"] },
]);
