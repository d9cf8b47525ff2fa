import type { InstanceArgs } from "@pulumi/gcp/workbench";
import { defineControl } from "../control";
import { expectMetadataTrue } from "../helpers/gcp-vm";
import { allOf } from "../helpers/outcomes";
import { types } from "../resource-types";

export default defineControl<InstanceArgs>({
    id: "gcp-workbench-no-root-access",
    title: "Vertex AI Workbench instances must disable root access",
    severity: "medium",
    provider: "gcp",
    rationale:
        "With root access a notebook user (or a malicious package they install) can change the VM's system configuration, " +
        "read other processes' credentials, turn off the instance's logging and agents, and persist outside the notebook " +
        "environment. Workbench allows sudo unless the `notebook-disable-root` metadata key is \"true\".",
    remediation: {
        terraform: 'In `gce_setup`, set `metadata = { "notebook-disable-root" = "true" }` (merged with your other metadata keys).',
        pulumi: 'In `gceSetup`, set `metadata: { "notebook-disable-root": "true" }` (merged with your other metadata keys).',
    },
    frameworks: {
        "gcp-org-policy": ["ainotebooks.disableRootAccess"],
        "nist-800-53": ["AC-3", "AC-6(2)"],
        "owasp-ml": ["ML06"],
    },
    tags: ["workbench", "notebook", "vertex-ai", "least-privilege"],
    aliases: {},
    subjects: [types.workbenchInstance],
    scope: "resource",
    options: {},
    check(instance) {
        return allOf(
            instance,
            [expectMetadataTrue(instance, "gceSetup.metadata", "notebook-disable-root", "Root access disabling")],
            "Root access is disabled.",
        );
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: { location: "us-central1-a", gceSetup: { machineType: "n2-standard-4", metadata: { "notebook-disable-root": "true" } } },
                    },
                ],
            ],
            bad: [
                [{ type: types.workbenchInstance, name: "research", props: { location: "us-central1-a", gceSetup: { machineType: "n2-standard-4" } } }],
                [
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: { location: "us-central1-a", gceSetup: { machineType: "n2-standard-4", metadata: { "notebook-disable-root": "false" } } },
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
    metadata = {
      "notebook-disable-root" = "true"
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
    metadata = { "notebook-disable-root" = "false" }
  }
}
`,
            ],
        },
    },
});
