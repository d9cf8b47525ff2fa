import * as assert from "node:assert/strict";
import control from "../../catalog/controls/gcp-iam-no-public-members";
import { type ResourceType, types } from "../../catalog/resource-types";
import { type EdgeCase, UNKNOWN, check, edgeCases } from "../support/controls";

const SA = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com";

const member = (props: Record<string, unknown>, type: ResourceType = types.storageBucketIamMember) => [
    { type, name: "grant", props: { bucket: "ml-training-data", role: "roles/storage.objectViewer", member: SA, ...props } },
];
const binding = (props: Record<string, unknown>) => [
    {
        type: types.kmsCryptoKeyIamBinding,
        name: "grant",
        props: { cryptoKeyId: "projects/p/locations/us/keyRings/r/cryptoKeys/k", role: "roles/cloudkms.cryptoKeyDecrypter", members: [SA], ...props },
    },
];
const policy = (policyData: unknown) => [
    { type: types.projectIamPolicy, name: "grant", props: { project: "ml-prod", policyData } },
];
const bindings = (...list: unknown[]) => JSON.stringify({ bindings: list });

const everySubjectType: EdgeCase[] = control.subjects.map((type) => {
    const props = /Policy:/.test(type.token)
        ? { policyData: bindings({ role: "roles/viewer", members: ["allUsers"] }) }
        : /Binding:/.test(type.token)
          ? { role: "roles/viewer", members: ["allUsers"] }
          : { role: "roles/viewer", member: "allUsers" };
    return { name: `allUsers on ${type.token} fails`, resources: [{ type, name: "grant", props }], expect: ["fail"] };
});

edgeCases(control, [
    { name: "a service account member passes", resources: member({}), expect: ["pass"] },
    { name: "allUsers fails", resources: member({ member: "allUsers" }), expect: ["fail"], message: /public principal allUsers/, evidence: "allUsers" },
    { name: "allAuthenticatedUsers fails", resources: member({ member: "allAuthenticatedUsers" }), expect: ["fail"], message: /allAuthenticatedUsers/ },
    { name: "a case variant of allUsers fails", resources: member({ member: "AllUsers" }), expect: ["fail"] },
    { name: "surrounding space does not hide allUsers", resources: member({ member: " allUsers " }), expect: ["fail"] },
    { name: "the v2 public principal set fails", resources: member({ member: "principalSet://goog/public:all" }), expect: ["fail"] },
    { name: "a user whose email contains allUsers passes", resources: member({ member: "user:allusers@example.com" }), expect: ["pass"] },
    {
        name: "a condition does not rescue a public member",
        resources: member({ member: "allUsers", condition: { title: "t", expression: "request.time < timestamp('2030-01-01T00:00:00Z')" } }),
        expect: ["fail"],
    },
    { name: "absent member grants nothing and passes", resources: member({ member: undefined }), expect: ["pass"] },
    { name: "null member grants nothing and passes", resources: member({ member: null }), expect: ["pass"] },
    { name: "computed member is not verifiable yet", resources: member({ member: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed role does not matter for a public member", resources: member({ member: "allUsers", role: UNKNOWN }), expect: ["fail"] },
    { name: "a number member does not throw", resources: member({ member: 42 }), expect: ["pass"] },
    { name: "an object member does not throw", resources: member({ member: { allUsers: true } }), expect: ["pass"] },
    { name: "a list member is read item by item", resources: member({ member: [SA, "allUsers"] }), expect: ["fail"] },

    { name: "binding: specific members pass", resources: binding({}), expect: ["pass"] },
    { name: "binding: one public member among others fails", resources: binding({ members: [SA, "allAuthenticatedUsers"] }), expect: ["fail"] },
    { name: "binding: each public member is reported", resources: binding({ members: ["allUsers", SA, "allAuthenticatedUsers"] }), expect: ["fail", "fail"] },
    { name: "binding: empty members pass", resources: binding({ members: [] }), expect: ["pass"] },
    { name: "binding: absent members pass", resources: binding({ members: undefined }), expect: ["pass"] },
    { name: "binding: computed members are not verifiable yet", resources: binding({ members: UNKNOWN }), expect: ["unknown"] },
    { name: "binding: a computed item next to allUsers still fails", resources: binding({ members: [UNKNOWN, "allUsers"] }), expect: ["unknown", "fail"] },
    { name: "binding: a string instead of a list is read as one member", resources: binding({ members: "allUsers" }), expect: ["fail"] },
    {
        name: "binding: a huge list is read to the end",
        resources: binding({ members: [...Array.from({ length: 20000 }, (_, i) => `user:u${i}@example.com`), "allUsers"] }),
        expect: ["fail"],
    },

    { name: "policy: specific members pass", resources: policy(bindings({ role: "roles/viewer", members: [SA] })), expect: ["pass"] },
    { name: "policy: a public member fails", resources: policy(bindings({ role: "roles/viewer", members: [SA] }, { role: "roles/browser", members: ["allUsers"] })), expect: ["fail"], message: /policyData\.bindings\.1\.members\.0/ },
    {
        name: "policy: a condition does not rescue a public member",
        resources: policy(bindings({ role: "roles/viewer", members: ["allUsers"], condition: { title: "t", expression: "true" } })),
        expect: ["fail"],
    },
    { name: "policy: a members string is read as one member", resources: policy(bindings({ role: "roles/viewer", members: "allUsers" })), expect: ["fail"] },
    { name: "policy: no bindings pass", resources: policy("{}"), expect: ["pass"] },
    { name: "policy: null bindings pass", resources: policy('{"bindings": null}'), expect: ["pass"] },
    { name: "policy: absent policyData passes", resources: policy(undefined), expect: ["pass"] },
    { name: "policy: computed policyData is not verifiable yet", resources: policy(UNKNOWN), expect: ["unknown"] },
    { name: "policy: invalid JSON fails without throwing", resources: policy("{bindings: [allUsers"), expect: ["fail"], message: /not a JSON IAM policy/ },
    { name: "policy: a JSON array fails without throwing", resources: policy("[]"), expect: ["fail"] },
    { name: "policy: bindings that are not a list fail", resources: policy('{"bindings": {"role": "roles/viewer"}}'), expect: ["fail"] },
    { name: "policy: a binding that is not an object fails", resources: policy('{"bindings": ["allUsers"]}'), expect: ["fail"] },
    { name: "policy: a number fails without throwing", resources: policy(42), expect: ["fail"] },
    {
        name: "policy: an object instead of a JSON string is read as the policy",
        resources: policy({ bindings: [{ role: "roles/viewer", members: ["allAuthenticatedUsers"] }] }),
        expect: ["fail"],
    },
    {
        name: "policy: a computed member inside an object policy is not verifiable yet",
        resources: policy({ bindings: [{ role: "roles/viewer", members: [UNKNOWN] }] }),
        expect: ["unknown"],
    },
    { name: "policy: a huge member list does not throw", resources: policy(bindings({ role: "roles/viewer", members: Array.from({ length: 50000 }, (_, i) => `user:u${i}@example.com`) })), expect: ["pass"] },

    ...everySubjectType,

    {
        name: "an exemption with a reason still evaluates but marks the finding",
        resources: member({ member: "allUsers" }),
        settings: { exemptions: [{ resource: "grant", reason: "public sample dataset, reviewed by security" }] },
        expect: ["fail"],
    },
]);

describe("gcp-iam-no-public-members on Cloud Storage ACLs and Cloud KMS", () => {
    const statusesOf = (resources: Parameters<typeof check>[1]) => check(control, resources).map((f) => f.status);
    it("ACL resources with a public entity fail; private entities pass", () => {
        assert.deepEqual(statusesOf([{ type: types.storageBucketAccessControl, name: "a", props: { bucket: "b", role: "READER", entity: "allUsers" } }]), ["fail"]);
        assert.deepEqual(statusesOf([{ type: types.storageDefaultObjectAccessControl, name: "a", props: { bucket: "b", role: "READER", entity: "allAuthenticatedUsers" } }]), ["fail"]);
        assert.deepEqual(statusesOf([{ type: types.storageObjectAccessControl, name: "a", props: { bucket: "b", object: "o", role: "READER", entity: "AllUsers" } }]), ["fail"]);
        assert.deepEqual(statusesOf([{ type: types.storageBucketAccessControl, name: "a", props: { bucket: "b", role: "READER", entity: "group-ml@example.com" } }]), ["pass"]);
        assert.deepEqual(statusesOf([{ type: types.storageBucketAccessControl, name: "a", props: { bucket: "b", role: "READER", entity: UNKNOWN } }]), ["unknown"]);
    });
    it("role-entity lists: each public entry fails at its own item; predefined public ACLs fail", () => {
        const findings = check(control, [{ type: types.storageBucketAcl, name: "a", props: { bucket: "b", roleEntities: ["OWNER:project-owners-1", "READER:allUsers", "WRITER:allAuthenticatedUsers"] } }]);
        assert.deepEqual(findings.map((f) => `${f.status} ${f.path}`), ["fail roleEntities.1", "fail roleEntities.2"]);
        assert.deepEqual(statusesOf([{ type: types.storageDefaultObjectAcl, name: "a", props: { bucket: "b", roleEntities: ["READER:allUsers"] } }]), ["fail"]);
        assert.deepEqual(statusesOf([{ type: types.storageBucketAcl, name: "a", props: { bucket: "b", predefinedAcl: "publicRead" } }]), ["fail"]);
        assert.deepEqual(statusesOf([{ type: types.storageBucketAcl, name: "a", props: { bucket: "b", predefinedAcl: "private", roleEntities: ["OWNER:project-owners-1"] } }]), ["pass"]);
        assert.deepEqual(statusesOf([{ type: types.storageBucketAcl, name: "a", props: { bucket: "b", roleEntities: UNKNOWN } }]), ["unknown"]);
        assert.deepEqual(statusesOf([{ type: types.storageBucketAcl, name: "a", props: { bucket: "b", roleEntities: [7, "no-colon"] } }]), ["pass"]);
    });
    it("a public grant on a KMS key or key ring names the key in the finding", () => {
        const key = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models";
        const [f] = check(control, [{ type: types.kmsCryptoKeyIamMember, name: "m", props: { cryptoKeyId: key, role: "roles/cloudkms.cryptoKeyDecrypter", member: "allUsers" } }]);
        assert.equal(f.status, "fail");
        assert.equal(f.severity, "critical");
        assert.match(f.message, /on the Cloud KMS key in cryptoKeyId/);
        assert.ok(!f.message.includes(key), "a literal id is evidence, never message text");
        const [viaRef] = check(control, [
            { type: types.kmsCryptoKey, name: "models", props: { name: "models", keyRing: "r" } },
            { type: types.kmsCryptoKeyIamBinding, name: "b", props: { cryptoKeyId: UNKNOWN, role: "roles/cloudkms.cryptoKeyDecrypter", members: ["allAuthenticatedUsers"] }, deps: { cryptoKeyId: ["models"] } },
        ]);
        assert.match(viaRef.message, /on Cloud KMS key models \(urn:pulumi:/);
        const [ring] = check(control, [{ type: types.kmsKeyRingIamMember, name: "r", props: { keyRingId: "projects/p/locations/l/keyRings/ml", role: "roles/cloudkms.viewer", member: "allUsers" } }]);
        assert.match(ring.message, /on the Cloud KMS key ring in keyRingId/);
    });
});
