import control from "../../catalog/controls/gcp-vpcsc-restricted";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const VPC = { enableRestriction: true, allowedServices: ["RESTRICTED-SERVICES"] };
const perimeter = (status: Record<string, unknown>) => [
    { type: types.servicePerimeter, name: "p", props: { parent: "accessPolicies/1", name: "accessPolicies/1/servicePerimeters/p", title: "p", status: { vpcAccessibleServices: VPC, ...status } } },
];
const WILD_EGRESS = { egressFrom: { identityType: "ANY_IDENTITY" }, egressTo: { resources: ["*"], operations: [{ serviceName: "*" }] } };

edgeCases(control, [
    { name: "restricted VPC services passes", resources: perimeter({}), expect: ["pass"] },
    { name: "no vpcAccessibleServices fails", resources: perimeter({ vpcAccessibleServices: undefined }), expect: ["fail"], message: /default false/ },
    { name: "restriction off fails", resources: perimeter({ vpcAccessibleServices: { ...VPC, enableRestriction: false } }), expect: ["fail"] },
    { name: '"*" allowed fails', resources: perimeter({ vpcAccessibleServices: { ...VPC, allowedServices: ["*"] } }), expect: ["fail"], message: /"\*"/ },
    { name: "computed allowed services are not verifiable yet", resources: perimeter({ vpcAccessibleServices: { ...VPC, allowedServices: UNKNOWN } }), expect: ["unknown"] },
    { name: "a wildcard egress rule fails", resources: perimeter({ egressPolicies: [WILD_EGRESS] }), expect: ["fail"], message: /any identity/ },
    { name: "a wildcard ingress rule fails", resources: perimeter({ ingressPolicies: [{ ingressFrom: { identityType: "ANY_USER_ACCOUNT" }, ingressTo: { resources: ["*"], operations: [{ serviceName: "*" }] } }] }), expect: ["fail"] },
    { name: "named identities make the rule acceptable", resources: perimeter({ egressPolicies: [{ ...WILD_EGRESS, egressFrom: { identities: ["group:a@example.com"] } }] }), expect: ["pass"] },
    { name: "named resources make the rule acceptable", resources: perimeter({ egressPolicies: [{ ...WILD_EGRESS, egressTo: { resources: ["projects/1"], operations: [{ serviceName: "*" }] } }] }), expect: ["pass"] },
    { name: "a named service makes the rule acceptable", resources: perimeter({ egressPolicies: [{ ...WILD_EGRESS, egressTo: { resources: ["*"], operations: [{ serviceName: "storage.googleapis.com" }] } }] }), expect: ["pass"] },
    { name: "a computed rule part is not verifiable yet", resources: perimeter({ egressPolicies: [{ ...WILD_EGRESS, egressFrom: { identityType: UNKNOWN } }] }), expect: ["unknown"] },
    { name: "a bridge only is not applicable", resources: [{ type: types.servicePerimeter, name: "b", props: { perimeterType: "PERIMETER_TYPE_BRIDGE", status: {} } }], expect: ["not-applicable"] },
]);
