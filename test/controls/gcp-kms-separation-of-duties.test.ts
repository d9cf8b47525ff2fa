import control from "../../catalog/controls/gcp-kms-separation-of-duties";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const KEY = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/models";
const grant = (name: string, role: string, member: unknown, deps?: Record<string, string[]>) => ({ type: types.kmsCryptoKeyIamMember, name, props: { cryptoKeyId: KEY, role, member }, deps });
const ADMIN = "roles/cloudkms.admin";
const USE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

edgeCases(control, [
    { name: "admin and use held by different principals passes", resources: [grant("a", ADMIN, "group:admins@example.com"), grant("u", USE, "group:users@example.com")], expect: ["pass", "pass"] },
    { name: "one principal with admin and decrypt fails at the admin grant", resources: [grant("a", ADMIN, "group:ml@example.com"), grant("u", "roles/cloudkms.cryptoKeyDecrypter", "group:ml@example.com")], expect: ["fail", "pass"], message: /different principals/ },
    { name: "members compare without regard to case", resources: [grant("a", ADMIN, "group:ML@example.com"), grant("u", USE, "group:ml@example.com")], expect: ["fail", "pass"] },
    { name: "a project-level encrypter for the admin counts", resources: [grant("a", ADMIN, "group:ml@example.com"), { type: types.projectIamMember, name: "p", props: { project: "ml-prod", role: "roles/cloudkms.cryptoKeyEncrypter", member: "group:ml@example.com" } }], expect: ["fail", "pass"] },
    { name: "a binding's members are read", resources: [{ type: types.kmsKeyRingIamBinding, name: "b", props: { keyRingId: "r", role: ADMIN, members: ["group:x@example.com", "group:ml@example.com"] } }, grant("u", USE, "group:ml@example.com")], expect: ["fail", "pass"] },
    { name: "the same service account by reference fails", resources: [
        { type: types.serviceAccount, name: "sa", props: { accountId: "ml" } },
        grant("a", ADMIN, UNKNOWN, { member: ["sa"] }), grant("u", USE, UNKNOWN, { member: ["sa"] }),
    ], expect: ["fail", "pass"] },
    { name: "a computed admin member without a join is not verifiable yet", resources: [grant("a", ADMIN, UNKNOWN)], expect: ["unknown"] },
    { name: "KMS roles for a user at project level fail", resources: [{ type: types.projectIamMember, name: "p", props: { project: "ml-prod", role: USE, member: "user:alice@example.com" } }], expect: ["fail"], message: /user/ },
    { name: "project grants without KMS roles pass", resources: [{ type: types.projectIamMember, name: "p", props: { project: "ml-prod", role: "roles/aiplatform.user", member: "user:alice@example.com" } }], expect: ["pass"] },
    { name: "a policyData binding is read", resources: [{ type: types.projectIamPolicy, name: "p", props: { project: "ml-prod", policyData: JSON.stringify({ bindings: [{ role: ADMIN, members: ["user:bob@example.com"] }, { role: USE, members: ["user:bob@example.com"] }] }) } }], expect: ["fail", "fail", "fail"] },
]);
