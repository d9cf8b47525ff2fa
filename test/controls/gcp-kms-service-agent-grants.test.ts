import control from "../../catalog/controls/gcp-kms-service-agent-grants";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases, type TableResource } from "../support/controls";

const KEY = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models";
const RING = "projects/ml-prod/locations/us-central1/keyRings/ml";
const ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";
const VERTEX = "serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com";
const GCS = "serviceAccount:service-123456789012@gs-project-accounts.iam.gserviceaccount.com";
const COMPUTE = "serviceAccount:service-123456789012@compute-system.iam.gserviceaccount.com";

const grant = (name: string, member: unknown, opts: { key?: unknown; role?: unknown; deps?: Record<string, string[]> } = {}): TableResource => ({
    type: types.kmsCryptoKeyIamMember, name, props: { cryptoKeyId: "key" in opts ? opts.key : KEY, role: "role" in opts ? opts.role : ROLE, member }, deps: opts.deps,
});
const dataset = (key: unknown = KEY, deps?: Record<string, string[]>): TableResource => ({
    type: types.vertexDataset, name: "ds", props: { displayName: "ds", region: "us-central1", encryptionSpec: { kmsKeyName: key } }, deps,
});
const bucket = (key: unknown = KEY): TableResource => ({ type: types.storageBucket, name: "b", props: { location: "US", encryption: { defaultKmsKeyName: key } } });
const workbench = (boot: unknown, data?: unknown): TableResource => ({
    type: types.workbenchInstance, name: "wb",
    props: { location: "us-central1-a", gceSetup: { bootDisk: { diskEncryption: "CMEK", kmsKey: boot }, ...(data ? { dataDisks: { diskEncryption: "CMEK", kmsKey: data } } : {}) } },
});
const keyRes: TableResource = { type: types.kmsCryptoKey, name: "k", props: { name: "models", keyRing: UNKNOWN }, deps: { keyRing: ["ring"] } };
const ringRes: TableResource = { type: types.kmsKeyRing, name: "ring", props: { name: "ml", location: "us-central1" } };

edgeCases(control, [
    { name: "a Vertex dataset whose key grants the Vertex AI agent passes", resources: [grant("g", VERTEX), dataset()], expect: ["pass"] },
    { name: "no grant at all fails at the key attribute", resources: [dataset()], expect: ["fail"], message: /gcp-sa-aiplatform/ },
    { name: "a grant to another agent does not count", resources: [grant("g", GCS), dataset()], expect: ["fail"] },
    { name: "a grant of another role does not count", resources: [grant("g", VERTEX, { role: "roles/cloudkms.viewer" }), dataset()], expect: ["fail"] },
    { name: "a grant on another key does not count", resources: [grant("g", VERTEX, { key: `${RING}/cryptoKeys/other` }), dataset()], expect: ["fail"] },
    { name: "roles and keys compare without regard to case", resources: [grant("g", VERTEX.toUpperCase().replace("SERVICEACCOUNT", "serviceAccount"), { role: ROLE.toLowerCase(), key: KEY.toUpperCase() }), dataset()], expect: ["pass"] },
    { name: "a grant on the key ring counts", resources: [{ type: types.kmsKeyRingIamMember, name: "r", props: { keyRingId: RING, role: ROLE, member: VERTEX } }, dataset()], expect: ["pass"] },
    { name: "a project-level grant counts", resources: [{ type: types.projectIamMember, name: "p", props: { project: "ml-prod", role: ROLE, member: VERTEX } }, dataset()], expect: ["pass"] },
    { name: "a binding's members are read", resources: [{ type: types.kmsCryptoKeyIamBinding, name: "b", props: { cryptoKeyId: KEY, role: ROLE, members: ["group:x@example.com", VERTEX] } }, dataset()], expect: ["pass"] },
    { name: "a policyData binding is read", resources: [{ type: types.kmsCryptoKeyIamPolicy, name: "p", props: { cryptoKeyId: KEY, policyData: JSON.stringify({ bindings: [{ role: ROLE, members: [VERTEX] }] }) } }, dataset()], expect: ["pass"] },
    { name: "a computed policyData is not verifiable", resources: [{ type: types.kmsCryptoKeyIamPolicy, name: "p", props: { cryptoKeyId: KEY, policyData: UNKNOWN } }, dataset()], expect: ["unknown"] },
    { name: "a member from a ServiceIdentity for aiplatform passes", resources: [
        { type: types.projectServiceIdentity, name: "sid", props: { project: "ml-prod", service: "aiplatform.googleapis.com" } },
        grant("g", UNKNOWN, { deps: { member: ["sid"] } }), dataset(),
    ], expect: ["pass"] },
    { name: "a ServiceIdentity for another API does not count", resources: [
        { type: types.projectServiceIdentity, name: "sid", props: { project: "ml-prod", service: "notebooks.googleapis.com" } },
        grant("g", UNKNOWN, { deps: { member: ["sid"] } }), dataset(),
    ], expect: ["fail"] },
    { name: "a computed member without a join is not verifiable, never a violation", resources: [grant("g", UNKNOWN), dataset()], expect: ["unknown"] },
    { name: "a computed role for the agent is not verifiable", resources: [grant("g", VERTEX, { role: UNKNOWN }), dataset()], expect: ["unknown"] },
    { name: "a computed key id on the grant is not verifiable", resources: [grant("g", VERTEX, { key: UNKNOWN }), dataset()], expect: ["unknown"] },
    { name: "a computed key used by the resource, not from this stack, is not verifiable", resources: [dataset(UNKNOWN)], expect: ["unknown"] },
    { name: "key joined by reference on both sides passes", resources: [ringRes, keyRes, grant("g", VERTEX, { key: UNKNOWN, deps: { cryptoKeyId: ["k"] } }), dataset(UNKNOWN, { encryptionSpec: ["k"] })], expect: ["pass"] },
    { name: "key joined by reference, grant on its ring by reference, passes", resources: [
        ringRes, keyRes, { type: types.kmsKeyRingIamMember, name: "r", props: { keyRingId: UNKNOWN, role: ROLE, member: VERTEX }, deps: { keyRingId: ["ring"] } }, dataset(UNKNOWN, { encryptionSpec: ["k"] }),
    ], expect: ["pass"] },
    { name: "key joined by reference without a grant fails", resources: [ringRes, keyRes, dataset(UNKNOWN, { encryptionSpec: ["k"] })], expect: ["fail"] },
    { name: "a resource without CMEK is not applicable", resources: [{ type: types.vertexDataset, name: "ds", props: { displayName: "ds", region: "us-central1" } }], expect: ["not-applicable"] },
    { name: "a bucket needs the Cloud Storage agent", resources: [grant("g", VERTEX), bucket()], expect: ["fail"], message: /gs-project-accounts/ },
    { name: "a bucket whose key grants the Cloud Storage agent passes", resources: [grant("g", GCS), bucket()], expect: ["pass"] },
    { name: "Workbench disks need the Compute Engine agent, each disk judged", resources: [grant("g", COMPUTE), workbench(KEY, `${RING}/cryptoKeys/data`)], expect: ["pass", "fail"], message: /compute-system/ },
]);
