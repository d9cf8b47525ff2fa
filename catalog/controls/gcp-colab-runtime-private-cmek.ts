import type { RuntimeTemplateArgs } from "@pulumi/gcp/colab";
import { defineControl } from "../control";
import { ref } from "../examples";
import { expectKmsKey } from "../helpers/gcp-vm";
import { allOf, expectBoolean, isComputedValue } from "../helpers/outcomes";
import { prop } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";

export default defineControl<RuntimeTemplateArgs>({
    id: "gcp-colab-runtime-private-cmek",
    title: "Colab Enterprise runtime templates must have no internet access, a chosen VPC network, CMEK and Secure Boot",
    severity: "high",
    provider: "gcp",
    rationale:
        "Every Colab Enterprise runtime created from a template inherits its network and encryption. A runtime with " +
        "`enableInternetAccess` can download untrusted packages and send notebooks, credentials and data anywhere, outside " +
        "the VPC's controls; without a `networkSpec.network` / `subnetwork` it is not on a network you chose. Without " +
        "`encryptionSpec.kmsKeyName` its disks use Google-managed keys, and without Secure Boot unsigned boot components run.",
    remediation: {
        terraform:
            "Set `network_spec { enable_internet_access = false, network = …, subnetwork = … }` on a private subnet, " +
            "`encryption_spec { kms_key_name = google_kms_crypto_key.<key>.id }` and `shielded_vm_config { enable_secure_boot = true }`.",
        pulumi:
            "Set `networkSpec: { enableInternetAccess: false, network, subnetwork }` on a private subnet, " +
            "`encryptionSpec: { kmsKeyName: key.id }` and `shieldedVmConfig: { enableSecureBoot: true }`.",
    },
    frameworks: {
        "gcp-org-policy": ["gcp.restrictNonCmekServices"],
        "nist-800-53": ["SC-7", "SC-28", "SI-7"],
        "owasp-ml": ["ML05"],
    },
    tags: ["colab", "notebook", "vertex-ai", "network", "encryption", "cmek"],
    aliases: {},
    subjects: [types.colabRuntimeTemplate],
    scope: "resource",
    options: {},
    check(template) {
        const results: CheckResult[] = [
            expectBoolean(prop(template, "networkSpec.enableInternetAccess"), false, {
                defaultValue: false,
                what: "Internet access",
                fix: "set networkSpec.enableInternetAccess to false",
            }),
        ];
        const network = prop(template, "networkSpec.network");
        const subnetwork = prop(template, "networkSpec.subnetwork");
        const named = [network, subnetwork].find((a) => a.state === "explicit" || isComputedValue(a));
        if (named) {
            // Only presence matters here: a network id computed from another resource names a network.
            results.push(pass(named, "The runtime runs on a chosen VPC network."));
        } else if (network.state === "unknown" || subnetwork.state === "unknown") {
            results.push(unknown(network, "The runtime's network (networkSpec) is computed; it must name a VPC network."));
        } else {
            results.push(fail(network, "The template names no VPC network (networkSpec.network / subnetwork); place its runtimes on a private subnet of your VPC."));
        }
        results.push(expectKmsKey(prop(template, "encryptionSpec.kmsKeyName"), "The runtime", "set encryptionSpec.kmsKeyName to a Cloud KMS key"));
        results.push(
            expectBoolean(prop(template, "shieldedVmConfig.enableSecureBoot"), true, {
                defaultValue: false,
                what: "Secure Boot",
                fix: "set shieldedVmConfig.enableSecureBoot to true",
            }),
        );
        return allOf(template, results, "Runtimes from this template have no internet access, run on a chosen network, use CMEK and Secure Boot.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.computeNetwork, name: "ml-vpc", props: { autoCreateSubnetworks: false } },
                    {
                        type: types.colabRuntimeTemplate,
                        name: "analysts",
                        props: {
                            location: "us-central1",
                            displayName: "analysts",
                            machineSpec: { machineType: "e2-standard-4" },
                            networkSpec: { enableInternetAccess: false, network: ref("ml-vpc", "id"), subnetwork: "projects/ml-prod/regions/us-central1/subnetworks/ml-private" },
                            encryptionSpec: { kmsKeyName: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/colab" },
                            shieldedVmConfig: { enableSecureBoot: true },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.colabRuntimeTemplate, name: "analysts", props: { location: "us-central1", displayName: "analysts" } }],
                [
                    {
                        type: types.colabRuntimeTemplate,
                        name: "analysts",
                        props: {
                            location: "us-central1",
                            displayName: "analysts",
                            networkSpec: { enableInternetAccess: true, network: "projects/ml-prod/global/networks/ml-vpc" },
                            encryptionSpec: { kmsKeyName: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/colab" },
                            shieldedVmConfig: { enableSecureBoot: true },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_compute_network" "ml" {
  name                    = "ml"
  auto_create_subnetworks = false
}

resource "google_colab_runtime_template" "analysts" {
  name         = "analysts"
  location     = "us-central1"
  display_name = "analysts"

  machine_spec {
    machine_type = "e2-standard-4"
  }

  network_spec {
    enable_internet_access = false
    network                = google_compute_network.ml.id
    subnetwork             = "projects/ml-prod/regions/us-central1/subnetworks/ml-private"
  }

  encryption_spec {
    kms_key_name = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/colab"
  }

  shielded_vm_config {
    enable_secure_boot = true
  }
}
`,
            ],
            bad: [
                `resource "google_colab_runtime_template" "analysts" {
  name         = "analysts"
  location     = "us-central1"
  display_name = "analysts"
}
`,
                `resource "google_colab_runtime_template" "analysts" {
  name         = "analysts"
  location     = "us-central1"
  display_name = "analysts"

  network_spec {
    enable_internet_access = true
    network                = "projects/ml-prod/global/networks/ml-vpc"
  }

  encryption_spec {
    kms_key_name = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/colab"
  }

  shielded_vm_config {
    enable_secure_boot = true
  }
}
`,
            ],
        },
    },
});
