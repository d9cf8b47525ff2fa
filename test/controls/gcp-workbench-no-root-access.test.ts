import control from "../../catalog/controls/gcp-workbench-no-root-access";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const instance = (gceSetup: unknown) => [{ type: types.workbenchInstance, name: "wb", props: { location: "us-central1-a", gceSetup } }];
const metadata = (m: unknown) => instance({ machineType: "n2-standard-4", metadata: m });

edgeCases(control, [
    { name: '"true" passes', resources: metadata({ "notebook-disable-root": "true" }), expect: ["pass"] },
    { name: "absent gceSetup fails: root is allowed by default", resources: instance(undefined), expect: ["fail"], message: /default false/ },
    { name: "absent metadata fails", resources: metadata(undefined), expect: ["fail"], message: /notebook-disable-root/ },
    { name: "metadata without the key fails", resources: metadata({ "idle-timeout-seconds": "3600" }), expect: ["fail"] },
    { name: '"false" fails', resources: metadata({ "notebook-disable-root": "false" }), expect: ["fail"], evidence: "false" },
    { name: "a boolean true (Pulumi users pass one) passes", resources: metadata({ "notebook-disable-root": true }), expect: ["pass"] },
    { name: '"TRUE" is not the value Workbench reads and fails', resources: metadata({ "notebook-disable-root": "TRUE" }), expect: ["fail"] },
    { name: "a number fails without throwing", resources: metadata({ "notebook-disable-root": 1 }), expect: ["fail"] },
    { name: "a computed key is not verifiable yet", resources: metadata({ "notebook-disable-root": UNKNOWN }), expect: ["unknown"] },
    { name: "computed metadata is not verifiable yet", resources: metadata(UNKNOWN), expect: ["unknown"] },
    { name: "a computed gceSetup is not verifiable yet", resources: instance(UNKNOWN), expect: ["unknown"] },
    { name: "metadata as a list does not throw and fails", resources: metadata(["notebook-disable-root"]), expect: ["fail"] },
    { name: "a one-element list gceSetup (Terraform block shape) reads like an object", resources: instance([{ metadata: { "notebook-disable-root": "true" } }]), expect: ["pass"] },
]);
