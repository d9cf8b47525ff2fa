import { defineControl } from "../control";
import { stringList } from "../helpers/coerce";
import { isBridge, perimeterConfigs, stringItems } from "../helpers/gcp-vpcsc";
import { allOf } from "../helpers/outcomes";
import { within } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";

interface Options {
    requiredServices: string[];
}

const DEFAULT_SERVICES = ["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com"];

export default defineControl<unknown, Options>({
    id: "gcp-vpcsc-protects-ml-services",
    title: "VPC Service Controls perimeters must restrict Vertex AI, Workbench and Cloud Storage",
    severity: "high",
    provider: "gcp",
    rationale:
        "A service perimeter only guards the services in its `restrictedServices`. Vertex AI (`aiplatform.googleapis.com`), " +
        "Workbench (`notebooks.googleapis.com`) and Cloud Storage (`storage.googleapis.com`) hold the models, notebooks and " +
        "training data; left out, they can be read or copied to a project outside the perimeter with stolen credentials. " +
        "Google's Vertex AI VPC-SC guide asks for both Vertex AI and Workbench as protected services.",
    remediation: {
        terraform:
            'In `status` (and `spec`) of the `google_access_context_manager_service_perimeter`, list `"aiplatform.googleapis.com"`, ' +
            '`"notebooks.googleapis.com"` and `"storage.googleapis.com"` (and ideally `cloudkms`, `artifactregistry`, `bigquery`, `logging`) in `restricted_services`.',
        pulumi:
            'In `status` (and `spec`) of the `gcp.accesscontextmanager.ServicePerimeter`, list `"aiplatform.googleapis.com"`, ' +
            '`"notebooks.googleapis.com"` and `"storage.googleapis.com"` (and ideally `cloudkms`, `artifactregistry`, `bigquery`, `logging`) in `restrictedServices`.',
    },
    frameworks: {
        prowler: ["cloudstorage_uses_vpc_service_controls"],
        "nist-800-53": ["SC-7", "AC-4", "SC-7(10)"],
        "owasp-ml": ["ML05"],
    },
    tags: ["vpc-service-controls", "network", "exfiltration", "vertex-ai"],
    aliases: {},
    subjects: [types.servicePerimeter, types.servicePerimeters],
    scope: "resource",
    options: {
        requiredServices: {
            description: "Services every (non-bridge) perimeter must restrict.",
            schema: { type: "array", items: { type: "string", minLength: 1 } },
            default: DEFAULT_SERVICES,
        },
    },
    check(resource, { options }) {
        const required = stringList(options.requiredServices);
        const wanted = required.length > 0 ? required : DEFAULT_SERVICES;
        const results: CheckResult[] = [];
        const configs = perimeterConfigs(resource);
        for (const config of configs) {
            if (isBridge(config)) {
                results.push(notApplicable(config.perimeterType, "A perimeter bridge restricts no services itself."));
                continue;
            }
            // The enforced configuration decides; a dry-run-only perimeter is judged on its spec (enforcement is gcp-vpcsc-enforced).
            const block = config.status.state !== "absent" ? config.status : config.spec;
            const services = within(resource, block, "restrictedServices");
            const listed = stringItems(resource, services);
            if (listed === "unknown") {
                results.push(unknown(services, "The restricted services are computed; they must include " + wanted.join(", ") + "."));
                continue;
            }
            const missing = wanted.filter((w) => !listed.some((l) => l.toLowerCase() === w.toLowerCase()));
            if (missing.length > 0) {
                results.push(
                    fail(
                        services.state === "explicit" ? services : block.state === "explicit" ? block : services,
                        `The perimeter does not restrict ${missing.join(", ")} (${services.path}); add them to restrictedServices.`,
                    ),
                );
            } else {
                results.push(pass(services, "The perimeter restricts the ML services."));
            }
        }
        if (configs.length === 0) return [notApplicable(resource, "The resource declares no perimeter.")];
        if (results.every((r) => r.status === "not-applicable")) return results;
        return allOf(resource, results.filter((r) => r.status !== "not-applicable"), "The perimeter restricts the ML services.");
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
                            status: {
                                resources: ["projects/123456789012"],
                                restrictedServices: ["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com", "cloudkms.googleapis.com"],
                            },
                        },
                    },
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
                            status: { resources: ["projects/123456789012"], restrictedServices: ["storage.googleapis.com"] },
                        },
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
    resources           = ["projects/123456789012"]
    restricted_services = ["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com", "cloudkms.googleapis.com"]
  }
}
`,
            ],
            bad: [
                `resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/123456"
  name   = "accessPolicies/123456/servicePerimeters/ml"
  title  = "ml"

  status {
    resources           = ["projects/123456789012"]
    restricted_services = ["storage.googleapis.com"]
  }
}
`,
            ],
        },
    },
});
