import type { InstanceArgs } from "@pulumi/gcp/workbench";
import { defineControl } from "../control";
import { ref } from "../examples";
import { dedicatedServiceAccount, singleOwner } from "../helpers/gcp-vm";
import { allOf } from "../helpers/outcomes";
import { prop } from "../helpers/props";
import { types } from "../resource-types";

export default defineControl<InstanceArgs>({
    id: "gcp-workbench-dedicated-service-account",
    title: "Vertex AI Workbench instances must run as a dedicated service account and have a single owner",
    severity: "medium",
    provider: "gcp",
    rationale:
        "Without `serviceAccounts` a Workbench instance runs as the Compute Engine default service account, which is shared " +
        "by every VM of the project, often holds Editor, and which every user who may act as it can use to open the " +
        "instance. Workbench forces the `cloud-platform` scope, so the account's IAM roles are the only limit on what a " +
        "notebook can reach. A dedicated account with only the roles the notebook needs, and exactly one `instanceOwners` " +
        "entry (single-user access), keeps one person's notebook from becoming everyone's.",
    remediation: {
        terraform:
            "Create a `google_service_account` for the instance, set `gce_setup { service_accounts { email = google_service_account.<sa>.email } }`, " +
            'grant it only data-scoped roles, and set `instance_owners = ["user@example.com"]` (one user).',
        pulumi:
            "Create a `gcp.serviceaccount.Account` for the instance, set `gceSetup.serviceAccounts: [{ email: sa.email }]`, grant it only " +
            'data-scoped roles, and set `instanceOwners: ["user@example.com"]` (one user).',
    },
    frameworks: {
        "cis-gcp": ["4.1", "4.2"],
        "gcp-scc": ["DEFAULT_SERVICE_ACCOUNT_USED", "FULL_API_ACCESS"],
        "gcp-org-policy": ["ainotebooks.accessMode"],
        "nist-800-53": ["AC-6", "IA-2"],
        "owasp-ml": ["ML06"],
    },
    tags: ["workbench", "notebook", "vertex-ai", "iam", "least-privilege"],
    aliases: {},
    subjects: [types.workbenchInstance],
    related: [types.serviceAccount],
    scope: "stack",
    options: {},
    check(instance, { graph }) {
        return allOf(
            instance,
            [
                dedicatedServiceAccount(
                    graph,
                    instance,
                    prop(instance, "gceSetup.serviceAccounts.email"),
                    types.serviceAccount,
                    "set gceSetup.serviceAccounts[0].email to a dedicated service account",
                ),
                singleOwner(prop(instance, "instanceOwners"), "set instanceOwners to the one user of the instance"),
            ],
            "The instance runs as a dedicated service account and has a single owner.",
        );
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.serviceAccount, name: "research-sa", props: { accountId: "research-workbench" } },
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            instanceOwners: ["alice@example.com"],
                            gceSetup: { machineType: "n2-standard-4", serviceAccounts: [{ email: ref("research-sa", "email") }] },
                        },
                    },
                ],
                [
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            instanceOwners: ["alice@example.com"],
                            gceSetup: { machineType: "n2-standard-4", serviceAccounts: [{ email: "research-workbench@ml-prod.iam.gserviceaccount.com" }] },
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
                            instanceOwners: ["alice@example.com"],
                            gceSetup: { machineType: "n2-standard-4", serviceAccounts: [{ email: "123456789012-compute@developer.gserviceaccount.com" }] },
                        },
                    },
                ],
                [
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            instanceOwners: ["alice@example.com", "bob@example.com"],
                            gceSetup: { machineType: "n2-standard-4", serviceAccounts: [{ email: "research-workbench@ml-prod.iam.gserviceaccount.com" }] },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_service_account" "research" {
  account_id   = "research-workbench"
  display_name = "Workbench research"
}

resource "google_workbench_instance" "research" {
  name            = "research"
  location        = "us-central1-a"
  instance_owners = ["alice@example.com"]

  gce_setup {
    machine_type = "n2-standard-4"

    service_accounts {
      email = google_service_account.research.email
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
  name            = "research"
  location        = "us-central1-a"
  instance_owners = ["alice@example.com"]

  gce_setup {
    machine_type = "n2-standard-4"

    service_accounts {
      email = "123456789012-compute@developer.gserviceaccount.com"
    }
  }
}
`,
            ],
        },
    },
});
