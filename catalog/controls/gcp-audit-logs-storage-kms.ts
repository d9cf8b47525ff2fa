import { defineControl } from "../control";
import { ref } from "../examples";
import { AUDIT_CONFIG_TYPES, auditConfigs, auditCoverage } from "../helpers/gcp-audit";
import { allOf } from "../helpers/outcomes";
import { anyProp } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import { gcsScopeOption, outOfGcsScope } from "./gcp-gcs-retention-locked";

interface Options {
    scopeLabel: string;
}

const AUDITED = [
    { type: types.storageBucket, service: "storage.googleapis.com", logTypes: ["DATA_READ", "DATA_WRITE"] },
    { type: types.kmsCryptoKey, service: "cloudkms.googleapis.com", logTypes: ["DATA_READ"] },
];

export default defineControl<unknown, Options>({
    id: "gcp-audit-logs-storage-kms",
    title: "Projects with ML buckets and CMEK keys must have Data Access audit logs for Cloud Storage and Cloud KMS, with no exempted members",
    severity: "medium",
    provider: "gcp",
    rationale:
        "Reads of training data and model artifacts, and every use of the keys that protect them, are only recorded by " +
        "Data Access audit logs, which are off by default: `storage.googleapis.com` needs DATA_READ and DATA_WRITE, " +
        "`cloudkms.googleapis.com` DATA_READ (decrypt calls). An `exemptedMembers` entry silences exactly the principals " +
        "an investigation needs to see.",
    remediation: {
        terraform:
            'Add `google_project_iam_audit_config` for `"storage.googleapis.com"` (DATA_READ, DATA_WRITE) and `"cloudkms.googleapis.com"` ' +
            "(DATA_READ), or `allServices`, in the project of the buckets and keys; remove every `exempted_members`.",
        pulumi:
            'Add `gcp.projects.IAMAuditConfig` for `"storage.googleapis.com"` (DATA_READ, DATA_WRITE) and `"cloudkms.googleapis.com"` ' +
            "(DATA_READ), or `allServices`, in the project of the buckets and keys; remove every `exemptedMembers`.",
    },
    frameworks: {
        "cis-gcp": ["2.1"],
        prowler: ["cloudstorage_audit_logs_enabled"],
        "gcp-org-policy": ["iam.disableAuditLoggingExemption"],
        "nist-800-53": ["AU-2", "AU-9"],
    },
    tags: ["audit-logging", "storage", "kms"],
    aliases: {},
    subjects: [types.storageBucket, types.kmsCryptoKey, ...AUDIT_CONFIG_TYPES],
    related: [types.kmsKeyRing, types.project],
    scope: "stack",
    options: { scopeLabel: gcsScopeOption },
    check(resource, { graph, options }) {
        const config = auditConfigs(graph).find((c) => c.resource === resource);
        if (config) {
            const logs = anyProp(resource, "auditLogConfigs");
            if (config.exempted === "unknown") return [unknown(logs, "The audit log configs are computed; they must exempt no member.")];
            if (config.exempted) return [fail(logs, "An audit log config exempts members (exemptedMembers), so their data access goes unrecorded; remove the exemptions.")];
            return [pass(resource, "The audit config exempts no member.")];
        }
        if (resource.type === types.storageBucket.token) {
            const outOfScope = outOfGcsScope(resource, options.scopeLabel, graph);
            if (outOfScope) return [outOfScope];
        }
        const audited = AUDITED.find((a) => a.type.token === resource.type)!;
        const coverage = auditCoverage(graph, resource, audited.service, audited.logTypes);
        const logs = audited.logTypes.join(" and ");
        const results: CheckResult[] = [
            coverage === "yes"
                ? pass(resource, `Data Access logs (${logs}) are on for ${audited.service}.`)
                : coverage === "unknown"
                  ? unknown(resource, `An audit config that may cover ${audited.service} for this project is computed; it must log ${logs}.`)
                  : fail(resource, `No audit config in this stack turns on ${logs} logs for ${audited.service} (or allServices) in the resource's project.`),
        ];
        return allOf(resource, results, `Data Access logs are on for ${audited.service}.`);
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.project, name: "ml", props: { name: "ml-prod", projectId: "ml-prod", orgId: "1234567" } },
                    {
                        type: types.projectIamAuditConfig,
                        name: "storage",
                        props: { project: ref("ml", "projectId"), service: "storage.googleapis.com", auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }] },
                    },
                    { type: types.storageBucket, name: "models", props: { project: ref("ml", "projectId"), name: "ml-prod-models", location: "US-CENTRAL1" } },
                ],
            ],
            bad: [
                [{ type: types.storageBucket, name: "models", props: { project: "ml-prod", name: "ml-prod-models", location: "US-CENTRAL1" } }],
                [
                    {
                        type: types.projectIamAuditConfig,
                        name: "all",
                        props: {
                            project: "ml-prod",
                            service: "allServices",
                            auditLogConfigs: [{ logType: "DATA_READ", exemptedMembers: ["serviceAccount:etl@ml-prod.iam.gserviceaccount.com"] }, { logType: "DATA_WRITE" }],
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_project" "ml" {
  name       = "ml-prod"
  project_id = "ml-prod"
  org_id     = "1234567"
}

resource "google_project_iam_audit_config" "storage" {
  project = google_project.ml.project_id
  service = "storage.googleapis.com"

  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_storage_bucket" "models" {
  project  = google_project.ml.project_id
  name     = "ml-prod-models"
  location = "US-CENTRAL1"
}
`,
            ],
            bad: [
                `resource "google_storage_bucket" "models" {
  project  = "ml-prod"
  name     = "ml-prod-models"
  location = "US-CENTRAL1"
}
`,
                `resource "google_project_iam_audit_config" "all" {
  project = "ml-prod"
  service = "allServices"

  audit_log_config {
    log_type         = "DATA_READ"
    exempted_members = ["serviceAccount:etl@ml-prod.iam.gserviceaccount.com"]
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
`,
            ],
        },
    },
});
