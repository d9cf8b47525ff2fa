import control from "../../catalog/controls/gcp-iam-no-user-managed-sa-keys";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const sa = { type: types.serviceAccount, name: "sa", props: { accountId: "trainer" } };

edgeCases(control, [
    { name: "a service account without keys passes", resources: [sa], expect: ["pass"] },
    { name: "a key fails on the key; its account passes", resources: [sa, { type: types.serviceAccountKey, name: "k", props: { serviceAccountId: UNKNOWN }, deps: { serviceAccountId: ["sa"] } }], expect: ["pass", "fail"] },
    { name: "an uploaded public key fails too", resources: [{ type: types.serviceAccountKey, name: "k", props: { serviceAccountId: "sa@p.iam.gserviceaccount.com", publicKeyData: "LS0t" } }], expect: ["fail"] },
    { name: "a key with computed properties still fails: its existence decides", resources: [{ type: types.serviceAccountKey, name: "k", props: { serviceAccountId: UNKNOWN } }], expect: ["fail"] },
    { name: "a key with no properties at all fails", resources: [{ type: types.serviceAccountKey, name: "k", props: {} }], expect: ["fail"], message: /user-managed/ },
]);
