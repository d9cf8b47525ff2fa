import control from "../../catalog/controls/gcp-audit-logs-storage-kms";
import { type ResourceType, types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const audit = (service: string, logTypes: string[], props: Record<string, unknown> = {}, type: ResourceType = types.projectIamAuditConfig) => ({
    type, name: `audit-${service}`, props: { project: "ml-prod", service, auditLogConfigs: logTypes.map((logType) => ({ logType })), ...props },
});
const bucket = (props: Record<string, unknown> = {}) => ({ type: types.storageBucket, name: "b", props: { project: "ml-prod", name: "ml-data", location: "US", ...props } });
const key = (props: Record<string, unknown> = {}, deps?: Record<string, string[]>) => ({ type: types.kmsCryptoKey, name: "k", props: { name: "k", keyRing: "projects/ml-prod/locations/us/keyRings/ml", ...props }, deps });
const RW = ["DATA_READ", "DATA_WRITE"];

edgeCases(control, [
    { name: "a bucket with storage DATA_READ and DATA_WRITE passes (the config passes too)", resources: [audit("storage.googleapis.com", RW), bucket()], expect: ["pass", "pass"] },
    { name: "a bucket without a config fails", resources: [bucket()], expect: ["fail"], message: /storage\.googleapis\.com/ },
    { name: "DATA_WRITE only fails", resources: [audit("storage.googleapis.com", ["DATA_WRITE"]), bucket()], expect: ["pass", "fail"] },
    { name: "allServices covers buckets and keys", resources: [audit("allServices", RW), bucket(), key()], expect: ["pass", "pass", "pass"] },
    { name: "a key needs cloudkms DATA_READ", resources: [audit("storage.googleapis.com", RW), key()], expect: ["pass", "fail"], message: /cloudkms/ },
    { name: "a key's project comes from its literal key ring", resources: [audit("cloudkms.googleapis.com", ["DATA_READ"], { project: "other" }), key()], expect: ["pass", "fail"] },
    { name: "a key's project comes from the key ring resource it refers to", resources: [
        audit("cloudkms.googleapis.com", ["DATA_READ"]),
        { type: types.kmsKeyRing, name: "ring", props: { name: "ml", location: "us", project: "ml-prod" } },
        key({ keyRing: UNKNOWN }, { keyRing: ["ring"] }),
    ], expect: ["pass", "pass"] },
    { name: "a key with a computed ring and no join is not verifiable yet", resources: [audit("cloudkms.googleapis.com", ["DATA_READ"]), key({ keyRing: UNKNOWN })], expect: ["pass", "unknown"] },
    { name: "exempted members fail on the config", resources: [audit("allServices", [], { auditLogConfigs: [{ logType: "DATA_READ", exemptedMembers: ["user:a@example.com"] }, { logType: "DATA_WRITE" }] }), bucket()], expect: ["fail", "pass"], message: /exempt/ },
    { name: "an empty exemption list is no exemption", resources: [audit("allServices", [], { auditLogConfigs: [{ logType: "DATA_READ", exemptedMembers: [] }, { logType: "DATA_WRITE" }] })], expect: ["pass"] },
    { name: "computed exemptions are not verifiable yet", resources: [audit("allServices", [], { auditLogConfigs: [{ logType: "DATA_READ", exemptedMembers: UNKNOWN }] })], expect: ["unknown"] },
    { name: "a folder config's exemptions fail too", resources: [audit("allServices", [], { project: undefined, folder: "folders/1", auditLogConfigs: [{ logType: "DATA_READ", exemptedMembers: ["user:a@example.com"] }] }, types.folderIamAuditConfig)], expect: ["fail"] },
    { name: "auto scope: in an ML stack, a bucket no ML resource uses and without the label is not applicable", resources: [bucket(), { type: types.vertexIndex, name: "ml", props: { displayName: "ml", region: "us-central1" } }], settings: { scopeLabel: "ml-data-class" }, expect: ["not-applicable"] },
]);
