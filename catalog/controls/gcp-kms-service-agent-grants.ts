import { defineControl } from "../control";
import { ref } from "../examples";
import type { ResourceGraph } from "../graph";
import { iamGrants } from "../helpers/gcp-iam";
import { type Attr, UNKNOWN, anyProp, listItems } from "../helpers/props";
import { knownPrefix, refinementOf } from "../helpers/refinements";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource, Value } from "../model";
import { type ResourceType, types } from "../resource-types";
import { VERTEX_CMEK_TYPES } from "./gcp-vertex-cmek";

const ROLE = "roles/cloudkms.cryptokeyencrypterdecrypter";

/** A Google service agent: `service-<project-number>@<domain>`. */
interface Agent {
    label: string;
    domain: string;
}
const VERTEX: Agent = { label: "Vertex AI service agent", domain: "gcp-sa-aiplatform.iam.gserviceaccount.com" };
const STORAGE: Agent = { label: "Cloud Storage service agent", domain: "gs-project-accounts.iam.gserviceaccount.com" };
const COMPUTE: Agent = { label: "Compute Engine service agent", domain: "compute-system.iam.gserviceaccount.com" };
const NOTEBOOKS_DOMAIN = "gcp-sa-notebooks.iam.gserviceaccount.com";
const AGENT_DOMAINS = [VERTEX.domain, STORAGE.domain, COMPUTE.domain, NOTEBOOKS_DOMAIN];

/** The agent a `ServiceIdentity` materializes, by the API it is created for. */
const IDENTITY_DOMAINS: Record<string, string> = {
    "aiplatform.googleapis.com": VERTEX.domain,
    "notebooks.googleapis.com": NOTEBOOKS_DOMAIN,
};

/** Where each subject type names its key, and whose agent encrypts with it. */
function keyUses(resource: Resource): Array<{ attr: Attr; agent: Agent }> {
    if (resource.type === types.storageBucket.token) return [{ attr: anyProp(resource, "encryption.defaultKmsKeyName"), agent: STORAGE }];
    if (resource.type === types.workbenchInstance.token) {
        // Workbench disks are Compute Engine disks: the Compute Engine service agent encrypts them.
        const out: Array<{ attr: Attr; agent: Agent }> = [];
        for (const disk of ["bootDisk", "dataDisks"]) {
            const block = anyProp(resource, `gceSetup.${disk}`);
            const entries = block.node?.kind === "list" ? listItems(resource, block) : [block];
            for (const entry of entries) {
                const attr = anyProp(resource, `${entry.path}.kmsKey`);
                out.push({ attr, agent: COMPUTE });
            }
        }
        return out;
    }
    return [{ attr: anyProp(resource, "encryptionSpec.kmsKeyName"), agent: VERTEX }];
}

const CRYPTO_KEY_IAM = [types.kmsCryptoKeyIamMember, types.kmsCryptoKeyIamBinding, types.kmsCryptoKeyIamPolicy];
const KEY_RING_IAM = [types.kmsKeyRingIamMember, types.kmsKeyRingIamBinding, types.kmsKeyRingIamPolicy];
const PROJECT_IAM = [
    types.projectIamMember, types.projectIamBinding, types.projectIamPolicy,
    types.folderIamMember, types.folderIamBinding, types.folderIamPolicy,
    types.organizationIamMember, types.organizationIamBinding, types.organizationIamPolicy,
];

/** What a grant of the Encrypter/Decrypter role is known to give: one agent's domain, or possibly any. */
type Grantee = { domain: string } | "maybe";

/** The grants of the role in a graph, by what they are on (`res:<id>` / `name:<resource name>` / `project`), built once per graph. */
interface GrantIndex {
    byScope: Map<string, Grantee[]>;
    /** Grantees of grants whose key or key ring cannot be told (a computed id without a join). */
    unscoped: Grantee[];
}
const indexes = new WeakMap<ResourceGraph, GrantIndex>();

const norm = (s: string) => s.trim().toLowerCase();

/** Which agent a member is, from its literal text, its known prefix, or the resource it is read from. */
function granteeOf(graph: ResourceGraph, iam: Resource, member: unknown, node: Value | undefined, path: string): Grantee | undefined {
    if (typeof member === "string") {
        const m = /^serviceaccount:service-[^@]+@(.+)$/.exec(norm(member));
        return m ? { domain: m[1] } : undefined;
    }
    if (member !== UNKNOWN) return undefined;
    const identity = graph.targets(iam, path.split(".")[0], [types.projectServiceIdentity])[0];
    if (identity) {
        const service = anyProp(identity, "service");
        if (typeof service.value !== "string") return "maybe";
        const domain = IDENTITY_DOMAINS[norm(service.value)];
        return domain ? { domain } : undefined;
    }
    const attribute = refinementOf(node)?.attribute;
    if (attribute?.type === "google_storage_project_service_account") return { domain: STORAGE.domain };
    // Terraform: `"serviceAccount:${data.google_storage_project_service_account.x.email_address}"` is computed, read from that data source.
    const refs = (node as { refs?: readonly string[] } | undefined)?.refs ?? [];
    if (refs.length === 1 && /(^|\.)data\.google_storage_project_service_account\./.test(refs[0]) && norm(knownPrefix(node) ?? "") === "serviceaccount:") {
        return { domain: STORAGE.domain };
    }
    if (attribute?.type === "google_project_service_identity") return "maybe";
    const prefix = knownPrefix(node);
    if (prefix !== undefined) {
        const p = norm(prefix);
        const agentPrefix = "serviceaccount:service-";
        if (!(agentPrefix.startsWith(p) || p.startsWith(agentPrefix))) return undefined;
        const at = p.indexOf("@");
        if (at >= 0) {
            const domainPart = p.slice(at + 1);
            const possible = AGENT_DOMAINS.filter((d) => d.startsWith(domainPart) || domainPart.startsWith(d));
            if (possible.length === 0) return undefined;
        }
    }
    return "maybe";
}

/** The scopes (`res:` / `name:`) an IAM resource's key or key-ring id names; empty when it cannot be told. */
function scopesOf(graph: ResourceGraph, iam: Resource, property: string, targetTypes: ResourceType[]): string[] {
    const scopes = graph.targets(iam, property, targetTypes).map((t) => `res:${t.id}`);
    const literal = anyProp(iam, property);
    if (typeof literal.value === "string" && literal.value.trim() !== "") scopes.push(`name:${norm(literal.value)}`);
    return scopes;
}

function indexOf(graph: ResourceGraph): GrantIndex {
    let index = indexes.get(graph);
    if (index) return index;
    const built: GrantIndex = { byScope: new Map(), unscoped: [] };
    const add = (scopes: string[], g: Grantee) => {
        if (scopes.length === 0) built.unscoped.push(g);
        for (const s of scopes) {
            const list = built.byScope.get(s);
            if (list) list.push(g);
            else built.byScope.set(s, [g]);
        }
    };
    const read = (iam: Resource, scopes: string[]) => {
        const { grants, unreadable } = iamGrants(iam);
        for (const g of grants) {
            if (g.role !== UNKNOWN && (typeof g.role !== "string" || norm(g.role) !== ROLE)) continue;
            const grantee = granteeOf(graph, iam, g.member, g.memberNode, g.path);
            if (grantee === undefined) continue;
            add(scopes, g.role === UNKNOWN ? "maybe" : grantee);
        }
        if (unreadable.some((u) => u.reason === "unknown")) add(scopes, "maybe");
    };
    for (const iam of graph.ofType(...CRYPTO_KEY_IAM)) read(iam, scopesOf(graph, iam, "cryptoKeyId", [types.kmsCryptoKey]));
    for (const iam of graph.ofType(...KEY_RING_IAM)) read(iam, scopesOf(graph, iam, "keyRingId", [types.kmsKeyRing]));
    // Project, folder and organization grants reach every key beneath them.
    for (const iam of graph.ofType(...PROJECT_IAM)) read(iam, ["project"]);
    indexes.set(graph, built);
    return built;
}

/** The scopes a key use can be granted at: the key (by resource or name), its key ring, and the project. */
function keyScopes(graph: ResourceGraph, subject: Resource, key: Attr): { scopes: string[]; identified: boolean } {
    const scopes: string[] = ["project"];
    let identified = false;
    const addName = (name: string) => {
        const n = norm(name);
        scopes.push(`name:${n}`);
        const ring = /^(.*)\/cryptokeys\/[^/]+/.exec(n)?.[1];
        if (ring) scopes.push(`name:${ring}`);
    };
    if (typeof key.value === "string" && key.value.trim() !== "") {
        identified = true;
        addName(key.value);
    }
    for (const k of keyTargets(graph, subject, key.path)) {
        identified = true;
        scopes.push(`res:${k.id}`);
        for (const ring of graph.targets(k, "keyRing", [types.kmsKeyRing])) scopes.push(`res:${ring.id}`);
        const ringName = anyProp(k, "keyRing");
        const name = anyProp(k, "name");
        if (typeof ringName.value === "string") {
            scopes.push(`name:${norm(ringName.value)}`);
            if (typeof name.value === "string") scopes.push(`name:${norm(ringName.value)}/cryptokeys/${norm(name.value)}`);
        }
    }
    return { scopes, identified };
}

/**
 * The crypto keys a subject refers to at `path`. Terraform records block paths with indexes
 * (`encryptionSpec.0.kmsKeyName`), so each single-item block spelling is tried.
 */
function keyTargets(graph: ResourceGraph, subject: Resource, path: string): Resource[] {
    const segments = path.split(".");
    let spellings = [segments[0]];
    for (const seg of segments.slice(1)) {
        spellings = spellings.flatMap((p) => (/^\d+$/.test(seg) || /\.\d+$/.test(p) ? [`${p}.${seg}`] : [`${p}.${seg}`, `${p}.0.${seg}`]));
    }
    const out: Resource[] = [];
    for (const p of spellings) for (const k of graph.targets(subject, p, [types.kmsCryptoKey])) if (!out.includes(k)) out.push(k);
    return out;
}

function checkUse(graph: ResourceGraph, subject: Resource, key: Attr, agent: Agent): CheckResult | undefined {
    if (key.state === "absent" || key.value === null || key.value === "") return undefined;
    const { scopes, identified } = keyScopes(graph, subject, key);
    const index = indexOf(graph);
    const grantees = scopes.flatMap((s) => index.byScope.get(s) ?? []);
    const who = `the ${agent.label} (service-<project-number>@${agent.domain})`;
    if (grantees.some((g) => g !== "maybe" && g.domain === agent.domain)) {
        return pass(key, `The key in ${key.path} grants roles/cloudkms.cryptoKeyEncrypterDecrypter to ${who}.`);
    }
    if (!identified) {
        return unknown(key, `The key in ${key.path} is computed and not a key of this stack; ${who} must hold roles/cloudkms.cryptoKeyEncrypterDecrypter on it.`);
    }
    if (grantees.includes("maybe") || index.unscoped.length > 0) {
        return unknown(key, `A grant of roles/cloudkms.cryptoKeyEncrypterDecrypter in this stack is computed; it must go to ${who} on the key in ${key.path}.`);
    }
    return fail(
        key,
        `No grant in this stack gives ${who} roles/cloudkms.cryptoKeyEncrypterDecrypter on the key in ${key.path} (nor on its key ring or project); ` +
            "the resource fails to create (or loses access to its data) until the agent can use the key.",
    );
}

const KEY = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models";

export default defineControl<unknown>({
    id: "gcp-kms-service-agent-grants",
    title: "CMEK keys used by Vertex AI, Workbench and Cloud Storage must grant Encrypter/Decrypter to the service agent that uses them",
    severity: "high",
    provider: "gcp",
    rationale:
        "With CMEK, Google's service agents (not your workloads) encrypt and decrypt: the Vertex AI agent " +
        "`service-<project-number>@gcp-sa-aiplatform.iam.gserviceaccount.com` for Vertex AI resources, the Cloud Storage agent " +
        "`service-<project-number>@gs-project-accounts.iam.gserviceaccount.com` for buckets, the Compute Engine agent " +
        "`service-<project-number>@compute-system.iam.gserviceaccount.com` for Workbench disks. Without " +
        "`roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key the resource fails to create, or uploads and reads fail; teams " +
        "then fall back to Google-managed keys or grant the role broadly. Granting it in the same stack, on the key, keeps the grant " +
        "minimal and lets resources depend on it.",
    remediation: {
        terraform:
            "Add `google_kms_crypto_key_iam_member { crypto_key_id = <key>, role = \"roles/cloudkms.cryptoKeyEncrypterDecrypter\", member = ... }` " +
            "for the agent: `\"serviceAccount:${google_project_service_identity.vertex.email}\"` (service `aiplatform.googleapis.com`), " +
            "`\"serviceAccount:${data.google_storage_project_service_account.gcs.email_address}\"`, or " +
            "`\"serviceAccount:service-<project-number>@compute-system.iam.gserviceaccount.com\"`; make the resource `depends_on` the grant.",
        pulumi:
            "Add a `gcp.kms.CryptoKeyIAMMember` with `role: \"roles/cloudkms.cryptoKeyEncrypterDecrypter\"` on the key for the agent " +
            "(`gcp.projects.ServiceIdentity` for `aiplatform.googleapis.com` and its `member`; `gcp.storage.getProjectServiceAccount()`; " +
            "`serviceAccount:service-<project-number>@compute-system.iam.gserviceaccount.com`) and `dependsOn` it, or use the " +
            "`VertexCmekKey` component, which grants all of them.",
    },
    frameworks: {
        "nist-800-53": ["SC-12", "SC-28"],
        "gcp-org-policy": ["gcp.restrictNonCmekServices"],
    },
    tags: ["kms", "cmek", "iam", "vertex-ai", "storage", "workbench"],
    aliases: {},
    subjects: [...VERTEX_CMEK_TYPES, types.workbenchInstance, types.storageBucket],
    related: [
        ...CRYPTO_KEY_IAM, ...KEY_RING_IAM, ...PROJECT_IAM,
        types.kmsCryptoKey, types.kmsKeyRing, types.projectServiceIdentity,
    ],
    scope: "stack",
    options: {},
    check(resource, { graph }) {
        const results = keyUses(resource)
            .map(({ attr, agent }) => checkUse(graph, resource, attr, agent))
            .filter((r): r is CheckResult => r !== undefined);
        if (results.length === 0) return [notApplicable(resource, "The resource uses no customer-managed key.")];
        return results;
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.projectServiceIdentity, name: "vertex-agent", props: { project: "ml-prod", service: "aiplatform.googleapis.com" } },
                    {
                        type: types.kmsCryptoKeyIamMember,
                        name: "vertex-encrypter",
                        props: { cryptoKeyId: KEY, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: ref("vertex-agent", "member") },
                    },
                    { type: types.vertexDataset, name: "training", props: { displayName: "training", region: "us-central1", metadataSchemaUri: "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml", encryptionSpec: { kmsKeyName: KEY } } },
                ],
                [
                    {
                        type: types.kmsCryptoKeyIamMember,
                        name: "gcs-encrypter",
                        props: { cryptoKeyId: KEY, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: "serviceAccount:service-123456789012@gs-project-accounts.iam.gserviceaccount.com" },
                    },
                    { type: types.storageBucket, name: "models", props: { location: "US-CENTRAL1", encryption: { defaultKmsKeyName: KEY } } },
                ],
            ],
            bad: [
                [
                    { type: types.vertexDataset, name: "training", props: { displayName: "training", region: "us-central1", metadataSchemaUri: "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml", encryptionSpec: { kmsKeyName: KEY } } },
                ],
                [
                    {
                        type: types.kmsCryptoKeyIamMember,
                        name: "vertex-encrypter",
                        props: { cryptoKeyId: KEY, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: "serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com" },
                    },
                    { type: types.storageBucket, name: "models", props: { location: "US-CENTRAL1", encryption: { defaultKmsKeyName: KEY } } },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_kms_key_ring" "ml" {
  name     = "ml"
  location = "us-central1"
}

resource "google_kms_crypto_key" "models" {
  name     = "models"
  key_ring = google_kms_key_ring.ml.id
}

resource "google_project_service_identity" "vertex" {
  provider = google-beta
  project  = "ml-prod"
  service  = "aiplatform.googleapis.com"
}

resource "google_kms_crypto_key_iam_member" "vertex" {
  crypto_key_id = google_kms_crypto_key.models.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:\${google_project_service_identity.vertex.email}"
}

resource "google_vertex_ai_dataset" "training" {
  display_name        = "training"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.models.id
  }

  depends_on = [google_kms_crypto_key_iam_member.vertex]
}
`,
                `data "google_storage_project_service_account" "gcs" {}

resource "google_kms_crypto_key_iam_member" "gcs" {
  crypto_key_id = "${KEY}"
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:\${data.google_storage_project_service_account.gcs.email_address}"
}

resource "google_storage_bucket" "models" {
  name     = "ml-models"
  location = "US-CENTRAL1"

  encryption {
    default_kms_key_name = "${KEY}"
  }

  depends_on = [google_kms_crypto_key_iam_member.gcs]
}
`,
            ],
            bad: [
                `resource "google_kms_key_ring" "ml" {
  name     = "ml"
  location = "us-central1"
}

resource "google_kms_crypto_key" "models" {
  name     = "models"
  key_ring = google_kms_key_ring.ml.id
}

resource "google_vertex_ai_dataset" "training" {
  display_name        = "training"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.models.id
  }
}
`,
                `resource "google_kms_crypto_key_iam_member" "wrong_agent" {
  crypto_key_id = "${KEY}"
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com"
}

resource "google_storage_bucket" "models" {
  name     = "ml-models"
  location = "US-CENTRAL1"

  encryption {
    default_kms_key_name = "${KEY}"
  }
}
`,
            ],
        },
    },
});
