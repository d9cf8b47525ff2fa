import { defineControl } from "../control";
import { ref } from "../examples";
import { fail, pass } from "../helpers/results";
import { types } from "../resource-types";

export default defineControl<unknown>({
    id: "gcp-iam-no-user-managed-sa-keys",
    title: "GCP service accounts must not have user-managed keys",
    severity: "high",
    provider: "gcp",
    rationale:
        "A `google_service_account_key` is a long-lived credential for the notebook, training or serving identity: a private " +
        "key (in the Terraform state and wherever it is copied to) or an uploaded public key whose private half lives " +
        "somewhere you do not control. Google does not rotate either, and a leaked key works from anywhere until someone " +
        "deletes it. Attached service accounts, Workload Identity Federation and short-lived tokens remove the need.",
    remediation: {
        terraform:
            "Remove the `google_service_account_key`; attach the service account to the workload (Workbench, Vertex AI custom jobs, GKE " +
            "Workload Identity) or use Workload Identity Federation from CI. Enforce `iam.disableServiceAccountKeyCreation`.",
        pulumi:
            "Remove the `gcp.serviceaccount.Key`; attach the service account to the workload (Workbench, Vertex AI custom jobs, GKE " +
            "Workload Identity) or use Workload Identity Federation from CI. Enforce `iam.disableServiceAccountKeyCreation`.",
    },
    frameworks: {
        "cis-gcp": ["1.4"],
        "gcp-scc": ["USER_MANAGED_SERVICE_ACCOUNT_KEY"],
        "gcp-org-policy": ["iam.disableServiceAccountKeyCreation"],
        "nist-800-53": ["IA-5", "AC-2"],
    },
    tags: ["iam", "credentials"],
    aliases: {},
    subjects: [types.serviceAccountKey, types.serviceAccount],
    scope: "resource",
    options: {},
    check(resource) {
        if (resource.type === types.serviceAccountKey.token) {
            return [
                fail(
                    resource,
                    "This is a user-managed service-account key, a long-lived credential Google never rotates; remove it and use attached service accounts or Workload Identity Federation.",
                ),
            ];
        }
        // The account itself is compliant; any key made for it is a resource of its own and fails there.
        return [pass(resource, "The service account is not a key; user-managed keys are reported on their own key resources.")];
    },
    examples: {
        pulumi: {
            good: [[{ type: types.serviceAccount, name: "trainer", props: { accountId: "trainer" } }]],
            bad: [
                [
                    { type: types.serviceAccount, name: "trainer", props: { accountId: "trainer" } },
                    { type: types.serviceAccountKey, name: "trainer-key", props: { serviceAccountId: ref("trainer", "name") } },
                ],
                [{ type: types.serviceAccountKey, name: "uploaded", props: { serviceAccountId: "trainer@ml-prod.iam.gserviceaccount.com", publicKeyData: "LS0tLS1CRUdJTi..." } }],
            ],
        },
        terraform: {
            good: [
                `resource "google_service_account" "trainer" {
  account_id = "trainer"
}
`,
            ],
            bad: [
                `resource "google_service_account" "trainer" {
  account_id = "trainer"
}

resource "google_service_account_key" "trainer" {
  service_account_id = google_service_account.trainer.name
}
`,
            ],
        },
    },
});
