import control from "../../catalog/controls/gcp-workbench-cmek-disks";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const KEY = "projects/ml-prod/locations/us-central1/keyRings/ml/cryptoKeys/workbench";
const CMEK = { diskEncryption: "CMEK", kmsKey: KEY };

const instance = (gceSetup: unknown) => [{ type: types.workbenchInstance, name: "wb", props: { location: "us-central1-a", gceSetup } }];
const setup = (props: Record<string, unknown>) => instance({ machineType: "n2-standard-4", bootDisk: CMEK, dataDisks: CMEK, ...props });
const boot = (props: Record<string, unknown>) => setup({ bootDisk: { ...CMEK, ...props } });
const data = (props: Record<string, unknown>) => setup({ dataDisks: { ...CMEK, ...props } });

edgeCases(control, [
    { name: "CMEK on both disks passes", resources: setup({}), expect: ["pass"] },
    { name: "absent gceSetup fails for both disks: the default is GMEK", resources: instance(undefined), expect: ["fail", "fail"], message: /default "GMEK"/ },
    { name: "absent boot disk fails", resources: setup({ bootDisk: undefined }), expect: ["fail"], message: /boot disk|Boot disk/ },
    { name: "absent data disk fails: every instance has one", resources: setup({ dataDisks: undefined }), expect: ["fail"], message: /Data disk/ },
    { name: "absent diskEncryption fails even with a key", resources: boot({ diskEncryption: undefined }), expect: ["fail"], message: /default "GMEK"/ },
    { name: "explicit GMEK fails", resources: data({ diskEncryption: "GMEK" }), expect: ["fail"], message: /is not "CMEK"/, evidence: "GMEK" },
    { name: "lower-case cmek is not the API value and fails", resources: boot({ diskEncryption: "cmek" }), expect: ["fail"] },
    { name: "a boolean diskEncryption fails without throwing", resources: boot({ diskEncryption: true }), expect: ["fail"] },
    { name: "an object diskEncryption fails without throwing", resources: boot({ diskEncryption: { type: "CMEK" } }), expect: ["fail"] },
    { name: "CMEK without a key fails", resources: boot({ kmsKey: undefined }), expect: ["fail"], message: /no key/ },
    { name: "CMEK with an empty key fails", resources: data({ kmsKey: "" }), expect: ["fail"] },
    { name: "CMEK with a number key fails without throwing", resources: data({ kmsKey: 1 }), expect: ["fail"] },
    { name: "a computed key (key.id during preview) counts as present", resources: setup({ bootDisk: { diskEncryption: "CMEK", kmsKey: UNKNOWN }, dataDisks: { diskEncryption: "CMEK", kmsKey: UNKNOWN } }), expect: ["pass"] },
    { name: "computed diskEncryption is not verifiable yet", resources: boot({ diskEncryption: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed boot disk block is not verifiable yet", resources: setup({ bootDisk: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed gceSetup is not verifiable yet", resources: instance(UNKNOWN), expect: ["unknown", "unknown"] },
    { name: "both disks failing are both reported", resources: setup({ bootDisk: { diskEncryption: "GMEK" }, dataDisks: {} }), expect: ["fail", "fail"] },
    { name: "one-element lists (Terraform block shape) read like objects", resources: instance([{ bootDisk: [CMEK], dataDisks: [CMEK] }]), expect: ["pass"] },
    { name: "a data disk list with several entries checks each", resources: setup({ dataDisks: [CMEK, { diskEncryption: "GMEK" }] }), expect: ["fail"] },
    { name: "an empty data disk list is absent and fails", resources: setup({ dataDisks: [] }), expect: ["fail"] },
    { name: "a boot disk string fails without throwing", resources: setup({ bootDisk: "CMEK" }), expect: ["fail"] },
    {
        name: "an exemption with a reason still evaluates but marks the finding",
        resources: setup({ bootDisk: undefined }),
        settings: { exemptions: [{ resource: "wb", reason: "sandbox with synthetic data" }] },
        expect: ["fail"],
    },
]);
