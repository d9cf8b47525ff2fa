import control from "../../catalog/controls/aws-ml-subnet-egress-reviewed";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, type TableResource, edgeCases } from "../support/controls";

const vpc: TableResource = { type: types.ec2Vpc, name: "vpc", props: {} };
const subnet: TableResource = { type: types.ec2Subnet, name: "s", props: { vpcId: UNKNOWN }, deps: { vpcId: ["vpc"] } };
const notebook: TableResource = { type: types.sagemakerNotebookInstance, name: "nb", props: { subnetId: UNKNOWN }, deps: { subnetId: ["s"] } };
const nat: TableResource = { type: types.ec2NatGateway, name: "nat", props: {} };
const table = (routes: unknown, deps: string[] = []): TableResource => ({ type: types.ec2RouteTable, name: "rt", props: { vpcId: UNKNOWN, routes }, deps: { vpcId: ["vpc"], ...(deps.length ? { routes: deps } : {}) } });
const assoc: TableResource = { type: types.ec2RouteTableAssociation, name: "a", props: { subnetId: UNKNOWN, routeTableId: UNKNOWN }, deps: { subnetId: ["s"], routeTableId: ["rt"] } };

edgeCases(control, [
    { name: "a table without default routes passes", resources: [vpc, subnet, notebook, table([]), assoc], expect: ["pass"] },
    { name: "a default route through a NAT gateway is reported", resources: [vpc, subnet, notebook, table([{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }]), assoc], expect: ["fail"], message: /NAT gateway/ },
    { name: "a NAT route to a private range is not a default route", resources: [vpc, subnet, notebook, table([{ cidrBlock: "10.0.0.0/8", natGatewayId: "nat-1" }]), assoc], expect: ["pass"] },
    { name: "a transit gateway default route is reported", resources: [vpc, subnet, notebook, table([{ cidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-1" }]), assoc], expect: ["fail"], message: /transit gateway/ },
    { name: "an IPv6 egress-only default route is reported", resources: [vpc, subnet, notebook, table([{ ipv6CidrBlock: "::/0", egressOnlyGatewayId: "eigw-1" }]), assoc], expect: ["fail"], message: /egress-only/ },
    { name: "an approved gateway id passes", resources: [vpc, subnet, notebook, table([{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }]), assoc], settings: { approvedEgressGateways: ["nat-1"] }, expect: ["pass"] },
    {
        name: "a NAT gateway of the stack is named and can be approved by name",
        resources: [vpc, subnet, notebook, nat, table([{ cidrBlock: "0.0.0.0/0", natGatewayId: UNKNOWN }], ["nat"]), assoc],
        settings: { approvedEgressGateways: ["nat"] },
        expect: ["pass"],
    },
    { name: "a stack NAT gateway not approved is reported with its name", resources: [vpc, subnet, notebook, nat, table([{ cidrBlock: "0.0.0.0/0", natGatewayId: UNKNOWN }], ["nat"]), assoc], expect: ["fail"], message: /ec2\.NatGateway "nat"/ },
    { name: "a computed gateway with an approval list is not verifiable", resources: [vpc, subnet, notebook, table([{ cidrBlock: "0.0.0.0/0", natGatewayId: UNKNOWN }]), assoc], settings: { approvedEgressGateways: ["nat-1"] }, expect: ["unknown"] },
    {
        name: "a standalone aws_route is read",
        resources: [vpc, subnet, notebook, table([]), assoc, { type: types.ec2Route, name: "r", props: { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-9" }, deps: { routeTableId: ["rt"] } }],
        expect: ["fail"],
    },
    { name: "a subnet without ML compute is not applicable", resources: [vpc, subnet, table([{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }]), assoc], expect: ["not-applicable"] },
    { name: "unreadable route tables are not verifiable", resources: [{ ...subnet, deps: {} }, notebook], expect: ["unknown"] },
    { name: "an ML subnet that is computed and not declared here puts every subnet in scope", resources: [vpc, subnet, { ...notebook, deps: {} }, table([{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }]), assoc], expect: ["fail"], message: /computed and not declared here/ },
]);
