import type { InstanceArgs } from "@pulumi/gcp/workbench";
import { defineControl } from "../control";
import { ref } from "../examples";
import { allOf, isComputedValue } from "../helpers/outcomes";
import { type Attr, listItems, prop, within } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";

const DISKS = [
    { block: "bootDisk", name: "boot disk" },
    { block: "dataDisks", name: "data disk" },
] as const;

/** One disk block: `diskEncryption` must be "CMEK" (absent means "GMEK") and `kmsKey` present. */
function checkDisk(instance: Resource, block: Attr, name: string): CheckResult {
    const encryption = within(instance, block, "diskEncryption");
    const key = within(instance, block, "kmsKey");
    const Name = name[0].toUpperCase() + name.slice(1);
    if (encryption.state === "unknown") {
        return unknown(encryption, `The ${name} encryption (${encryption.path}) is computed; it must be "CMEK" with a kmsKey.`);
    }
    if (encryption.state === "absent") {
        return fail(
            encryption,
            `${Name} encryption (${encryption.path}) is not set, so the provider default "GMEK" (Google-managed keys) applies; set "CMEK" and a kmsKey.`,
            "GMEK",
        );
    }
    if (encryption.value !== "CMEK") {
        return fail(encryption, `${Name} encryption (${encryption.path}) is not "CMEK"; set "CMEK" and a kmsKey.`);
    }
    // A key computed from another resource (`key.id` during preview) is a configured CMEK.
    if (isComputedValue(key)) return pass(key, `The ${name} is encrypted with a customer-managed key.`);
    if (key.state === "unknown") return unknown(key, `The ${name} key (${key.path}) is computed; it must be set.`);
    if (typeof key.value !== "string" || key.value.trim() === "") {
        return fail(key, `${Name} encryption is "CMEK" but no key is set (${key.path}); set the Cloud KMS crypto key id.`);
    }
    return pass(key, `The ${name} is encrypted with a customer-managed key.`);
}

export default defineControl<InstanceArgs>({
    id: "gcp-workbench-cmek-disks",
    title: "Vertex AI Workbench boot and data disks must be encrypted with a customer-managed key (CMEK)",
    severity: "high",
    provider: "gcp",
    rationale:
        "Workbench disks hold notebooks, cached training data, credentials and model checkpoints. Encrypting them with a " +
        "customer-managed Cloud KMS key keeps them under your key's IAM, audit logs and revocation. The provider default is " +
        "`GMEK` (Google-managed keys) for both disks, every instance has a data disk even when `dataDisks` is not written, " +
        "and the setting is input-only and immutable: fixing it later means recreating the instance.",
    remediation: {
        terraform:
            'In `gce_setup`, set `disk_encryption = "CMEK"` and `kms_key = google_kms_crypto_key.<key>.id` in both the `boot_disk` and the ' +
            "`data_disks` block, with a key in the instance's region; grant the Compute Engine and Notebooks service agents " +
            "`roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.",
        pulumi:
            'In `gceSetup`, set `bootDisk: { diskEncryption: "CMEK", kmsKey: key.id }` and the same in `dataDisks`, with a key in the ' +
            "instance's region; grant the Compute Engine and Notebooks service agents `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.",
    },
    frameworks: {
        "gcp-org-policy": ["gcp.restrictNonCmekServices"],
        "gcp-scc": ["DISK_CMEK_DISABLED"],
        "nist-800-53": ["SC-28", "SC-12"],
        "owasp-ml": ["ML05"],
    },
    tags: ["workbench", "notebook", "encryption", "cmek", "vertex-ai"],
    aliases: {},
    subjects: [types.workbenchInstance],
    scope: "resource",
    options: {},
    check(instance) {
        const results: CheckResult[] = [];
        for (const disk of DISKS) {
            const block = prop(instance, `gceSetup.${disk.block}`);
            // A list where the schema has one object (an odd shape) is checked entry by entry.
            const entries = block.node?.kind === "list" && block.node.items.length > 0 ? listItems(instance, block) : [block];
            for (const entry of entries) results.push(checkDisk(instance, entry, disk.name));
        }
        return allOf(instance, results, "The boot and data disks are encrypted with customer-managed keys.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKeyRing, name: "ml", props: { name: "ml", location: "us-central1" } },
                    { type: types.kmsCryptoKey, name: "workbench", props: { name: "workbench", keyRing: ref("ml", "id"), rotationPeriod: "7776000s" } },
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            gceSetup: {
                                machineType: "n2-standard-4",
                                disablePublicIp: true,
                                bootDisk: { diskEncryption: "CMEK", kmsKey: ref("workbench", "id") },
                                dataDisks: { diskEncryption: "CMEK", kmsKey: ref("workbench", "id"), diskSizeGb: "200" },
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
                                bootDisk: {
                                    diskEncryption: "CMEK",
                                    kmsKey: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/workbench",
                                },
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
                            gceSetup: {
                                machineType: "n2-standard-4",
                                bootDisk: { diskEncryption: "CMEK" },
                                dataDisks: { diskEncryption: "GMEK" },
                            },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_kms_key_ring" "ml" {
  name     = "ml"
  location = "us-central1"
}

resource "google_kms_crypto_key" "workbench" {
  name            = "workbench"
  key_ring        = google_kms_key_ring.ml.id
  rotation_period = "7776000s"
}

resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = true

    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.workbench.id
    }

    data_disks {
      disk_size_gb    = 200
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.workbench.id
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

    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/workbench"
    }
  }
}
`,
                `resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"

    boot_disk {
      disk_encryption = "CMEK"
    }

    data_disks {
      disk_encryption = "GMEK"
    }
  }
}
`,
            ],
        },
    },
});
