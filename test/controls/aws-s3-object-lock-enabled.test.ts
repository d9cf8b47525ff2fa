import control from "../../catalog/controls/aws-s3-object-lock-enabled";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const bucket = (props: Record<string, unknown>, type = types.s3Bucket) => ({ type, name: "b", props });
const lock = (props: Record<string, unknown>, type = types.s3ObjectLockConfiguration) => ({
    type,
    name: "lock",
    props: { bucket: UNKNOWN, ...props },
    deps: { bucket: ["b"] },
});

edgeCases(control, [
    { name: "objectLockEnabled true passes", resources: [bucket({ objectLockEnabled: true })], expect: ["pass"] },
    { name: "absent fails: Object Lock is off by default", resources: [bucket({})], expect: ["fail"], message: /not enabled/ },
    { name: "objectLockEnabled false fails", resources: [bucket({ objectLockEnabled: false })], expect: ["fail"] },
    { name: "a joined lock configuration passes", resources: [bucket({}), lock({ objectLockEnabled: "Enabled" })], expect: ["pass"] },
    { name: "a joined configuration without objectLockEnabled passes (default Enabled)", resources: [bucket({}), lock({})], expect: ["pass"] },
    { name: "the deprecated V2 configuration is joined too", resources: [bucket({}), lock({}, types.s3ObjectLockConfigurationV2)], expect: ["pass"] },
    { name: "the deprecated V2 bucket is checked", resources: [bucket({}, types.s3BucketV2)], expect: ["fail"] },
    { name: "a configuration for another bucket does not count", resources: [bucket({}), { type: types.s3Bucket, name: "other", props: {} }, { ...lock({}), deps: { bucket: ["other"] } }], expect: ["fail", "pass"] },
    {
        name: "a configuration naming the bucket by literal name is joined",
        resources: [bucket({ bucket: "ml-data" }), { type: types.s3ObjectLockConfiguration, name: "lock", props: { bucket: "ml-data" } }],
        expect: ["pass"],
    },
    { name: "the legacy inline block passes", resources: [bucket({ objectLockConfiguration: { objectLockEnabled: "Enabled" } })], expect: ["pass"] },
    { name: "computed objectLockEnabled is not verifiable", resources: [bucket({ objectLockEnabled: UNKNOWN })], expect: ["unknown"] },
    { name: "forceDestroy on a locked bucket fails", resources: [bucket({ objectLockEnabled: true, forceDestroy: true })], expect: ["pass", "fail"], message: /forceDestroy/ },
    { name: "a string 'true' is not a boolean and fails", resources: [bucket({ objectLockEnabled: "true" })], expect: ["fail"] },
    { name: "scope tagged: an untagged bucket is not applicable", resources: [bucket({})], settings: { scope: "tagged", scopeTag: "ml-data-class" }, expect: ["not-applicable"] },
    { name: "scope tagged: a tagged bucket is checked", resources: [bucket({ tags: { "ml-data-class": "training-data" } })], settings: { scope: "tagged", scopeTag: "ml-data-class" }, expect: ["fail"] },
]);
