import { defineControl } from "../control";
import { asBoolean } from "../helpers/coerce";
import { isBridge, perimeterConfigs, stringItems } from "../helpers/gcp-vpcsc";
import { allOf, expectBoolean } from "../helpers/outcomes";
import { type Attr, listItems, within } from "../helpers/props";
import { fail, notApplicable, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";

const ANY_IDENTITIES = ["ANY_IDENTITY", "ANY_USER_ACCOUNT", "ANY_SERVICE_ACCOUNT"];

/** An ingress or egress rule open to any identity, on every resource, for every service. */
function wildcardRule(resource: Resource, rule: Attr, from: string, to: string): CheckResult | undefined {
    const identityType = within(resource, rule, `${from}.identityType`);
    const resources = stringItems(resource, within(resource, rule, `${to}.resources`));
    const services = within(resource, rule, `${to}.operations`);
    const serviceNames = services.state === "unknown" ? "unknown" : listItems(resource, services).map((op) => within(resource, op, "serviceName"));
    if (identityType.state === "unknown" || resources === "unknown" || serviceNames === "unknown" || serviceNames.some((s) => s.state === "unknown")) {
        return unknown(rule, `The rule ${rule.path} is computed; it must not allow any identity to every resource and service.`);
    }
    const anyIdentity = typeof identityType.value === "string" && ANY_IDENTITIES.includes(identityType.value.trim().toUpperCase());
    const allResources = resources.includes("*");
    const allServices = serviceNames.some((s) => s.value === "*");
    if (anyIdentity && allResources && allServices) {
        return fail(rule, `The rule ${rule.path} lets any identity reach every resource and service (identityType, resources "*", serviceName "*"), which opens the perimeter; name identities, resources and services.`);
    }
    return undefined;
}

export default defineControl<unknown>({
    id: "gcp-vpcsc-restricted",
    title: "VPC Service Controls perimeters must restrict VPC-accessible services and have no wildcard ingress or egress rules",
    severity: "medium",
    provider: "gcp",
    rationale:
        "Without `vpcAccessibleServices.enableRestriction` (or with `\"*\"` allowed) workloads inside the perimeter's " +
        "networks can call any Google API, including unprotected ones that can carry data out. An ingress or egress rule " +
        "for any identity, on every resource (`\"*\"`) and for every service (`serviceName: \"*\"`) turns the perimeter " +
        "into a formality.",
    remediation: {
        terraform:
            'In `status`, set `vpc_accessible_services { enable_restriction = true, allowed_services = ["RESTRICTED-SERVICES"] }` and ' +
            "write ingress / egress rules for named identities, resources and services.",
        pulumi:
            'In `status`, set `vpcAccessibleServices: { enableRestriction: true, allowedServices: ["RESTRICTED-SERVICES"] }` and ' +
            "write ingress / egress rules for named identities, resources and services.",
    },
    frameworks: { "nist-800-53": ["SC-7(5)", "AC-4(21)"], "owasp-ml": ["ML05"] },
    tags: ["vpc-service-controls", "network", "exfiltration"],
    aliases: {},
    subjects: [types.servicePerimeter, types.servicePerimeters],
    scope: "resource",
    options: {},
    check(resource) {
        const results: CheckResult[] = [];
        for (const config of perimeterConfigs(resource)) {
            if (isBridge(config)) continue;
            const block = config.status.state !== "absent" ? config.status : config.spec;
            const restriction = within(resource, block, "vpcAccessibleServices.enableRestriction");
            results.push(expectBoolean(restriction, true, { defaultValue: false, what: "VPC-accessible services restriction", fix: "set vpcAccessibleServices.enableRestriction to true" }));
            if (asBoolean(restriction) === true) {
                const allowed = within(resource, block, "vpcAccessibleServices.allowedServices");
                const listed = stringItems(resource, allowed);
                if (listed === "unknown") results.push(unknown(allowed, "The VPC-accessible services are computed; they must not include \"*\"."));
                else if (listed.includes("*")) results.push(fail(allowed, 'The VPC-accessible services allow "*"; list "RESTRICTED-SERVICES" and the few others needed.'));
            }
            for (const rule of listItems(resource, within(resource, block, "ingressPolicies"))) {
                const r = wildcardRule(resource, rule, "ingressFrom", "ingressTo");
                if (r) results.push(r);
            }
            for (const rule of listItems(resource, within(resource, block, "egressPolicies"))) {
                const r = wildcardRule(resource, rule, "egressFrom", "egressTo");
                if (r) results.push(r);
            }
        }
        if (results.length === 0) return [notApplicable(resource, "The resource declares only perimeter bridges.")];
        return allOf(resource, results, "VPC-accessible services are restricted and no ingress or egress rule is a wildcard.");
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
                                restrictedServices: ["aiplatform.googleapis.com"],
                                vpcAccessibleServices: { enableRestriction: true, allowedServices: ["RESTRICTED-SERVICES"] },
                                ingressPolicies: [
                                    {
                                        ingressFrom: { identities: ["group:ml-ops@example.com"], sources: [{ accessLevel: "*" }] },
                                        ingressTo: { resources: ["*"], operations: [{ serviceName: "aiplatform.googleapis.com", methodSelectors: [{ method: "*" }] }] },
                                    },
                                ],
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
                            status: {
                                restrictedServices: ["aiplatform.googleapis.com"],
                                vpcAccessibleServices: { enableRestriction: true, allowedServices: ["RESTRICTED-SERVICES"] },
                                egressPolicies: [{ egressFrom: { identityType: "ANY_IDENTITY" }, egressTo: { resources: ["*"], operations: [{ serviceName: "*" }] } }],
                            },
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
    restricted_services = ["aiplatform.googleapis.com"]

    vpc_accessible_services {
      enable_restriction = true
      allowed_services   = ["RESTRICTED-SERVICES"]
    }

    ingress_policies {
      ingress_from {
        identities = ["group:ml-ops@example.com"]
        sources {
          access_level = "*"
        }
      }
      ingress_to {
        resources = ["*"]
        operations {
          service_name = "aiplatform.googleapis.com"
          method_selectors {
            method = "*"
          }
        }
      }
    }
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
    restricted_services = ["aiplatform.googleapis.com"]

    vpc_accessible_services {
      enable_restriction = true
      allowed_services   = ["RESTRICTED-SERVICES"]
    }

    egress_policies {
      egress_from {
        identity_type = "ANY_IDENTITY"
      }
      egress_to {
        resources = ["*"]
        operations {
          service_name = "*"
        }
      }
    }
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
