import control from "../../catalog/controls/gcp-gcs-retention-locked";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const LOCKED = { retentionPeriod: "2592000", isLocked: true };

const bucket = (props: Record<string, unknown>) => [
    { type: types.storageBucket, name: "bucket", props: { location: "US-CENTRAL1", retentionPolicy: LOCKED, ...props } },
];
const policy = (props: Record<string, unknown>) => bucket({ retentionPolicy: { ...LOCKED, ...props } });

edgeCases(control, [
    { name: "a locked 30-day policy passes", resources: bucket({}), expect: ["pass"] },
    { name: "a locked one-year policy passes", resources: policy({ retentionPeriod: "31536000" }), expect: ["pass"] },
    { name: "absent retention policy fails: objects can be deleted", resources: bucket({ retentionPolicy: undefined }), expect: ["fail"], message: /no retention policy/ },
    { name: "null retention policy is absent and fails", resources: bucket({ retentionPolicy: null }), expect: ["fail"] },
    {
        name: "Object Retention Lock alone fails: no bucket-wide default",
        resources: bucket({ retentionPolicy: undefined, enableObjectRetention: true }),
        expect: ["fail"],
        message: /Object Retention Lock/,
    },
    { name: "Object Retention Lock next to a locked policy passes", resources: bucket({ enableObjectRetention: true }), expect: ["pass"] },
    { name: "an unlocked policy fails", resources: policy({ isLocked: false }), expect: ["fail"], message: /isLocked/ },
    { name: "absent isLocked fails: the default is unlocked", resources: policy({ isLocked: undefined }), expect: ["fail"], message: /default false/ },
    { name: 'isLocked "true" as a string passes', resources: policy({ isLocked: "true" }), expect: ["pass"] },
    { name: "isLocked 1 fails without throwing", resources: policy({ isLocked: 1 }), expect: ["fail"] },
    { name: "computed isLocked is not verifiable yet", resources: policy({ isLocked: UNKNOWN }), expect: ["unknown"] },
    { name: "a period below 30 days fails", resources: policy({ retentionPeriod: "86400" }), expect: ["fail"], message: /86400 seconds/ },
    { name: "one second below the minimum fails", resources: policy({ retentionPeriod: "2591999" }), expect: ["fail"] },
    { name: "a short unlocked policy reports both problems", resources: policy({ retentionPeriod: "60", isLocked: false }), expect: ["fail", "fail"] },
    { name: "a number period (older providers) is accepted", resources: policy({ retentionPeriod: 2592000 }), expect: ["pass"] },
    { name: "a period with an s suffix is read as seconds", resources: policy({ retentionPeriod: "2592000s" }), expect: ["pass"] },
    { name: "a non-numeric period fails without throwing", resources: policy({ retentionPeriod: "30 days" }), expect: ["fail"], message: /not a number/ },
    { name: "a negative period fails", resources: policy({ retentionPeriod: "-2592000" }), expect: ["fail"] },
    { name: "an object period fails without throwing", resources: policy({ retentionPeriod: { seconds: 2592000 } }), expect: ["fail"] },
    { name: "absent period fails", resources: policy({ retentionPeriod: undefined }), expect: ["fail"] },
    { name: "computed period is not verifiable yet", resources: policy({ retentionPeriod: UNKNOWN }), expect: ["unknown"] },
    { name: "computed period with a missing lock fails and is undecided", resources: policy({ retentionPeriod: UNKNOWN, isLocked: undefined }), expect: ["unknown", "fail"] },
    { name: "a computed retention policy is not verifiable yet", resources: bucket({ retentionPolicy: UNKNOWN }), expect: ["unknown"] },
    { name: "a retention policy that is a string fails without throwing", resources: bucket({ retentionPolicy: "locked" }), expect: ["fail", "fail"] },
    { name: "a one-element list (Terraform block shape) reads like an object", resources: bucket({ retentionPolicy: [LOCKED] }), expect: ["pass"] },
    { name: "option: minRetentionDays 365 fails a 30-day policy", resources: bucket({}), settings: { minRetentionDays: 365 }, expect: ["fail"], message: /365 days/ },
    { name: "option: minRetentionDays 1 accepts one day", resources: policy({ retentionPeriod: "86400" }), settings: { minRetentionDays: 1 }, expect: ["pass"] },
    { name: "option: requireLock false accepts an unlocked policy", resources: policy({ isLocked: false }), settings: { requireLock: false }, expect: ["pass"] },
    { name: "option: requireLock false still needs a policy", resources: bucket({ retentionPolicy: undefined }), settings: { requireLock: false }, expect: ["fail"] },
    { name: "option: requireLock false still needs the minimum period", resources: policy({ retentionPeriod: "60", isLocked: false }), settings: { requireLock: false }, expect: ["fail"] },
    { name: "auto scope: in an ML stack, a bucket no ML resource uses and without the label is not applicable", resources: [...bucket({ retentionPolicy: undefined }), { type: types.vertexIndex, name: "ml", props: { displayName: "ml", region: "us-central1" } }], settings: { scopeLabel: "ml-data-class" }, expect: ["not-applicable"] },
    {
        name: "option: scopeLabel checks buckets with the label",
        resources: bucket({ retentionPolicy: undefined, labels: { "ml-data-class": "training" } }),
        settings: { scopeLabel: "ml-data-class" },
        expect: ["fail"],
    },
    {
        name: "option: scopeLabel checks buckets whose labels are computed",
        resources: bucket({ retentionPolicy: undefined, labels: UNKNOWN }),
        settings: { scopeLabel: "ml-data-class" },
        expect: ["fail"],
    },
    {
        name: "an exemption with a reason still evaluates but marks the finding",
        resources: bucket({ retentionPolicy: undefined }),
        settings: { exemptions: [{ resource: "bucket", reason: "scratch bucket for checkpoints" }] },
        expect: ["fail"],
    },
]);
