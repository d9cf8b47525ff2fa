import type { InstanceArgs } from "@pulumi/gcp/workbench";
import { defineControl } from "../control";
import { shieldedVmResults } from "../helpers/gcp-vm";
import { allOf } from "../helpers/outcomes";
import { types } from "../resource-types";

export default defineControl<InstanceArgs>({
    id: "gcp-workbench-shielded-vm",
    title: "Vertex AI Workbench instances must use Shielded VM (Secure Boot, vTPM, integrity monitoring)",
    severity: "medium",
    provider: "gcp",
    rationale:
        "Shielded VM protects the notebook VM against boot-level and kernel-level malware: Secure Boot refuses unsigned boot " +
        "components, the virtual TPM holds measured-boot evidence, and integrity monitoring compares each boot with the " +
        "baseline. vTPM and integrity monitoring are on by default, but Secure Boot is off unless " +
        "`shieldedInstanceConfig.enableSecureBoot` is true.",
    remediation: {
        terraform:
            "In `gce_setup`, add `shielded_instance_config { enable_secure_boot = true, enable_vtpm = true, enable_integrity_monitoring = true }`.",
        pulumi:
            "In `gceSetup`, set `shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true }`.",
    },
    frameworks: {
        "cis-gcp": ["4.8"],
        "gcp-scc": ["SHIELDED_VM_DISABLED"],
        "nist-800-53": ["SI-7", "SI-7(9)"],
    },
    tags: ["workbench", "notebook", "vertex-ai", "integrity"],
    aliases: {},
    subjects: [types.workbenchInstance],
    scope: "resource",
    options: {},
    check(instance) {
        return allOf(instance, shieldedVmResults(instance, "gceSetup.shieldedInstanceConfig"), "Secure Boot, vTPM and integrity monitoring are on.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            gceSetup: {
                                machineType: "n2-standard-4",
                                shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
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
                            gceSetup: { machineType: "n2-standard-4", shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: false } },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"

    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
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
    machine_type = "n2-standard-4"

    shielded_instance_config {
      enable_secure_boot = false
    }
  }
}
`,
            ],
        },
    },
});
