import { defineControl } from "../control";
import { ref } from "../examples";
import { isBridge, perimeterConfigs, stringItems } from "../helpers/gcp-vpcsc";
import { allOf } from "../helpers/outcomes";
import { anyProp, within } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";

export default defineControl<unknown>({
    id: "gcp-vpcsc-enforced",
    title: "VPC Service Controls perimeters must be enforced (not dry-run only) and contain projects",
    severity: "high",
    provider: "gcp",
    rationale:
        "A perimeter with only a dry-run `spec` logs violations and blocks nothing; only `status` is enforced. An enforced " +
        "perimeter that holds no project (in `status.resources` or through `ServicePerimeterResource`) protects nothing. " +
        "Perimeters take project numbers (`projects/<number>`), not ids.",
    remediation: {
        terraform:
            "Write the configuration in `status` (keep `spec` with `use_explicit_dry_run_spec` only to trial changes) and list the ML projects " +
            'as `resources = ["projects/<number>"]` or with `google_access_context_manager_service_perimeter_resource`.',
        pulumi:
            "Write the configuration in `status` (keep `spec` with `useExplicitDryRunSpec` only to trial changes) and list the ML projects " +
            'as `resources: ["projects/<number>"]` or with `gcp.accesscontextmanager.ServicePerimeterResource`.',
    },
    frameworks: { "nist-800-53": ["SC-7"], "owasp-ml": ["ML05"] },
    tags: ["vpc-service-controls", "network", "exfiltration", "vertex-ai"],
    aliases: {},
    subjects: [types.servicePerimeter, types.servicePerimeters],
    related: [types.servicePerimeterResource],
    scope: "stack",
    options: {},
    check(resource, { graph }) {
        const results: CheckResult[] = [];
        // Projects added by separate resources: those referring to this perimeter, or naming it literally.
        const name = anyProp(resource, "name");
        const attached = graph.ofType(types.servicePerimeterResource).filter((r) => {
            if (graph.targets(r, "perimeterName").includes(resource)) return true;
            const p = anyProp(r, "perimeterName");
            return typeof p.value === "string" && typeof name.value === "string" && p.value.trim() === name.value.trim();
        });
        for (const config of perimeterConfigs(resource)) {
            if (isBridge(config)) {
                results.push(notApplicable(config.perimeterType, "A perimeter bridge is not itself a perimeter."));
                continue;
            }
            if (config.status.state === "unknown") {
                results.push(unknown(config.status, "The perimeter's status is computed; it must hold the enforced configuration."));
                continue;
            }
            if (config.status.state === "absent") {
                results.push(
                    fail(
                        config.spec.state === "explicit" ? config.spec : config.status,
                        config.spec.state === "explicit"
                            ? "The perimeter is dry-run only (spec without status): it logs violations and blocks nothing; move the configuration to status."
                            : "The perimeter has no status block, so nothing is enforced; write the configuration in status.",
                    ),
                );
                continue;
            }
            const members = within(resource, config.status, "resources");
            const listed = stringItems(resource, members);
            if (listed !== "unknown" && listed.length === 0 && attached.length === 0) {
                results.push(fail(members.state === "explicit" ? members : config.status, "The enforced perimeter contains no project (status.resources, ServicePerimeterResource); add the ML projects as projects/<number>."));
            } else if (listed === "unknown" && attached.length === 0) {
                results.push(unknown(members, "The perimeter's projects are computed; it must contain the ML projects."));
            } else {
                results.push(pass(config.status, "The perimeter is enforced and contains projects."));
            }
        }
        if (results.length > 0 && results.every((r) => r.status === "not-applicable")) return results;
        return allOf(resource, results.filter((r) => r.status !== "not-applicable"), "The perimeter is enforced and contains projects.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.servicePerimeter,
                        name: "ml",
                        props: {
                            parent: "accessPolicies/123456",
                            name: "accessPolicies/123456/servicePerimeters/ml",
                            title: "ml",
                            status: { restrictedServices: ["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com"] },
                        },
                    },
                    { type: types.servicePerimeterResource, name: "ml-project", props: { perimeterName: ref("ml", "name"), resource: "projects/123456789012" } },
                ],
            ],
            bad: [
                [
                    {
                        type: types.servicePerimeter,
                        name: "ml",
                        props: {
                            parent: "accessPolicies/123456",
                            name: "accessPolicies/123456/servicePerimeters/ml",
                            title: "ml",
                            useExplicitDryRunSpec: true,
                            spec: { resources: ["projects/123456789012"], restrictedServices: ["aiplatform.googleapis.com"] },
                        },
                    },
                ],
                [
                    {
                        type: types.servicePerimeter,
                        name: "ml",
                        props: { parent: "accessPolicies/123456", name: "accessPolicies/123456/servicePerimeters/ml", title: "ml", status: { restrictedServices: ["aiplatform.googleapis.com"] } },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/123456"
  name   = "accessPolicies/123456/servicePerimeters/ml"
  title  = "ml"

  status {
    restricted_services = ["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com"]
  }
}

resource "google_access_context_manager_service_perimeter_resource" "ml_project" {
  perimeter_name = google_access_context_manager_service_perimeter.ml.name
  resource       = "projects/123456789012"
}
`,
            ],
            bad: [
                `resource "google_access_context_manager_service_perimeter" "ml" {
  parent                    = "accessPolicies/123456"
  name                      = "accessPolicies/123456/servicePerimeters/ml"
  title                     = "ml"
  use_explicit_dry_run_spec = true

  spec {
    resources           = ["projects/123456789012"]
    restricted_services = ["aiplatform.googleapis.com"]
  }
}
`,
                `resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/123456"
  name   = "accessPolicies/123456/servicePerimeters/ml"
  title  = "ml"

  status {
    restricted_services = ["aiplatform.googleapis.com"]
  }
}
`,
            ],
        },
    },
});
