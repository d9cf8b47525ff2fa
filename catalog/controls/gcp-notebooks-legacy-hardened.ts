import { defineControl } from "../control";
import { ref } from "../examples";
import { dedicatedServiceAccount, expectKmsKey, expectMetadataTrue, shieldedVmResults } from "../helpers/gcp-vm";
import { allOf, expectBoolean } from "../helpers/outcomes";
import { anyProp } from "../helpers/props";
import { fail } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";

const DEPRECATED =
    "the legacy Notebooks API is deprecated (the SDK says: use gcp.workbench.Instance / google_workbench_instance instead)";

function checkInstance(graph: Parameters<typeof dedicatedServiceAccount>[0], nb: Resource): CheckResult[] {
    const results: CheckResult[] = [
        expectBoolean(anyProp(nb, "noPublicIp"), true, { defaultValue: false, what: "Public IP disabling", fix: "set noPublicIp to true" }),
    ];
    const encryption = anyProp(nb, "diskEncryption");
    if (encryption.state === "absent") {
        results.push(fail(encryption, 'Disk encryption (diskEncryption) is not set, so the provider default "GMEK" applies; set "CMEK" and a kmsKey.', "GMEK"));
    } else if (encryption.state === "explicit" && encryption.value !== "CMEK") {
        results.push(fail(encryption, 'Disk encryption (diskEncryption) is not "CMEK"; set "CMEK" and a kmsKey.'));
    } else {
        results.push(expectKmsKey(anyProp(nb, "kmsKey"), "The instance's disks", "set diskEncryption = \"CMEK\" and kmsKey"));
    }
    results.push(dedicatedServiceAccount(graph, nb, anyProp(nb, "serviceAccount"), types.serviceAccount, "set serviceAccount to a dedicated service account"));
    results.push(...shieldedVmResults(nb, "shieldedInstanceConfig"));
    results.push(expectMetadataTrue(nb, "metadata", "notebook-disable-root", "Root access disabling"));
    return results;
}

function checkRuntime(rt: Resource): CheckResult[] {
    const vm = "virtualMachine.virtualMachineConfig";
    return [
        expectBoolean(anyProp(rt, `${vm}.internalIpOnly`), true, {
            defaultValue: false,
            what: "Internal-IP-only networking",
            fix: `set ${vm}.internalIpOnly to true`,
        }),
        expectKmsKey(anyProp(rt, `${vm}.encryptionConfig.kmsKey`), "The runtime's disks", `set ${vm}.encryptionConfig.kmsKey`),
        ...shieldedVmResults(rt, `${vm}.shieldedInstanceConfig`),
        expectMetadataTrue(rt, `${vm}.metadata`, "notebook-disable-root", "Root access disabling"),
    ];
}

/** Every message names the deprecation, so a passing legacy resource still tells its owner to migrate. */
function withDeprecation(results: CheckResult[]): CheckResult[] {
    return results.map((r) => ({ ...r, message: `${r.message.replace(/\.$/, "")}; ${DEPRECATED}.` }));
}

export default defineControl<unknown>({
    id: "gcp-notebooks-legacy-hardened",
    title: "Legacy Vertex AI notebooks (instances and runtimes) must meet the Workbench bar: no public IP, CMEK, Shielded VM, no root",
    severity: "high",
    provider: "gcp",
    rationale:
        "`google_notebooks_instance` and `google_notebooks_runtime` (user-managed and managed notebooks) are deprecated, but " +
        "still deployed, and their defaults are the insecure ones: an external IP (`noPublicIp` / `internalIpOnly` false), " +
        "Google-managed disk keys, the Compute Engine default service account, Secure Boot off and root access on. Until " +
        "they are migrated to Workbench instances they must meet the same bar; every finding also says the type is deprecated.",
    remediation: {
        terraform:
            "Migrate to `google_workbench_instance`. Until then: on `google_notebooks_instance` set `no_public_ip = true`, " +
            '`disk_encryption = "CMEK"` with `kms_key`, a dedicated `service_account`, `shielded_instance_config { enable_secure_boot = true }` ' +
            'and `metadata = { "notebook-disable-root" = "true" }`; on `google_notebooks_runtime` set, in ' +
            "`virtual_machine.virtual_machine_config`, `internal_ip_only = true`, `encryption_config { kms_key = … }`, Secure Boot and the same metadata.",
        pulumi:
            "Migrate to `gcp.workbench.Instance`. Until then: on `gcp.notebooks.Instance` set `noPublicIp: true`, " +
            '`diskEncryption: "CMEK"` with `kmsKey`, a dedicated `serviceAccount`, `shieldedInstanceConfig: { enableSecureBoot: true }` ' +
            'and `metadata: { "notebook-disable-root": "true" }`; on `gcp.notebooks.Runtime` set, in ' +
            "`virtualMachine.virtualMachineConfig`, `internalIpOnly: true`, `encryptionConfig.kmsKey`, Secure Boot and the same metadata.",
    },
    frameworks: {
        "cis-gcp": ["4.1", "4.8", "4.9"],
        "gcp-org-policy": ["ainotebooks.restrictPublicIp", "ainotebooks.disableRootAccess", "gcp.restrictNonCmekServices"],
        "gcp-scc": ["PUBLIC_IP_ADDRESS", "DISK_CMEK_DISABLED", "SHIELDED_VM_DISABLED", "DEFAULT_SERVICE_ACCOUNT_USED"],
        "nist-800-53": ["SC-7", "SC-28", "SI-7", "AC-6"],
        "owasp-ml": ["ML05", "ML06"],
    },
    tags: ["notebook", "vertex-ai", "deprecated", "network", "encryption"],
    aliases: {},
    subjects: [types.notebooksInstance, types.notebooksRuntime],
    related: [types.serviceAccount],
    scope: "stack",
    options: {},
    check(resource, { graph }) {
        const results = resource.type === types.notebooksRuntime.token ? checkRuntime(resource) : checkInstance(graph, resource);
        return withDeprecation(allOf(resource, results, "The legacy notebook meets the Workbench bar."));
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.serviceAccount, name: "legacy-sa", props: { accountId: "legacy-notebook" } },
                    {
                        type: types.notebooksInstance,
                        name: "legacy",
                        props: {
                            location: "us-central1-a",
                            machineType: "n1-standard-4",
                            noPublicIp: true,
                            diskEncryption: "CMEK",
                            kmsKey: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/notebooks",
                            serviceAccount: ref("legacy-sa", "email"),
                            shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
                            metadata: { "notebook-disable-root": "true" },
                        },
                    },
                    {
                        type: types.notebooksRuntime,
                        name: "managed",
                        props: {
                            location: "us-central1",
                            accessConfig: { accessType: "SINGLE_USER", runtimeOwner: "alice@example.com" },
                            virtualMachine: {
                                virtualMachineConfig: {
                                    machineType: "n1-standard-4",
                                    internalIpOnly: true,
                                    encryptionConfig: { kmsKey: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/notebooks" },
                                    shieldedInstanceConfig: { enableSecureBoot: true },
                                    metadata: { "notebook-disable-root": "true" },
                                    dataDisk: { initializeParams: { diskSizeGb: 100 } },
                                },
                            },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.notebooksInstance, name: "legacy", props: { location: "us-central1-a", machineType: "n1-standard-4" } }],
                [
                    {
                        type: types.notebooksRuntime,
                        name: "managed",
                        props: {
                            location: "us-central1",
                            virtualMachine: { virtualMachineConfig: { machineType: "n1-standard-4", dataDisk: { initializeParams: { diskSizeGb: 100 } } } },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_service_account" "legacy" {
  account_id = "legacy-notebook"
}

resource "google_notebooks_instance" "legacy" {
  name            = "legacy"
  location        = "us-central1-a"
  machine_type    = "n1-standard-4"
  no_public_ip    = true
  disk_encryption = "CMEK"
  kms_key         = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/notebooks"
  service_account = google_service_account.legacy.email
  metadata = {
    "notebook-disable-root" = "true"
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}

resource "google_notebooks_runtime" "managed" {
  name     = "managed"
  location = "us-central1"

  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "alice@example.com"
  }

  virtual_machine {
    virtual_machine_config {
      machine_type     = "n1-standard-4"
      internal_ip_only = true
      metadata = {
        "notebook-disable-root" = "true"
      }

      encryption_config {
        kms_key = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/notebooks"
      }

      shielded_instance_config {
        enable_secure_boot = true
      }

      data_disk {
        initialize_params {
          disk_size_gb = 100
        }
      }
    }
  }
}
`,
            ],
            bad: [
                `resource "google_notebooks_instance" "legacy" {
  name         = "legacy"
  location     = "us-central1-a"
  machine_type = "n1-standard-4"
}
`,
                `resource "google_notebooks_runtime" "managed" {
  name     = "managed"
  location = "us-central1"

  virtual_machine {
    virtual_machine_config {
      machine_type     = "n1-standard-4"
      internal_ip_only = false

      data_disk {
        initialize_params {
          disk_size_gb = 100
        }
      }
    }
  }
}
`,
            ],
        },
    },
});
