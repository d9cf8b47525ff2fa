import type { InstanceArgs } from "@pulumi/gcp/workbench";
import { defineControl } from "../control";
import { ref } from "../examples";
import { stringList } from "../helpers/coerce";
import { allOf, expectBoolean } from "../helpers/outcomes";
import { prop, props } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { globToRegExp } from "../run";
import { types } from "../resource-types";

interface Options {
    approvedSubnets: string[];
}

const COMPUTE_API_PREFIX = /^(https:\/\/www\.googleapis\.com\/compute\/(v1|beta)\/|\/\/compute\.googleapis\.com\/)/;

/**
 * A subnet matches an approved entry written as a full self-link, a `projects/…/subnetworks/…` path,
 * or a bare name (matching that name in any project); `*` matches any run of characters.
 */
export function subnetApproved(subnet: string, approved: readonly string[]): boolean {
    const value = subnet.trim().replace(COMPUTE_API_PREFIX, "");
    return approved.some((entry) => {
        const want = entry.trim().replace(COMPUTE_API_PREFIX, "");
        if (want.includes("*")) return globToRegExp(want).test(value);
        return value === want || (!want.includes("/") && value.endsWith(`/${want}`));
    });
}

export default defineControl<InstanceArgs, Options>({
    id: "gcp-workbench-no-public-ip",
    title: "Vertex AI Workbench instances must have no public IP, no IP forwarding, and sit on an approved subnet",
    severity: "high",
    provider: "gcp",
    rationale:
        "A Workbench instance with an external IP is reachable from, and can reach, the internet directly, outside the " +
        "VPC's firewall, NAT and VPC Service Controls: notebooks hold credentials and training data, and untrusted packages " +
        "come in the same way. The provider default gives the instance an ephemeral external IP (`disablePublicIp` is false, " +
        "and no `accessConfigs` still means an ephemeral external address), so an instance that does not opt out is exposed. " +
        "IP forwarding lets the VM route traffic for others and is not needed by notebooks.",
    remediation: {
        terraform:
            "In `gce_setup`, set `disable_public_ip = true`, remove every `access_configs` block, leave `enable_ip_forwarding` unset or false, " +
            "and place `network_interfaces` on an approved private subnet.",
        pulumi:
            "In `gceSetup`, set `disablePublicIp: true`, remove `accessConfigs` from `networkInterfaces`, leave `enableIpForwarding` unset or false, " +
            "and place `networkInterfaces` on an approved private subnet.",
    },
    frameworks: {
        "cis-gcp": ["4.9"],
        "gcp-org-policy": ["ainotebooks.restrictPublicIp", "ainotebooks.restrictVpcNetworks"],
        "gcp-scc": ["PUBLIC_IP_ADDRESS"],
        "nist-800-53": ["SC-7", "AC-4"],
        "owasp-ml": ["ML05", "ML06"],
    },
    tags: ["workbench", "notebook", "network", "vertex-ai"],
    aliases: {},
    subjects: [types.workbenchInstance],
    scope: "resource",
    options: {
        approvedSubnets: {
            description:
                "Subnets Workbench instances may use: self-links, `projects/P/regions/R/subnetworks/S` paths or bare names (`*` globs). Empty: any subnet.",
            schema: { type: "array", items: { type: "string", minLength: 1 } },
            default: [],
        },
    },
    check(instance, { options }) {
        const results: CheckResult[] = [];
        results.push(
            expectBoolean(prop(instance, "gceSetup.disablePublicIp"), true, {
                defaultValue: false,
                what: "Public IP disabling",
                fix: "set gceSetup.disablePublicIp to true",
            }),
        );
        for (const access of props(instance, "gceSetup.networkInterfaces.accessConfigs")) {
            if (access.state === "unknown") {
                results.push(unknown(access, "The network interfaces' access configs are computed; an instance must have none (no external IP)."));
            } else if (access.state === "explicit" && !(access.node?.kind === "list" && access.node.items.length === 0)) {
                results.push(fail(access, "A network interface has an access config, which gives the instance an external IP; remove accessConfigs."));
            }
        }
        results.push(
            expectBoolean(prop(instance, "gceSetup.enableIpForwarding"), false, {
                defaultValue: false,
                what: "IP forwarding",
                fix: "remove gceSetup.enableIpForwarding or set it to false",
            }),
        );

        const approved = stringList(options.approvedSubnets);
        if (approved.length > 0) {
            const subnets = props(instance, "gceSetup.networkInterfaces.subnet");
            if (subnets.length === 0) {
                results.push(
                    fail(instance, "The instance sets no subnet (gceSetup.networkInterfaces[].subnet), so it lands in the default network; use an approved subnet."),
                );
            }
            for (const subnet of subnets) {
                if (subnet.state === "unknown") {
                    results.push(unknown(subnet, "The subnet is computed; it must be one of the approved subnets."));
                } else if (typeof subnet.value !== "string" || !subnetApproved(subnet.value, approved)) {
                    results.push(
                        fail(subnet, subnet.state === "absent" ? "A network interface sets no subnet; use an approved subnet." : "The subnet is not one of the approved subnets."),
                    );
                }
            }
        }
        return allOf(instance, results, "The instance has no public IP and no IP forwarding.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.computeNetwork, name: "ml-vpc", props: { autoCreateSubnetworks: false } },
                    {
                        type: types.computeSubnetwork,
                        name: "ml-private",
                        props: { network: ref("ml-vpc", "id"), region: "us-central1", ipCidrRange: "10.10.0.0/24", privateIpGoogleAccess: true },
                    },
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            gceSetup: {
                                machineType: "n2-standard-4",
                                disablePublicIp: true,
                                networkInterfaces: [{ network: ref("ml-vpc", "id"), subnet: ref("ml-private", "id") }],
                            },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.workbenchInstance, name: "research", props: { location: "us-central1-a", gceSetup: { machineType: "n2-standard-4" } } }],
                [
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            gceSetup: {
                                machineType: "n2-standard-4",
                                disablePublicIp: true,
                                networkInterfaces: [
                                    {
                                        network: "projects/ml-prod/global/networks/ml-vpc",
                                        subnet: "projects/ml-prod/regions/us-central1/subnetworks/ml-private",
                                        accessConfigs: [{ externalIp: "203.0.113.10" }],
                                    },
                                ],
                            },
                        },
                    },
                ],
                [
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            gceSetup: { machineType: "n2-standard-4", disablePublicIp: true, enableIpForwarding: true },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_compute_subnetwork" "ml_private" {
  name                     = "ml-private"
  region                   = "us-central1"
  network                  = "projects/ml-prod/global/networks/ml"
  ip_cidr_range            = "10.10.0.0/24"
  private_ip_google_access = true
}

resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = true

    network_interfaces {
      network = "projects/ml-prod/global/networks/ml"
      subnet  = google_compute_subnetwork.ml_private.id
    }
  }
}
`,
            ],
            bad: [
                `resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"
  }
}
`,
                `resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = false
  }
}
`,
                `resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = true

    network_interfaces {
      network = "projects/ml-prod/global/networks/ml-vpc"
      subnet  = "projects/ml-prod/regions/us-central1/subnetworks/ml-private"

      access_configs {
        external_ip = "203.0.113.10"
      }
    }
  }
}
`,
                `resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type         = "n2-standard-4"
    disable_public_ip    = true
    enable_ip_forwarding = true
  }
}
`,
            ],
        },
    },
});
