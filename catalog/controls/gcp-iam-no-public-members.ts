import { defineControl } from "../control";
import { ref } from "../examples";
import { type IamGrant, iamGrants } from "../helpers/gcp-iam";
import { allOf } from "../helpers/outcomes";
import { UNKNOWN } from "../helpers/props";
import { couldBeOneOf } from "../helpers/refinements";
import { fail, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";

/** Principals that stand for everyone: anyone on the internet, or anyone with a Google account. */
const PUBLIC_MEMBERS = ["allusers", "allauthenticatedusers", "principalset://goog/public:all"];

function isPublic(member: string): boolean {
    return PUBLIC_MEMBERS.includes(member.trim().toLowerCase());
}

/** The public principal's canonical name (a constant, never the raw value, which may be a secret). */
function publicName(member: string): string {
    const display: Record<string, string> = {
        allusers: "allUsers",
        allauthenticatedusers: "allAuthenticatedUsers",
        "principalset://goog/public:all": "principalSet://goog/public:all",
    };
    return display[member.trim().toLowerCase()] ?? "allUsers";
}

export default defineControl<unknown>({
    id: "gcp-iam-no-public-members",
    title: "GCP IAM must not grant roles to allUsers or allAuthenticatedUsers",
    severity: "critical",
    provider: "gcp",
    rationale:
        "`allUsers` is anyone on the internet and `allAuthenticatedUsers` is anyone with any Google account. Granting either " +
        "a role on a project, a training-data or model bucket, a KMS key, a service account, a Workbench instance or a " +
        "Vertex AI endpoint or feature store exposes ML data, keys or models publicly. An IAM condition does not make a " +
        "public grant safe: the principal is still everyone.",
    remediation: {
        terraform:
            "Remove `allUsers` / `allAuthenticatedUsers` from `member`, `members` and the `policy_data` bindings; grant the role to " +
            "specific groups or service accounts. Enforce `iam.allowedPolicyMemberDomains` at the organization.",
        pulumi:
            "Remove `allUsers` / `allAuthenticatedUsers` from `member`, `members` and the `policyData` bindings; grant the role to " +
            "specific groups or service accounts. Enforce `iam.allowedPolicyMemberDomains` at the organization.",
    },
    frameworks: {
        "cis-gcp": ["1.9", "5.1"],
        prowler: ["cloudstorage_bucket_public_access", "kms_key_not_publicly_accessible"],
        "gcp-scc": ["PUBLIC_BUCKET_ACL", "KMS_PUBLIC_KEY"],
        "gcp-org-policy": ["iam.allowedPolicyMemberDomains"],
        "nist-800-53": ["AC-3", "AC-21"],
        "owasp-ml": ["ML05"],
    },
    tags: ["iam", "public-access", "storage", "kms", "vertex-ai", "workbench"],
    aliases: { checkov: ["CKV_GCP_28"], tfsec: ["google-storage-no-public-access"], trivy: ["AVD-GCP-0001"] },
    subjects: [
        types.projectIamMember, types.projectIamBinding, types.projectIamPolicy,
        types.folderIamMember, types.folderIamBinding, types.folderIamPolicy,
        types.organizationIamMember, types.organizationIamBinding, types.organizationIamPolicy,
        types.storageBucketIamMember, types.storageBucketIamBinding, types.storageBucketIamPolicy,
        types.storageManagedFolderIamMember, types.storageManagedFolderIamBinding, types.storageManagedFolderIamPolicy,
        types.kmsCryptoKeyIamMember, types.kmsCryptoKeyIamBinding, types.kmsCryptoKeyIamPolicy,
        types.kmsKeyRingIamMember, types.kmsKeyRingIamBinding, types.kmsKeyRingIamPolicy,
        types.serviceAccountIamMember, types.serviceAccountIamBinding, types.serviceAccountIamPolicy,
        types.workbenchInstanceIamMember, types.workbenchInstanceIamBinding, types.workbenchInstanceIamPolicy,
        types.notebooksInstanceIamMember, types.notebooksInstanceIamBinding, types.notebooksInstanceIamPolicy,
        types.notebooksRuntimeIamMember, types.notebooksRuntimeIamBinding, types.notebooksRuntimeIamPolicy,
        types.colabRuntimeTemplateIamMember, types.colabRuntimeTemplateIamBinding, types.colabRuntimeTemplateIamPolicy,
        types.vertexEndpointIamMember, types.vertexEndpointIamBinding, types.vertexEndpointIamPolicy,
        types.vertexFeatureGroupIamMember, types.vertexFeatureGroupIamBinding, types.vertexFeatureGroupIamPolicy,
        types.vertexFeatureOnlineStoreIamMember, types.vertexFeatureOnlineStoreIamBinding, types.vertexFeatureOnlineStoreIamPolicy,
        types.vertexFeatureOnlineStoreFeatureviewIamMember, types.vertexFeatureOnlineStoreFeatureviewIamBinding,
        types.vertexFeatureOnlineStoreFeatureviewIamPolicy,
        types.vertexFeatureStoreIamMember, types.vertexFeatureStoreIamBinding, types.vertexFeatureStoreIamPolicy,
        types.vertexFeatureStoreEntityTypeIamMember, types.vertexFeatureStoreEntityTypeIamBinding,
        types.vertexFeatureStoreEntityTypeIamPolicy,
        types.vertexReasoningEngineIamMember, types.vertexReasoningEngineIamBinding, types.vertexReasoningEngineIamPolicy,
    ],
    scope: "resource",
    options: {},
    check(resource) {
        const { grants, unreadable } = iamGrants(resource);
        const results: CheckResult[] = [];
        for (const grant of grants) {
            const at = { path: grant.path, state: "explicit" as const, value: undefined, location: grant.location };
            if (typeof grant.member === "string" && isPublic(grant.member)) {
                results.push(
                    fail(
                        { ...at, value: grant.member },
                        `${grant.path} grants a role to the public principal ${publicName(grant.member)}; grant it to specific groups or service accounts instead.`,
                    ),
                );
            } else if (grant.member === UNKNOWN && couldBeOneOf(grant.memberNode, PUBLIC_MEMBERS, { ignoreCase: true })) {
                // A computed member known to start with `serviceAccount:` (or to be one resource's e-mail) is not public.
                results.push(unknown({ ...at, state: "unknown" }, `${grant.path} is computed; it must not be allUsers or allAuthenticatedUsers.`));
            }
        }
        for (const u of unreadable) {
            const at = { path: u.path, state: u.reason === "unknown" ? ("unknown" as const) : ("explicit" as const), value: undefined, location: u.location };
            results.push(
                u.reason === "unknown"
                    ? unknown(at, `${u.path} is computed; its bindings must not include allUsers or allAuthenticatedUsers.`)
                    : fail(at, `${u.path} is not a JSON IAM policy with a list of bindings, so it cannot be verified; write it as {"bindings": [{"role": …, "members": […]}]}.`),
            );
        }
        return allOf(resource, results, "No role is granted to allUsers or allAuthenticatedUsers.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.storageBucketIamMember,
                        name: "training-data-reader",
                        props: {
                            bucket: "ml-training-data",
                            role: "roles/storage.objectViewer",
                            member: "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com",
                        },
                    },
                    {
                        type: types.kmsCryptoKeyIamBinding,
                        name: "model-key-users",
                        props: {
                            cryptoKeyId: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models",
                            role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                            members: ["serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com"],
                        },
                    },
                    {
                        type: types.vertexEndpointIamPolicy,
                        name: "endpoint-policy",
                        props: {
                            endpoint: "projects/ml-prod/locations/us-central1/endpoints/1234567890",
                            policyData: JSON.stringify({
                                bindings: [{ role: "roles/aiplatform.user", members: ["group:ml-consumers@example.com"] }],
                            }),
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.storageBucketIamMember,
                        name: "public-models",
                        props: { bucket: "ml-model-artifacts", role: "roles/storage.objectViewer", member: "allUsers" },
                    },
                ],
                [
                    {
                        type: types.kmsCryptoKeyIamBinding,
                        name: "model-key-users",
                        props: {
                            cryptoKeyId: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models",
                            role: "roles/cloudkms.cryptoKeyDecrypter",
                            members: ["serviceAccount:trainer@ml-prod.iam.gserviceaccount.com", "allAuthenticatedUsers"],
                        },
                    },
                ],
                [
                    {
                        type: types.vertexEndpointIamPolicy,
                        name: "endpoint-policy",
                        props: {
                            endpoint: "projects/ml-prod/locations/us-central1/endpoints/1234567890",
                            policyData: JSON.stringify({
                                bindings: [{ role: "roles/aiplatform.user", members: ["allUsers"] }],
                            }),
                        },
                    },
                ],
                [
                    { type: types.workbenchInstance, name: "research", props: { location: "us-central1-a" } },
                    {
                        type: types.workbenchInstanceIamMember,
                        name: "research-users",
                        props: {
                            location: "us-central1-a",
                            name: ref("research", "name"),
                            role: "roles/notebooks.viewer",
                            member: "allAuthenticatedUsers",
                            condition: {
                                title: "business-hours",
                                expression: 'request.time.getHours("Europe/Berlin") < 18',
                            },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_storage_bucket_iam_member" "training_data_reader" {
  bucket = "ml-training-data"
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com"
}

resource "google_vertex_ai_endpoint_iam_policy" "endpoint" {
  endpoint = "projects/ml-prod/locations/us-central1/endpoints/serving"
  location = "us-central1"
  policy_data = jsonencode({
    bindings = [
      {
        role    = "roles/aiplatform.user"
        members = ["group:ml-consumers@example.com"]
      },
    ]
  })
}
`,
            ],
            bad: [
                `resource "google_storage_bucket_iam_member" "public_models" {
  bucket = "ml-model-artifacts"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`,
                `resource "google_kms_crypto_key_iam_binding" "model_key_users" {
  crypto_key_id = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models"
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  members = [
    "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com",
    "allAuthenticatedUsers",
  ]
}
`,
                `resource "google_project_iam_policy" "ml_prod" {
  project = "ml-prod"
  policy_data = jsonencode({
    bindings = [
      {
        role    = "roles/aiplatform.user"
        members = ["allUsers"]
      },
    ]
  })
}
`,
                `resource "google_workbench_instance_iam_member" "research_users" {
  location = "us-central1-a"
  name     = "research"
  role     = "roles/notebooks.viewer"
  member   = "allAuthenticatedUsers"

  condition {
    title      = "business-hours"
    expression = "request.time.getHours(\\"Europe/Berlin\\") < 18"
  }
}
`,
            ],
        },
    },
});
