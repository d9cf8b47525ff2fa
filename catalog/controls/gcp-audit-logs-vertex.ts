import { defineControl } from "../control";
import { ref } from "../examples";
import { AUDIT_CONFIG_TYPES, auditCoverage } from "../helpers/gcp-audit";
import { allOf } from "../helpers/outcomes";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import { VERTEX_CMEK_TYPES } from "./gcp-vertex-cmek";

const NOTEBOOK_TYPES = [types.workbenchInstance, types.notebooksInstance, types.notebooksRuntime];
const LOG_TYPES = ["DATA_READ", "DATA_WRITE"];

export default defineControl<unknown>({
    id: "gcp-audit-logs-vertex",
    title: "Projects with Vertex AI or Workbench resources must have Data Access audit logs for aiplatform and notebooks",
    severity: "high",
    provider: "gcp",
    rationale:
        "Data Access audit logs (DATA_READ, DATA_WRITE) are the only record of who read a dataset, downloaded a model, " +
        "called an endpoint or opened a notebook; Admin Activity logs do not show reads. They are off by default for every " +
        "service except BigQuery, so a project running Vertex AI or Workbench has no trace of model or data extraction " +
        "unless an audit config turns them on (in the project, or in a folder or organization config of the same stack).",
    remediation: {
        terraform:
            'Add `google_project_iam_audit_config` resources with `service = "aiplatform.googleapis.com"` (and `"notebooks.googleapis.com"` ' +
            'for Workbench) and `audit_log_config { log_type = "DATA_READ" }`, `audit_log_config { log_type = "DATA_WRITE" }` (and `ADMIN_READ`), or use `allServices`.',
        pulumi:
            'Add `gcp.projects.IAMAuditConfig` resources with `service: "aiplatform.googleapis.com"` (and `"notebooks.googleapis.com"` for ' +
            'Workbench) and `auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }, { logType: "ADMIN_READ" }]`, or use `allServices`.',
    },
    frameworks: {
        "cis-gcp": ["2.1"],
        prowler: ["iam_audit_logs_enabled"],
        "gcp-scc": ["AUDIT_LOGGING_DISABLED"],
        "nist-800-53": ["AU-2", "AU-3", "AU-12"],
        "owasp-ml": ["ML05"],
    },
    tags: ["audit-logging", "vertex-ai", "workbench"],
    aliases: {},
    subjects: [...VERTEX_CMEK_TYPES, ...NOTEBOOK_TYPES, types.colabRuntimeTemplate],
    related: [...AUDIT_CONFIG_TYPES, types.project],
    scope: "stack",
    options: {},
    check(resource, { graph }) {
        const services = ["aiplatform.googleapis.com"];
        if (NOTEBOOK_TYPES.some((t) => t.token === resource.type)) services.push("notebooks.googleapis.com");
        const results: CheckResult[] = services.map((service) => {
            const coverage = auditCoverage(graph, resource, service, LOG_TYPES);
            if (coverage === "yes") return pass(resource, `Data Access logs are on for ${service} in the resource's project.`);
            if (coverage === "unknown") return unknown(resource, `An audit config that may cover ${service} for this project is computed; it must log DATA_READ and DATA_WRITE.`);
            return fail(resource, `No audit config in this stack turns on DATA_READ and DATA_WRITE logs for ${service} (or allServices) in the resource's project.`);
        });
        return allOf(resource, results, "Data Access logs are on for the resource's services.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.project, name: "ml", props: { name: "ml-prod", projectId: "ml-prod", orgId: "1234567" } },
                    {
                        type: types.projectIamAuditConfig,
                        name: "aiplatform",
                        props: { project: ref("ml", "projectId"), service: "aiplatform.googleapis.com", auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }] },
                    },
                    {
                        type: types.vertexDataset,
                        name: "claims",
                        props: { project: ref("ml", "projectId"), displayName: "claims", region: "us-central1", metadataSchemaUri: "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml" },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.vertexDataset,
                        name: "claims",
                        props: { project: "ml-prod", displayName: "claims", region: "us-central1", metadataSchemaUri: "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml" },
                    },
                ],
                [
                    { type: types.projectIamAuditConfig, name: "aiplatform", props: { project: "ml-prod", service: "aiplatform.googleapis.com", auditLogConfigs: [{ logType: "ADMIN_READ" }] } },
                    {
                        type: types.vertexDataset,
                        name: "claims",
                        props: { project: "ml-prod", displayName: "claims", region: "us-central1", metadataSchemaUri: "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml" },
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

resource "google_project_iam_audit_config" "aiplatform" {
  project = google_project.ml.project_id
  service = "aiplatform.googleapis.com"

  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_vertex_ai_dataset" "claims" {
  project             = google_project.ml.project_id
  display_name        = "claims"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
}
`,
            ],
            bad: [
                `resource "google_vertex_ai_dataset" "claims" {
  project             = "ml-prod"
  display_name        = "claims"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
}
`,
                `resource "google_project_iam_audit_config" "aiplatform" {
  project = "ml-prod"
  service = "aiplatform.googleapis.com"

  audit_log_config {
    log_type = "ADMIN_READ"
  }
}

resource "google_vertex_ai_dataset" "claims" {
  project             = "ml-prod"
  display_name        = "claims"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
}
`,
            ],
        },
    },
});
