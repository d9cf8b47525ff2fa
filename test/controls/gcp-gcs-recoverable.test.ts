import control from "../../catalog/controls/gcp-gcs-recoverable";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const bucket = (props: Record<string, unknown>) => [
    { type: types.storageBucket, name: "b", props: { name: "ml-data", location: "US", versioning: { enabled: true }, ...props } },
];
const LOCKED = { retentionPeriod: "2592000", isLocked: true };

edgeCases(control, [
    { name: "versioning on passes", resources: bucket({}), expect: ["pass"] },
    { name: "a locked retention policy stands in for versioning", resources: bucket({ versioning: undefined, retentionPolicy: LOCKED }), expect: ["pass"] },
    { name: "an unlocked retention policy stands in too (GCS does not combine it with versioning)", resources: bucket({ versioning: undefined, retentionPolicy: { ...LOCKED, isLocked: false } }), expect: ["pass"] },
    { name: "a retention policy block without a period does not", resources: bucket({ versioning: undefined, retentionPolicy: { isLocked: true } }), expect: ["fail"], message: /versioning/ },
    { name: "no versioning fails (default off)", resources: bucket({ versioning: undefined }), expect: ["fail"], message: /default false/ },
    { name: "versioning off fails", resources: bucket({ versioning: { enabled: false } }), expect: ["fail"] },
    { name: "a computed versioning is not verifiable yet", resources: bucket({ versioning: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed retention policy without versioning is not verifiable yet", resources: bucket({ versioning: undefined, retentionPolicy: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed retention policy with versioning on passes", resources: bucket({ retentionPolicy: UNKNOWN }), expect: ["pass"] },
    { name: "soft delete 0 fails", resources: bucket({ softDeletePolicy: { retentionDurationSeconds: 0 } }), expect: ["fail"], message: /Soft delete/ },
    { name: 'soft delete "0" as a string fails', resources: bucket({ softDeletePolicy: { retentionDurationSeconds: "0" } }), expect: ["fail"] },
    { name: "soft delete 7 days passes", resources: bucket({ softDeletePolicy: { retentionDurationSeconds: 604800 } }), expect: ["pass"] },
    { name: "a soft-delete block without a duration keeps the server value and passes", resources: bucket({ softDeletePolicy: {} }), expect: ["pass"] },
    { name: "a computed soft-delete duration is not verifiable yet", resources: bucket({ softDeletePolicy: { retentionDurationSeconds: UNKNOWN } }), expect: ["unknown"] },
    { name: "force destroy fails", resources: bucket({ forceDestroy: true }), expect: ["fail"], message: /Force destroy/ },
    { name: "force destroy false passes", resources: bucket({ forceDestroy: false }), expect: ["pass"] },
    { name: "a computed force destroy is not verifiable yet", resources: bucket({ forceDestroy: UNKNOWN }), expect: ["unknown"] },
    { name: "every problem is reported", resources: bucket({ versioning: undefined, forceDestroy: true, softDeletePolicy: { retentionDurationSeconds: 0 } }), expect: ["fail", "fail", "fail"] },
    { name: "auto scope: in an ML stack, a bucket no ML resource uses and without the label is not applicable", resources: [...bucket({ forceDestroy: true }), { type: types.vertexIndex, name: "ml", props: { displayName: "ml", region: "us-central1" } }], settings: { scopeLabel: "ml-data-class" }, expect: ["not-applicable"] },
]);
