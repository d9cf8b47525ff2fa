import * as assert from "node:assert/strict";
import control, { subnetApproved } from "../../catalog/controls/gcp-workbench-no-public-ip";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const SUBNET = "projects/ml-prod/regions/us-central1/subnetworks/ml-private";
const NIC = { network: "projects/ml-prod/global/networks/ml-vpc", subnet: SUBNET };

const instance = (gceSetup: Record<string, unknown> | unknown, top: Record<string, unknown> = {}) => [
    { type: types.workbenchInstance, name: "wb", props: { location: "us-central1-a", gceSetup, ...top } },
];
const setup = (props: Record<string, unknown>) => instance({ machineType: "n2-standard-4", disablePublicIp: true, networkInterfaces: [NIC], ...props });
const approve = (...approvedSubnets: unknown[]) => ({ approvedSubnets });

edgeCases(control, [
    { name: "no public IP on a private subnet passes", resources: setup({}), expect: ["pass"] },
    { name: "absent disablePublicIp fails: the default gives an ephemeral external IP", resources: setup({ disablePublicIp: undefined }), expect: ["fail"], message: /default false/ },
    { name: "absent gceSetup fails", resources: instance(undefined), expect: ["fail"] },
    { name: "disablePublicIp false fails", resources: setup({ disablePublicIp: false }), expect: ["fail"] },
    { name: 'disablePublicIp "true" as a string passes', resources: setup({ disablePublicIp: "true" }), expect: ["pass"] },
    { name: "disablePublicIp 1 fails without throwing", resources: setup({ disablePublicIp: 1 }), expect: ["fail"] },
    { name: "computed disablePublicIp is not verifiable yet", resources: setup({ disablePublicIp: UNKNOWN }), expect: ["unknown"] },
    { name: "a computed gceSetup is not verifiable yet", resources: instance(UNKNOWN), expect: ["unknown", "unknown", "unknown"] },
    { name: "an access config fails even with disablePublicIp", resources: setup({ networkInterfaces: [{ ...NIC, accessConfigs: [{ externalIp: "203.0.113.10" }] }] }), expect: ["fail"], message: /access config/ },
    { name: "an access config with a computed IP still fails", resources: setup({ networkInterfaces: [{ ...NIC, accessConfigs: [{ externalIp: UNKNOWN }] }] }), expect: ["fail"] },
    { name: "an empty access config list passes", resources: setup({ networkInterfaces: [{ ...NIC, accessConfigs: [] }] }), expect: ["pass"] },
    { name: "computed access configs are not verifiable yet", resources: setup({ networkInterfaces: [{ ...NIC, accessConfigs: UNKNOWN }] }), expect: ["unknown"] },
    { name: "computed network interfaces are not verifiable yet", resources: setup({ networkInterfaces: UNKNOWN }), expect: ["unknown"] },
    { name: "an access config object instead of a list fails", resources: setup({ networkInterfaces: [{ ...NIC, accessConfigs: { externalIp: "203.0.113.10" } }] }), expect: ["fail"] },
    { name: "a network interface object instead of a list is read", resources: setup({ networkInterfaces: { ...NIC, accessConfigs: [{ externalIp: "x" }] } }), expect: ["fail"] },
    { name: "a network interfaces string does not throw", resources: setup({ networkInterfaces: "default" }), expect: ["pass"] },
    { name: "a huge interface list is read to the end", resources: setup({ networkInterfaces: [...Array.from({ length: 5000 }, () => NIC), { ...NIC, accessConfigs: [{ externalIp: "x" }] }] }), expect: ["fail"] },
    { name: "IP forwarding true fails", resources: setup({ enableIpForwarding: true }), expect: ["fail"], message: /IP forwarding/ },
    { name: "IP forwarding false passes", resources: setup({ enableIpForwarding: false }), expect: ["pass"] },
    { name: 'IP forwarding "true" as a string fails', resources: setup({ enableIpForwarding: "true" }), expect: ["fail"] },
    { name: "computed IP forwarding is not verifiable yet", resources: setup({ enableIpForwarding: UNKNOWN }), expect: ["unknown"] },
    { name: "every problem is reported", resources: setup({ disablePublicIp: false, enableIpForwarding: true, networkInterfaces: [{ ...NIC, accessConfigs: [{ externalIp: "x" }] }] }), expect: ["fail", "fail", "fail"] },
    { name: "a one-element list gceSetup (Terraform block shape) reads like an object", resources: instance([{ disablePublicIp: true, networkInterfaces: [NIC] }]), expect: ["pass"] },

    { name: "option: an approved subnet passes", resources: setup({}), settings: approve(SUBNET), expect: ["pass"] },
    { name: "option: an unapproved subnet fails", resources: setup({}), settings: approve("projects/ml-prod/regions/us-central1/subnetworks/other"), expect: ["fail"], message: /approved/ },
    { name: "option: a self-link matches the approved path", resources: setup({ networkInterfaces: [{ subnet: `https://www.googleapis.com/compute/v1/${SUBNET}` }] }), settings: approve(SUBNET), expect: ["pass"] },
    { name: "option: a bare approved name matches the subnet path", resources: setup({}), settings: approve("ml-private"), expect: ["pass"] },
    { name: "option: a bare name does not match a longer name", resources: setup({}), settings: approve("private"), expect: ["fail"] },
    { name: "option: a glob matches", resources: setup({}), settings: approve("projects/ml-prod/regions/*/subnetworks/ml-*"), expect: ["pass"] },
    { name: "option: absent subnet fails when subnets are approved", resources: setup({ networkInterfaces: undefined }), settings: approve(SUBNET), expect: ["fail"], message: /default network/ },
    { name: "option: an interface without a subnet fails", resources: setup({ networkInterfaces: [{ network: NIC.network }] }), settings: approve(SUBNET), expect: ["fail"] },
    { name: "option: a computed subnet is not verifiable yet", resources: setup({ networkInterfaces: [{ subnet: UNKNOWN }] }), settings: approve(SUBNET), expect: ["unknown"] },
    { name: "option: a computed subnet passes when no list is set", resources: setup({ networkInterfaces: [{ subnet: UNKNOWN }] }), expect: ["pass"] },
    { name: "option: a number subnet fails without throwing", resources: setup({ networkInterfaces: [{ subnet: 7 }] }), settings: approve(SUBNET), expect: ["fail"] },
    { name: "option: a malformed list is ignored", resources: setup({}), settings: { approvedSubnets: "ml-private" }, expect: ["pass"] },
    {
        name: "an exemption with a reason still evaluates but marks the finding",
        resources: setup({ disablePublicIp: false }),
        settings: { exemptions: [{ resource: "wb", reason: "isolated demo project" }] },
        expect: ["fail"],
    },
]);

describe("gcp-workbench-no-public-ip subnetApproved", () => {
    it("compares paths with and without the Compute API prefix", () => {
        assert.ok(subnetApproved(`//compute.googleapis.com/${SUBNET}`, [`https://www.googleapis.com/compute/beta/${SUBNET}`]));
        assert.ok(!subnetApproved(SUBNET, ["projects/other/regions/us-central1/subnetworks/ml-private"]));
    });
});
