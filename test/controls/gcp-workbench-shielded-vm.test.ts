import control from "../../catalog/controls/gcp-workbench-shielded-vm";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const ALL = { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true };
const instance = (gceSetup: unknown) => [{ type: types.workbenchInstance, name: "wb", props: { location: "us-central1-a", gceSetup } }];
const shielded = (c: unknown) => instance({ machineType: "n2-standard-4", shieldedInstanceConfig: c });

edgeCases(control, [
    { name: "all three on passes", resources: shielded(ALL), expect: ["pass"] },
    { name: "absent block fails on Secure Boot only: vTPM and integrity monitoring default on", resources: shielded(undefined), expect: ["fail"], message: /Secure Boot.*default false/ },
    { name: "Secure Boot alone passes (the other two default on)", resources: shielded({ enableSecureBoot: true }), expect: ["pass"] },
    { name: "vTPM off fails", resources: shielded({ ...ALL, enableVtpm: false }), expect: ["fail"], message: /TPM/ },
    { name: "integrity monitoring off fails", resources: shielded({ ...ALL, enableIntegrityMonitoring: false }), expect: ["fail"], message: /Integrity/ },
    { name: "everything off fails three times", resources: shielded({ enableSecureBoot: false, enableVtpm: false, enableIntegrityMonitoring: false }), expect: ["fail", "fail", "fail"] },
    { name: 'a "true" string passes', resources: shielded({ ...ALL, enableSecureBoot: "true" }), expect: ["pass"] },
    { name: "a number fails without throwing", resources: shielded({ ...ALL, enableSecureBoot: 1 }), expect: ["fail"] },
    { name: "a computed setting is not verifiable yet", resources: shielded({ ...ALL, enableSecureBoot: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed block is not verifiable yet", resources: shielded(UNKNOWN), expect: ["unknown", "unknown", "unknown"] },
    { name: "a one-element list block (Terraform shape) reads like an object", resources: shielded([ALL]), expect: ["pass"] },
]);
