import control from "../../catalog/controls/aws-ml-subnet-private-route";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, type TableResource, edgeCases } from "../support/controls";

const notebook: TableResource = { type: types.sagemakerNotebookInstance, name: "nb", props: { subnetId: UNKNOWN }, deps: { subnetId: ["subnet"] } };
const vpc: TableResource = { type: types.ec2Vpc, name: "vpc", props: {} };
const subnet: TableResource = { type: types.ec2Subnet, name: "subnet", props: { vpcId: UNKNOWN }, deps: { vpcId: ["vpc"] } };
const igw: TableResource = { type: types.ec2InternetGateway, name: "igw", props: {} };
const nat: TableResource = { type: types.ec2NatGateway, name: "nat", props: {} };
const table = (routes: unknown, deps: string[] = []): TableResource => ({
    type: types.ec2RouteTable,
    name: "rt",
    props: { vpcId: UNKNOWN, routes },
    deps: { vpcId: ["vpc"], ...(deps.length ? { routes: deps } : {}) },
});
const assoc: TableResource = {
    type: types.ec2RouteTableAssociation,
    name: "assoc",
    props: { subnetId: UNKNOWN, routeTableId: UNKNOWN },
    deps: { subnetId: ["subnet"], routeTableId: ["rt"] },
};

edgeCases(control, [
    { name: "an associated table without routes passes", resources: [notebook, vpc, subnet, table([]), assoc], expect: ["pass"] },
    { name: "a default route to a NAT gateway passes", resources: [notebook, vpc, subnet, nat, table([{ cidrBlock: "0.0.0.0/0", natGatewayId: UNKNOWN }], ["nat"]), assoc], expect: ["pass"] },
    {
        name: "a route to an internet gateway resource fails",
        resources: [notebook, vpc, subnet, igw, table([{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }], ["igw"]), assoc],
        expect: ["fail"],
        message: /internet gateway/,
    },
    {
        name: "a known gateway id that refers to an internet gateway resource fails (ids are known during update)",
        resources: [notebook, vpc, subnet, igw, table([{ cidrBlock: "0.0.0.0/0", gatewayId: "gw-known" }], ["igw"]), assoc],
        expect: ["fail"],
    },
    { name: "a literal igw- gateway fails", resources: [notebook, vpc, subnet, table([{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-123" }]), assoc], expect: ["fail"] },
    { name: "a literal vgw- gateway passes", resources: [notebook, vpc, subnet, table([{ cidrBlock: "10.0.0.0/8", gatewayId: "vgw-123" }]), assoc], expect: ["pass"] },
    {
        name: "an IGW route on an IPv6 default also fails",
        resources: [notebook, vpc, subnet, table([{ ipv6CidrBlock: "::/0", gatewayId: "igw-1" }]), assoc],
        expect: ["fail"],
    },
    {
        name: "a standalone aws_route to an IGW fails",
        resources: [
            notebook, vpc, subnet, igw, table([]), assoc,
            { type: types.ec2Route, name: "r", props: { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, deps: { routeTableId: ["rt"], gatewayId: ["igw"] } },
        ],
        expect: ["fail"],
    },
    {
        name: "a computed gateway that is not a stack resource is not verifiable",
        resources: [notebook, vpc, subnet, table([{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }]), assoc],
        expect: ["unknown"],
    },
    { name: "computed routes are not verifiable", resources: [notebook, vpc, subnet, table(UNKNOWN), assoc], expect: ["unknown"] },
    {
        name: "without an association the VPC's main table (main association) is used",
        resources: [
            notebook, vpc, subnet, igw, table([{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }], ["igw"]),
            { type: types.ec2MainRouteTableAssociation, name: "main", props: { vpcId: UNKNOWN, routeTableId: UNKNOWN }, deps: { vpcId: ["vpc"], routeTableId: ["rt"] } },
        ],
        expect: ["fail"],
    },
    {
        name: "without an association the VPC's default route table is used",
        resources: [
            notebook, vpc, subnet,
            { type: types.ec2DefaultRouteTable, name: "default", props: { defaultRouteTableId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-9" }] }, deps: { defaultRouteTableId: ["vpc"] } },
        ],
        expect: ["fail"],
    },
    { name: "a VPC created here with an untouched main table passes", resources: [notebook, vpc, subnet], expect: ["pass"] },
    {
        name: "a route added to the VPC's main table through the VPC fails",
        resources: [
            notebook, vpc, subnet,
            { type: types.ec2Route, name: "r", props: { routeTableId: UNKNOWN, gatewayId: "igw-1" }, deps: { routeTableId: ["vpc"] } },
        ],
        expect: ["fail"],
    },
    { name: "a subnet whose VPC is not in the stack is not verifiable", resources: [notebook, { ...subnet, deps: {} }], expect: ["unknown"] },
    { name: "a literal subnet id is not verifiable", resources: [{ ...notebook, props: { subnetId: "subnet-1" }, deps: {} }], expect: ["unknown"], message: /privateSubnetIds/ },
    {
        name: "a literal subnet listed in privateSubnetIds passes",
        resources: [{ ...notebook, props: { subnetId: "subnet-1" }, deps: {} }],
        settings: { privateSubnetIds: ["subnet-1"] },
        expect: ["pass"],
    },
    { name: "a notebook without a subnet is not applicable", resources: [{ ...notebook, props: {}, deps: {} }], expect: ["not-applicable"] },
    {
        name: "an association to a table outside the stack is not verifiable",
        resources: [notebook, vpc, subnet, { ...assoc, props: { subnetId: UNKNOWN, routeTableId: "rtb-1" }, deps: { subnetId: ["subnet"] } }],
        expect: ["unknown"],
    },
]);
