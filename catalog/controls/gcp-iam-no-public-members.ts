import { defineControl } from "../control";
import { ref } from "../examples";
import { type IamGrant, iamGrants } from "../helpers/gcp-iam";
import { allOf } from "../helpers/outcomes";
import { type Attr, UNKNOWN, anyProp, listItems } from "../helpers/props";
import { couldBeOneOf } from "../helpers/refinements";
import { fail, unknown } from "../helpers/results";
import type { ResourceGraph } from "../graph";
import type { CheckResult, Resource } from "../model";
import { type ResourceType, types } from "../resource-types";

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

/** Cloud Storage ACL resources: one `entity`, or `roleEntities` written as `ROLE:entity`. */
const ACL_ENTITY_TYPES = [types.storageBucketAccessControl, types.storageDefaultObjectAccessControl, types.storageObjectAccessControl];
const ACL_LIST_TYPES = [types.storageBucketAcl, types.storageDefaultObjectAcl, types.storageObjectAcl];
/** Predefined ACLs that grant allUsers or allAuthenticatedUsers. */
const PUBLIC_PREDEFINED_ACLS = ["publicread", "publicreadwrite", "authenticatedread"];

/** The ACL entries of a Cloud Storage ACL resource that name a public entity. */
function aclResults(resource: Resource): CheckResult[] {
    const results: CheckResult[] = [];
    const isType = (list: ResourceType[]) => list.some((t) => t.token === resource.type);
    const judge = (attr: Attr, entity: string | undefined) => {
        if (attr.state === "unknown") results.push(unknown(attr, `${attr.path} is computed; it must not be allUsers or allAuthenticatedUsers.`));
        else if (entity !== undefined && isPublic(entity)) {
            results.push(fail(attr, `${attr.path} grants the public entity ${publicName(entity)} access to Cloud Storage data; grant specific groups or service accounts through IAM instead.`));
        }
    };
    if (isType(ACL_ENTITY_TYPES)) {
        const entity = anyProp(resource, "entity");
        judge(entity, typeof entity.value === "string" ? entity.value : undefined);
    }
    if (isType(ACL_LIST_TYPES)) {
        const list = anyProp(resource, "roleEntities");
        if (list.state === "unknown") judge(list, undefined);
        for (const item of listItems(resource, list)) {
            const text = typeof item.value === "string" ? item.value : undefined;
            judge(item, text === undefined ? undefined : text.slice(text.indexOf(":") + 1));
        }
        for (const field of ["predefinedAcl", "defaultAcl"]) {
            const acl = anyProp(resource, field);
            if (acl.state === "unknown") results.push(unknown(acl, `${field} is computed; it must not be a public predefined ACL.`));
            else if (typeof acl.value === "string" && PUBLIC_PREDEFINED_ACLS.includes(acl.value.trim().toLowerCase())) {
                results.push(fail(acl, `${field} is a predefined ACL that grants allUsers or allAuthenticatedUsers access; use "private" or "projectPrivate".`));
            }
        }
    }
    return results;
}

const KMS_KEY_TYPES = [types.kmsCryptoKeyIamMember, types.kmsCryptoKeyIamBinding, types.kmsCryptoKeyIamPolicy];
const KMS_RING_TYPES = [types.kmsKeyRingIamMember, types.kmsKeyRingIamBinding, types.kmsKeyRingIamPolicy];

/**
 * The Cloud KMS key or key ring an IAM resource governs, for the message (a key reviewer searches for
 * it): the key resource it refers to, by name and address. A literal id is a property value, which may
 * be a secret in a Pulumi stack: the message names its attribute and the evidence carries it.
 */
function kmsTarget(resource: Resource, graph: ResourceGraph): string | undefined {
    const isKey = KMS_KEY_TYPES.some((t) => t.token === resource.type);
    if (!isKey && !KMS_RING_TYPES.some((t) => t.token === resource.type)) return undefined;
    const field = isKey ? "cryptoKeyId" : "keyRingId";
    const kind = isKey ? "Cloud KMS key" : "Cloud KMS key ring";
    const target = graph.targets(resource, field, [isKey ? types.kmsCryptoKey : types.kmsKeyRing])[0];
    return target ? `${kind} ${target.name} (${target.id})` : `the ${kind} in ${field}`;
}

/** The key or key ring a KMS IAM resource governs, for reports: its address when joined, else its literal id. */
function kmsGoverned(resource: Resource, graph: ResourceGraph): CheckResult["governs"] {
    const isKey = KMS_KEY_TYPES.some((t) => t.token === resource.type);
    if (!isKey && !KMS_RING_TYPES.some((t) => t.token === resource.type)) return undefined;
    const field = isKey ? "cryptoKeyId" : "keyRingId";
    const kind = isKey ? ("kms-key" as const) : ("kms-key-ring" as const);
    const target = graph.targets(resource, field, [isKey ? types.kmsCryptoKey : types.kmsKeyRing])[0];
    if (target) return { kind, name: target.id };
    const literal = anyProp(resource, field);
    return typeof literal.value === "string" && literal.value.trim() !== "" ? { kind, name: literal.value.trim() } : undefined;
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
        ...ACL_ENTITY_TYPES, ...ACL_LIST_TYPES,
    ],
    related: [types.kmsCryptoKey, types.kmsKeyRing],
    scope: "resource",
    options: {},
    check(resource, { graph }) {
        const { grants, unreadable } = iamGrants(resource);
        const results: CheckResult[] = aclResults(resource);
        const key = kmsTarget(resource, graph);
        const on = key ? ` on ${key}` : "";
        for (const grant of grants) {
            const at = { path: grant.path, state: "explicit" as const, value: undefined, location: grant.location };
            if (typeof grant.member === "string" && isPublic(grant.member)) {
                const result = fail(
                    { ...at, value: grant.member },
                    `${grant.path} grants a role${on} to the public principal ${publicName(grant.member)}; grant it to specific groups or service accounts instead.`,
                );
                const governs = kmsGoverned(resource, graph);
                if (governs) result.governs = governs;
                results.push(result);
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
                [
                    {
                        type: types.storageBucketAccessControl,
                        name: "public-read",
                        props: { bucket: "ml-model-artifacts", role: "READER", entity: "allUsers" },
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
                `resource "google_storage_bucket_acl" "models" {
  bucket = "ml-model-artifacts"
  role_entity = [
    "OWNER:project-owners-123456789012",
    "READER:allAuthenticatedUsers",
  ]
}
`,
            ],
        },
    },
});
