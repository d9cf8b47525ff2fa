import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { stringList } from "../helpers/coerce";
import { ML_SUBNET_REFERENCES, mlSubnets, summarise, unresolvedMlSubnet } from "../helpers/ml-network";
import { type Attr, anyProp, listItems, within } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import { displayName } from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref, PRIVATE_ML_SUBNET_TF } from "../examples";
import { tablesOf } from "../helpers/subnet-routes";

const DEFAULT_DESTINATIONS = ["0.0.0.0/0", "::/0"];
const EGRESS_FIELDS = [
    { path: "natGatewayId", what: "NAT gateway" },
    { path: "transitGatewayId", what: "transit gateway" },
    { path: "egressOnlyGatewayId", what: "egress-only internet gateway" },
];

interface Egress {
    gateway: Attr;
    what: string;
    table: Resource;
    /** The gateway resource of the stack the route refers to, if any. */
    target?: Resource;
}

/** Default routes (IPv4 or IPv6) of a route, inline or standalone, that leave through NAT, a transit gateway or an egress-only gateway. */
function egressOf(graph: ResourceGraph, owner: Resource, route: Attr | undefined, table: Resource): Egress[] {
    const read = (p: string) => (route ? within(owner, route, p) : anyProp(owner, p));
    const destinations = route ? [read("cidrBlock"), read("ipv6CidrBlock")] : [read("destinationCidrBlock"), read("destinationIpv6CidrBlock")];
    // A computed destination may be the default route: treat it as one (the gateway is what is reported).
    if (!destinations.some((d) => d.state === "unknown" || (typeof d.value === "string" && DEFAULT_DESTINATIONS.includes(d.value.trim())))) return [];
    const out: Egress[] = [];
    for (const f of EGRESS_FIELDS) {
        const gateway = read(f.path);
        if (gateway.state === "absent" || gateway.value === "") continue;
        const top = route ? "routes" : f.path;
        const target = graph.targets(owner, top).find((t) => t.type === types.ec2NatGateway.token || t.type.includes("ransitGateway") || t.type.includes("gressOnly"));
        out.push({ gateway, what: f.what, table, target });
    }
    return out;
}

function egressRoutes(graph: ResourceGraph, subnet: Resource): Egress[] | { why: string } {
    const found = tablesOf(graph, subnet);
    if ("why" in found) return found;
    const out: Egress[] = [];
    const tables = [...found.tables, ...(found.vpcMain ? [found.vpcMain] : [])];
    for (const table of tables) {
        for (const route of listItems(table, anyProp(table, "routes"))) out.push(...egressOf(graph, table, route, table));
        for (const { resource: route } of graph.referrers(table, [types.ec2Route], "routeTableId")) out.push(...egressOf(graph, route, undefined, table));
    }
    return out;
}

/** Whether a gateway is on the approved list: by literal id, or by the stack resource's name or id. */
function approved(e: Egress, list: string[]): boolean | undefined {
    if (typeof e.gateway.value === "string" && list.includes(e.gateway.value)) return true;
    if (e.target) return list.includes(e.target.name) || list.includes(e.target.id);
    return e.gateway.state === "unknown" ? undefined : false;
}

export default defineControl<unknown, { approvedEgressGateways: string[] }>({
    id: "aws-ml-subnet-egress-reviewed",
    title: "Default routes of ML subnets through NAT or transit gateways are reported for review",
    severity: "low",
    provider: "aws",
    rationale:
        "aws-ml-subnet-private-route fails an internet-gateway route; a default route through a NAT gateway, a transit " +
        "gateway or an egress-only internet gateway is not a direct internet path, so it passes there — but it is where ML " +
        "traffic, and data, can leave the VPC. This advisory names each such route of a subnet that hosts ML compute, so " +
        "a reviewer sees it; list the reviewed gateways (ids, or resource names in the stack or module tree) in " +
        "`approvedEgressGateways` to record the approval.",
    remediation: {
        terraform:
            "Remove the `0.0.0.0/0` / `::/0` route through `nat_gateway_id` / `transit_gateway_id` / `egress_only_gateway_id` and reach AWS services through VPC endpoints, or list the reviewed gateway in `approvedEgressGateways`.",
        pulumi:
            "Remove the default route through `natGatewayId` / `transitGatewayId` / `egressOnlyGatewayId` (`MlPrivateNetwork` has none unless `inspectedEgress` is set), or list the reviewed gateway in `approvedEgressGateways`.",
    },
    frameworks: {
        "nist-800-53": ["SC-7", "SC-7(4)", "AC-4"],
        "owasp-ml": ["ML05"],
    },
    tags: ["network", "sagemaker", "egress"],
    aliases: {},
    subjects: [types.ec2Subnet],
    related: [...ML_SUBNET_REFERENCES.map((e) => e.type), types.ec2RouteTable, types.ec2RouteTableAssociation, types.ec2Route, types.ec2NatGateway],
    scope: "stack",
    options: {
        approvedEgressGateways: {
            description: "Reviewed egress gateways: NAT / transit / egress-only gateway ids, or the names (or addresses) of their resources.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(subnet, { graph, options }) {
        const users = mlSubnets(graph).get(subnet.id);
        const unresolved = users ? undefined : unresolvedMlSubnet(graph);
        if (!users && !unresolved) return [notApplicable(subnet, "No ML resource of the stack or module tree runs in this subnet.")];
        const hosts = users ? `the subnet hosts the ${summarise(users)}` : `the subnet of the ${unresolved} is computed and not declared here, so any subnet may host it`;
        const routes = egressRoutes(graph, subnet);
        if ("why" in routes) return [unknown(subnet, `Whether ML traffic leaves the VPC through a NAT or transit gateway cannot be checked: ${routes.why} (${hosts}).`)];
        const list = stringList(options.approvedEgressGateways);
        const results: CheckResult[] = [];
        for (const e of routes) {
            const name = e.target ? displayName(e.target) : e.gateway.state === "unknown" ? "a computed gateway" : "a gateway outside the stack";
            const ok = approved(e, list);
            if (ok === true) continue;
            if (ok === undefined && list.length > 0) {
                results.push(unknown(e.gateway, `A default route of ${e.table.name} leaves the VPC through ${name} (${e.what}) whose id is computed, so it cannot be matched against approvedEgressGateways (${hosts}).`));
            } else {
                results.push(fail(e.gateway, `ML traffic can leave the VPC: route table ${e.table.name} has a default route through ${name} (${e.what}); ${hosts}. Review it and list the gateway in approvedEgressGateways.`));
            }
        }
        return results.length > 0 ? results : [pass(subnet, `No unreviewed default route through a NAT, transit or egress-only gateway (${hosts}).`)];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "ml-private", props: { vpcId: ref("ml"), routes: [] } },
                    { type: types.ec2RouteTableAssociation, name: "ml-private-a-assoc", props: { subnetId: ref("ml-private-a"), routeTableId: ref("ml-private") } },
                    { type: types.sagemakerNotebookInstance, name: "research", props: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/sm", subnetId: ref("ml-private-a") } },
                ],
            ],
            bad: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "ml-private", props: { vpcId: ref("ml"), routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0abc" }] } },
                    { type: types.ec2RouteTableAssociation, name: "ml-private-a-assoc", props: { subnetId: ref("ml-private-a"), routeTableId: ref("ml-private") } },
                    { type: types.sagemakerNotebookInstance, name: "research", props: { instanceType: "ml.t3.medium", roleArn: "arn:aws:iam::111122223333:role/sm", subnetId: ref("ml-private-a") } },
                ],
            ],
        },
        terraform: {
            good: [
                `${PRIVATE_ML_SUBNET_TF}
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sm"
  subnet_id     = aws_subnet.ml_private_a.id
}
`,
            ],
            bad: [
                `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "ml_private_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_route_table" "ml_private" {
  vpc_id = aws_vpc.ml.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = "nat-0abc"
  }
}

resource "aws_route_table_association" "ml_private_a" {
  subnet_id      = aws_subnet.ml_private_a.id
  route_table_id = aws_route_table.ml_private.id
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sm"
  subnet_id     = aws_subnet.ml_private_a.id
}
`,
            ],
        },
    },
});
