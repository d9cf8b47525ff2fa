import { defineControl } from "../control";
import { ref } from "../examples";
import type { ResourceGraph } from "../graph";
import { type IamGrant, iamGrants } from "../helpers/gcp-iam";
import { UNKNOWN } from "../helpers/props";
import { allOf } from "../helpers/outcomes";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";

const ADMIN = "roles/cloudkms.admin";
const CRYPTO_ROLES = ["roles/cloudkms.cryptokeyencrypterdecrypter", "roles/cloudkms.cryptokeyencrypter", "roles/cloudkms.cryptokeydecrypter"];
const KMS_IAM = [
    types.kmsCryptoKeyIamMember, types.kmsCryptoKeyIamBinding, types.kmsCryptoKeyIamPolicy,
    types.kmsKeyRingIamMember, types.kmsKeyRingIamBinding, types.kmsKeyRingIamPolicy,
];
const PROJECT_IAM = [
    types.projectIamMember, types.projectIamBinding, types.projectIamPolicy,
    types.folderIamMember, types.folderIamBinding, types.folderIamPolicy,
    types.organizationIamMember, types.organizationIamBinding, types.organizationIamPolicy,
];

const norm = (s: string) => s.trim().toLowerCase();

/**
 * A principal as a join key: the literal member, or the address of the service account a computed
 * member refers to (`serviceAccount:${sa.email}` during preview); undefined when it cannot be told.
 */
function memberKey(graph: ResourceGraph, resource: Resource, grant: IamGrant): string | undefined {
    if (typeof grant.member === "string") return norm(grant.member);
    if (grant.member !== UNKNOWN) return undefined;
    const target = graph.targets(resource, grant.path.split(".")[0], [types.serviceAccount])[0];
    return target ? `resource:${target.id}` : undefined;
}

/** Members holding a Cloud KMS encrypt/decrypt role anywhere in the graph, computed once per graph. */
const cryptoHolders = new WeakMap<ResourceGraph, Set<string>>();
function holdersOf(graph: ResourceGraph): Set<string> {
    let set = cryptoHolders.get(graph);
    if (set) return set;
    set = new Set();
    for (const r of graph.ofType(...KMS_IAM, ...PROJECT_IAM)) {
        for (const g of iamGrants(r).grants) {
            const key = typeof g.role === "string" && CRYPTO_ROLES.includes(norm(g.role)) ? memberKey(graph, r, g) : undefined;
            if (key) set.add(key);
        }
    }
    cryptoHolders.set(graph, set);
    return set;
}

export default defineControl<unknown>({
    id: "gcp-kms-separation-of-duties",
    title: "Cloud KMS: no principal may both administer keys and use them; no KMS roles for users at project level",
    severity: "medium",
    provider: "gcp",
    rationale:
        "`roles/cloudkms.admin` can change a key's IAM policy, rotate and destroy it; the encrypter/decrypter roles use it. " +
        "One principal with both can grant itself or others decryption of every CMEK-protected dataset and model, and " +
        "destroy the evidence. KMS roles granted to users at project, folder or organization level reach every key " +
        "beneath; grant key-level roles to service agents instead.",
    remediation: {
        terraform:
            "Grant `roles/cloudkms.admin` and the `cryptoKeyEncrypterDecrypter` / `Encrypter` / `Decrypter` roles to different principals, " +
            "on the key (`google_kms_crypto_key_iam_member`) rather than the project; do not grant KMS roles to `user:` members in `google_project_iam_*`.",
        pulumi:
            "Grant `roles/cloudkms.admin` and the `cryptoKeyEncrypterDecrypter` / `Encrypter` / `Decrypter` roles to different principals, " +
            "on the key (`gcp.kms.CryptoKeyIAMMember`) rather than the project; do not grant KMS roles to `user:` members in `gcp.projects.IAMMember`.",
    },
    frameworks: {
        "cis-gcp": ["1.11"],
        prowler: ["iam_role_kms_enforce_separation_of_duties"],
        "gcp-scc": ["KMS_ROLE_SEPARATION"],
        "nist-800-53": ["AC-5"],
    },
    tags: ["kms", "iam", "least-privilege"],
    aliases: {},
    subjects: [...KMS_IAM, ...PROJECT_IAM],
    related: [types.serviceAccount],
    scope: "stack",
    options: {},
    check(resource: Resource, { graph }) {
        const projectLevel = PROJECT_IAM.some((t) => t.token === resource.type);
        const results: CheckResult[] = [];
        let kmsGrant = false;
        for (const g of iamGrants(resource).grants) {
            if (typeof g.role !== "string" || !norm(g.role).startsWith("roles/cloudkms.")) continue;
            kmsGrant = true;
            const at = { path: g.rolePath, state: "explicit" as const, value: g.role, location: g.roleLocation };
            const key = memberKey(graph, resource, g);
            if (norm(g.role) === ADMIN && key === undefined) {
                results.push(unknown({ ...at, path: g.path, state: "unknown" }, `${g.path} is computed; the holder of ${ADMIN} must not also hold a Cloud KMS encrypt/decrypt role.`));
                continue;
            }
            if (key === undefined) continue;
            if (norm(g.role) === ADMIN && holdersOf(graph).has(key)) {
                results.push(fail(at, `${g.path} holds ${ADMIN} and, elsewhere in this stack, a Cloud KMS encrypt/decrypt role; give key administration and key use to different principals.`));
            }
            if (projectLevel && key.startsWith("user:")) {
                results.push(fail(at, `${g.rolePath} grants a Cloud KMS role to a user (${g.path}) at project, folder or organization level; grant key-level roles to service accounts instead.`));
            }
        }
        if (!kmsGrant && projectLevel) return [pass(resource, "The grant holds no Cloud KMS role.")];
        return allOf(resource, results, "Cloud KMS administration and use are held by different principals.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.serviceAccount, name: "kms-admin", props: { accountId: "kms-admin" } },
                    { type: types.serviceAccount, name: "trainer", props: { accountId: "trainer" } },
                    {
                        type: types.kmsCryptoKeyIamMember,
                        name: "key-admin",
                        props: { cryptoKeyId: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models", role: ADMIN, member: ref("kms-admin", "member") },
                    },
                    {
                        type: types.kmsCryptoKeyIamMember,
                        name: "trainer-use",
                        props: { cryptoKeyId: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: ref("trainer", "member") },
                    },
                    {
                        type: types.kmsCryptoKeyIamMember,
                        name: "vertex-agent",
                        props: {
                            cryptoKeyId: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models",
                            role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                            member: "serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com",
                        },
                    },
                ],
            ],
            bad: [
                [
                    { type: types.kmsKeyRingIamMember, name: "ring-admin", props: { keyRingId: "projects/ml-prod/locations/us-central1/keyRings/ml", role: ADMIN, member: "group:ml-platform@example.com" } },
                    {
                        type: types.kmsCryptoKeyIamMember,
                        name: "platform-decrypt",
                        props: { cryptoKeyId: "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models", role: "roles/cloudkms.cryptoKeyDecrypter", member: "group:ml-platform@example.com" },
                    },
                ],
                [{ type: types.projectIamMember, name: "alice-kms", props: { project: "ml-prod", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: "user:alice@example.com" } }],
            ],
        },
        terraform: {
            good: [
                `resource "google_kms_crypto_key_iam_member" "key_admin" {
  crypto_key_id = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models"
  role          = "roles/cloudkms.admin"
  member        = "group:kms-admins@example.com"
}

resource "google_kms_crypto_key_iam_member" "vertex_agent" {
  crypto_key_id = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models"
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com"
}
`,
            ],
            bad: [
                `resource "google_kms_key_ring_iam_member" "ring_admin" {
  key_ring_id = "projects/ml-prod/locations/us-central1/keyRings/ml"
  role        = "roles/cloudkms.admin"
  member      = "group:ml-platform@example.com"
}

resource "google_kms_crypto_key_iam_member" "platform_decrypt" {
  crypto_key_id = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models"
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  member        = "group:ml-platform@example.com"
}
`,
                `resource "google_project_iam_member" "alice_kms" {
  project = "ml-prod"
  role    = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member  = "user:alice@example.com"
}
`,
            ],
        },
    },
});
