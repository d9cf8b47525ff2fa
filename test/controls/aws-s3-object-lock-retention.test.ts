import control from "../../catalog/controls/aws-s3-object-lock-retention";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const bucket = (props: Record<string, unknown> = { objectLockEnabled: true }) => ({ type: types.s3Bucket, name: "b", props });
const lock = (rule: unknown, type = types.s3ObjectLockConfiguration) => ({
    type,
    name: "lock",
    props: { bucket: UNKNOWN, ...(rule === undefined ? {} : { rule }) },
    deps: { bucket: ["b"] },
});
const retention = (r: Record<string, unknown>) => ({ defaultRetention: r });

edgeCases(control, [
    { name: "COMPLIANCE for 30 days passes", resources: [bucket(), lock(retention({ mode: "COMPLIANCE", days: 30 }))], expect: ["pass"] },
    { name: "COMPLIANCE for 1 year passes", resources: [bucket(), lock(retention({ mode: "COMPLIANCE", years: 1 }))], expect: ["pass"] },
    { name: "no configuration fails: nothing is locked by default", resources: [bucket()], expect: ["fail"], message: /default retention/ },
    { name: "a configuration without a rule fails", resources: [bucket(), lock(undefined)], expect: ["fail"], message: /no default retention/ },
    { name: "GOVERNANCE fails by default", resources: [bucket(), lock(retention({ mode: "GOVERNANCE", days: 30 }))], expect: ["fail"], message: /COMPLIANCE/, evidence: "GOVERNANCE" },
    {
        name: "GOVERNANCE passes when allowed (non-production settings)",
        resources: [bucket(), lock(retention({ mode: "GOVERNANCE", days: 30 }))],
        settings: { allowedModes: ["COMPLIANCE", "GOVERNANCE"] },
        expect: ["pass"],
    },
    { name: "a period below the minimum fails at the period", resources: [bucket(), lock(retention({ mode: "COMPLIANCE", days: 7 }))], expect: ["fail"], message: /30 days/, evidence: 7 },
    { name: "minimumDays is an option", resources: [bucket(), lock(retention({ mode: "COMPLIANCE", days: 7 }))], settings: { minimumDays: 7 }, expect: ["pass"] },
    { name: "a retention without a period fails", resources: [bucket(), lock(retention({ mode: "COMPLIANCE" }))], expect: ["fail"] },
    { name: "a retention without a mode fails", resources: [bucket(), lock(retention({ days: 30 }))], expect: ["fail"] },
    { name: "a computed mode is not verifiable", resources: [bucket(), lock(retention({ mode: UNKNOWN, days: 30 }))], expect: ["unknown"] },
    { name: "a computed period is not verifiable", resources: [bucket(), lock(retention({ mode: "COMPLIANCE", days: UNKNOWN }))], expect: ["unknown"] },
    { name: "a computed rule is not verifiable", resources: [bucket(), lock(UNKNOWN)], expect: ["unknown"] },
    { name: "the V2 configuration is joined", resources: [bucket(), lock(retention({ mode: "COMPLIANCE", days: 30 }), types.s3ObjectLockConfigurationV2)], expect: ["pass"] },
    { name: "the legacy inline rule is read", resources: [bucket({ objectLockConfiguration: { objectLockEnabled: "Enabled", rule: retention({ mode: "COMPLIANCE", days: 90 }) } })], expect: ["pass"] },
    { name: "a string period is not a number and fails", resources: [bucket(), lock(retention({ mode: "COMPLIANCE", days: "30" }))], expect: ["fail"] },
]);
