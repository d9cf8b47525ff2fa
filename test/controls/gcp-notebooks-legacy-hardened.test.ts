import * as assert from "node:assert/strict";
import control from "../../catalog/controls/gcp-notebooks-legacy-hardened";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, check, edgeCases } from "../support/controls";

const KEY = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/notebooks";
const GOOD_INSTANCE = {
    location: "us-central1-a",
    machineType: "n1-standard-4",
    noPublicIp: true,
    diskEncryption: "CMEK",
    kmsKey: KEY,
    serviceAccount: "legacy@ml-prod.iam.gserviceaccount.com",
    shieldedInstanceConfig: { enableSecureBoot: true },
    metadata: { "notebook-disable-root": "true" },
};
const VM = { internalIpOnly: true, encryptionConfig: { kmsKey: KEY }, shieldedInstanceConfig: { enableSecureBoot: true }, metadata: { "notebook-disable-root": "true" } };
const instance = (props: Record<string, unknown>) => [{ type: types.notebooksInstance, name: "nb", props: { ...GOOD_INSTANCE, ...props } }];
const runtime = (vm: Record<string, unknown> | unknown) => [
    { type: types.notebooksRuntime, name: "rt", props: { location: "us-central1", virtualMachine: { virtualMachineConfig: vm } } },
];
const vm = (props: Record<string, unknown>) => runtime({ ...VM, ...props });

edgeCases(control, [
    { name: "a hardened instance passes (and still names the deprecation)", resources: instance({}), expect: ["pass"], message: /deprecated/ },
    { name: "a bare instance fails on every requirement", resources: [{ type: types.notebooksInstance, name: "nb", props: { location: "us-central1-a" } }], expect: ["fail", "fail", "fail", "fail", "fail"], message: /deprecated/ },
    { name: "a public IP fails", resources: instance({ noPublicIp: false }), expect: ["fail"], message: /Public IP/ },
    { name: "GMEK fails", resources: instance({ diskEncryption: "GMEK" }), expect: ["fail"], message: /not "CMEK"/ },
    { name: "CMEK without a key fails", resources: instance({ kmsKey: undefined }), expect: ["fail"], message: /no customer-managed key/ },
    { name: "a computed disk encryption with a key passes on the key", resources: instance({ diskEncryption: UNKNOWN }), expect: ["pass"] },
    { name: "the Compute default SA fails", resources: instance({ serviceAccount: "123-compute@developer.gserviceaccount.com" }), expect: ["fail"], message: /default service account/ },
    { name: "a computed SA from elsewhere is not verifiable yet", resources: instance({ serviceAccount: UNKNOWN }), expect: ["unknown"] },
    { name: "Secure Boot off fails", resources: instance({ shieldedInstanceConfig: undefined }), expect: ["fail"], message: /Secure Boot/ },
    { name: "root access allowed fails", resources: instance({ metadata: { "notebook-disable-root": "false" } }), expect: ["fail"], message: /Root/ },
    { name: "a hardened runtime passes", resources: vm({}), expect: ["pass"] },
    { name: "a bare runtime fails on IP, key, Secure Boot and root", resources: runtime(undefined), expect: ["fail", "fail", "fail", "fail"] },
    { name: "a runtime with external IPs fails", resources: vm({ internalIpOnly: false }), expect: ["fail"], message: /Internal-IP-only/ },
    { name: "a runtime without a key fails", resources: vm({ encryptionConfig: undefined }), expect: ["fail"] },
    { name: "a computed runtime key counts as present", resources: vm({ encryptionConfig: { kmsKey: UNKNOWN } }), expect: ["pass"] },
    { name: "a computed VM config is not verifiable yet", resources: runtime(UNKNOWN), expect: ["unknown", "unknown", "unknown", "unknown", "unknown", "unknown"] },
    { name: "a string VM config does not throw", resources: runtime("n1-standard-4"), expect: ["fail", "fail", "fail", "fail"] },
]);

describe("gcp-notebooks-legacy-hardened deprecation advisory", () => {
    it("every finding on a legacy type tells the owner to migrate to Workbench", () => {
        for (const f of check(control, [...instance({ noPublicIp: false }), ...vm({})])) assert.match(f.message, /use gcp\.workbench\.Instance/);
    });
});
