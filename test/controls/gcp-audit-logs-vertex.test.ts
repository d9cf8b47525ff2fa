import control from "../../catalog/controls/gcp-audit-logs-vertex";
import { type ResourceType, types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const DATA = [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }];
const audit = (props: Record<string, unknown>, type: ResourceType = types.projectIamAuditConfig, deps?: Record<string, string[]>) => ({
    type, name: `audit-${String(props.service ?? "ai")}-${type.terraform}`, props: { project: "ml-prod", service: "aiplatform.googleapis.com", auditLogConfigs: DATA, ...props }, deps,
});
const dataset = (props: Record<string, unknown> = {}, deps?: Record<string, string[]>) => ({ type: types.vertexDataset, name: "ds", props: { project: "ml-prod", displayName: "ds", region: "us-central1", metadataSchemaUri: "gs://x", ...props }, deps });
const workbench = { type: types.workbenchInstance, name: "wb", props: { project: "ml-prod", location: "us-central1-a" } };

edgeCases(control, [
    { name: "DATA_READ and DATA_WRITE for aiplatform in the project passes", resources: [audit({}), dataset()], expect: ["pass"] },
    { name: "allServices covers aiplatform", resources: [audit({ service: "allServices" }), dataset()], expect: ["pass"] },
    { name: "no audit config fails", resources: [dataset()], expect: ["fail"], message: /aiplatform/ },
    { name: "DATA_READ only fails", resources: [audit({ auditLogConfigs: [{ logType: "DATA_READ" }] }), dataset()], expect: ["fail"] },
    { name: "a config for another project does not cover", resources: [audit({ project: "other" }), dataset()], expect: ["fail"] },
    { name: "projects/ prefixes compare equal", resources: [audit({ project: "projects/ml-prod" }), dataset()], expect: ["pass"] },
    { name: "a folder config covers every project", resources: [audit({ folder: "folders/1", project: undefined }, types.folderIamAuditConfig), dataset()], expect: ["pass"] },
    { name: "an organization config covers every project", resources: [audit({ orgId: "1", project: undefined }, types.organizationIamAuditConfig), dataset()], expect: ["pass"] },
    { name: "both on the provider's default project match", resources: [audit({ project: undefined }), dataset({ project: undefined })], expect: ["pass"] },
    { name: "computed log types are not verifiable yet", resources: [audit({ auditLogConfigs: UNKNOWN }), dataset()], expect: ["unknown"] },
    { name: "a computed service is not verifiable yet", resources: [audit({ service: UNKNOWN }), dataset()], expect: ["unknown"] },
    { name: "a computed project on both sides joined through the project resource passes", resources: [
        { type: types.project, name: "proj", props: { name: "ml", projectId: "ml-prod" } },
        audit({ project: UNKNOWN }, types.projectIamAuditConfig, { project: ["proj"] }),
        dataset({ project: UNKNOWN }, { project: ["proj"] }),
    ], expect: ["pass"] },
    { name: "computed projects without a join are not verifiable yet", resources: [audit({ project: UNKNOWN }), dataset({ project: UNKNOWN })], expect: ["unknown"] },
    { name: "Workbench needs notebooks logs too", resources: [audit({}), workbench], expect: ["fail"], message: /notebooks/ },
    { name: "Workbench with both services passes", resources: [audit({}), audit({ service: "notebooks.googleapis.com" }), workbench], expect: ["pass"] },
    { name: "log types compare without regard to case", resources: [audit({ auditLogConfigs: [{ logType: "data_read" }, { logType: "data_write" }] }), dataset()], expect: ["pass"] },
]);
