import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { type Attr, anyProp, listItems, within } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";

const ROUTE_TABLE_TYPES = [types.ec2RouteTable, types.ec2DefaultRouteTable];

/** Where ML compute resources name their subnets. */
const ML_SUBNET_PROPERTIES = [{ type: types.sagemakerNotebookInstance, path: "subnetId" }];

type Verdict = { status: "igw"; at: Attr; table: Resource } | { status: "unknown"; at: Attr | Resource; why: string } | { status: "private" };

/** Gateway id prefixes that are not internet gateways (virtual private, transit, local, VPC endpoint). */
const NON_IGW_PREFIXES = ["vgw-", "tgw-", "vpce-", "local", "eigw-", "nat-", "pcx-", "eni-", "lgw-", "cagw-"];

/**
 * Judges one route's `gatewayId`: a literal `igw-…`, or a reference to an internet gateway resource,
 * is an internet path. Other literal ids are not; a computed value needs the graph to tell.
 */
function judgeGateway(graph: ResourceGraph, owner: Resource, gateway: Attr, table: Resource): Verdict {
    if (gateway.state === "absent") return { status: "private" };
    const literal = typeof gateway.value === "string" ? gateway.value : undefined;
    if (literal?.startsWith("igw-")) return { status: "igw", at: gateway, table };
    if (literal !== undefined && NON_IGW_PREFIXES.some((p) => literal.startsWith(p))) return { status: "private" };
    const targets = graph.targets(owner, gateway.path);
    if (targets.some((t) => t.type === types.ec2InternetGateway.token)) return { status: "igw", at: gateway, table };
    if (targets.length > 0 || gateway.state === "explicit") return { status: "private" };
    return { status: "unknown", at: gateway, why: `the gateway of a route in ${table.name} is computed and not a resource in the stack` };
}

/** Every route of a table, inline (`routes[]`) or standalone (`aws_route`), judged. */
function judgeTable(graph: ResourceGraph, table: Resource): Verdict[] {
    const verdicts: Verdict[] = [];
    const inline = anyProp(table, "routes");
    if (inline.state === "unknown") verdicts.push({ status: "unknown", at: inline, why: `the routes of ${table.name} are computed` });
    for (const route of listItems(table, inline)) verdicts.push(judgeGateway(graph, table, within(table, route, "gatewayId"), table));
    for (const { resource: route } of graph.referrers(table, [types.ec2Route], "routeTableId")) {
        verdicts.push(judgeGateway(graph, route, anyProp(route, "gatewayId"), table));
    }
    return verdicts;
}

/** The route tables that govern a subnet: its explicit association, else its VPC's main table. */
export function tablesOf(graph: ResourceGraph, subnet: Resource): { tables: Resource[]; vpcMain?: Resource } | { why: string } {
    const associations = graph.referrers(subnet, [types.ec2RouteTableAssociation], "subnetId").map((r) => r.resource);
    if (associations.length > 0) {
        const tables = associations.flatMap((a) => graph.targets(a, "routeTableId", ROUTE_TABLE_TYPES));
        if (tables.length === 0) return { why: `the route table associated with ${subnet.name} is not a resource in the stack` };
        return { tables };
    }
    const vpc = graph.targets(subnet, "vpcId", [types.ec2Vpc])[0];
    if (!vpc) return { why: `${subnet.name} has no route table association and its VPC is not a resource in the stack` };
    const mains = graph
        .referrers(vpc, [types.ec2MainRouteTableAssociation], "vpcId")
        .flatMap((m) => graph.targets(m.resource, "routeTableId", ROUTE_TABLE_TYPES));
    const defaults = graph.referrers(vpc, [types.ec2DefaultRouteTable]).map((r) => r.resource);
    const tables = mains.length > 0 ? mains : defaults;
    // A VPC created here starts with a main table holding only the local route; routes added to it
    // through `aws_route.route_table_id = aws_vpc.x.main_route_table_id` refer to the VPC itself.
    return { tables, vpcMain: tables.length === 0 ? vpc : undefined };
}

function judgeSubnet(graph: ResourceGraph, subnet: Resource): Verdict[] {
    const found = tablesOf(graph, subnet);
    if ("why" in found) return [{ status: "unknown", at: subnet, why: found.why }];
    const verdicts = found.tables.flatMap((t) => judgeTable(graph, t));
    if (found.vpcMain) {
        for (const { resource: route } of graph.referrers(found.vpcMain, [types.ec2Route], "routeTableId")) {
            verdicts.push(judgeGateway(graph, route, anyProp(route, "gatewayId"), found.vpcMain));
        }
    }
    return verdicts;
}

export default defineControl<import("@pulumi/aws/sagemaker").NotebookInstanceArgs, { privateSubnetIds: string[] }>({
    id: "aws-ml-subnet-private-route",
    title: "ML compute must run in subnets without a route to an internet gateway",
    severity: "high",
    provider: "aws",
    rationale:
        "Disabling a notebook's direct internet access only helps if the subnet it is placed in is private. A subnet " +
        "is public when its route table — the explicitly associated one, or the VPC's main route table when none is " +
        "associated — routes to an internet gateway. Egress through a NAT gateway is not a direct internet path and " +
        "passes here; aws-ml-subnet-egress-reviewed reports such default routes (NAT, transit, egress-only gateways) as a " +
        "low-severity advisory with an approved-gateways option. Reach AWS APIs through VPC endpoints instead.",
    remediation: {
        terraform:
            "Associate the ML subnet with a route table that has no `gateway_id = aws_internet_gateway.*` route (use VPC endpoints, or a NAT gateway for inspected egress).",
        pulumi:
            "Associate the ML subnet with a route table that has no route whose `gatewayId` is an internet gateway (use VPC endpoints, or a NAT gateway for inspected egress).",
    },
    frameworks: {
        prowler: ["vpc_subnet_separate_private_public"],
        "nist-800-53": ["SC-7", "SC-7(4)", "AC-4"],
        "owasp-ml": ["ML05"],
    },
    tags: ["network", "sagemaker", "notebook"],
    aliases: {},
    subjects: ML_SUBNET_PROPERTIES.map((p) => p.type),
    related: [
        types.ec2Subnet,
        types.ec2Vpc,
        types.ec2RouteTable,
        types.ec2DefaultRouteTable,
        types.ec2RouteTableAssociation,
        types.ec2MainRouteTableAssociation,
        types.ec2Route,
        types.ec2InternetGateway,
    ],
    scope: "stack",
    options: {
        privateSubnetIds: {
            description:
                "Subnet ids managed outside this stack (e.g. by a network stack) that are known to be private. Other subnets that are not resources in the stack cannot be verified.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(subject, { graph, options }) {
        const path = ML_SUBNET_PROPERTIES.find((p) => p.type.token === subject.type)?.path ?? "subnetId";
        const subnetAttr = anyProp(subject, path);
        if (subnetAttr.state === "absent") return [notApplicable(subnetAttr, "No subnet is set (see aws-sagemaker-notebook-in-vpc).")];
        const subnets = graph.targets(subject, path, [types.ec2Subnet]);
        if (subnets.length === 0) {
            if (typeof subnetAttr.value === "string" && options.privateSubnetIds.includes(subnetAttr.value)) {
                return [pass(subnetAttr, `Subnet ${subnetAttr.value} is listed as private (privateSubnetIds).`)];
            }
            return [
                unknown(
                    subnetAttr,
                    "The subnet is not a resource in the stack, so its routes cannot be checked; list it in privateSubnetIds once verified.",
                ),
            ];
        }
        const results: CheckResult[] = [];
        for (const subnet of subnets) {
            const verdicts = judgeSubnet(graph, subnet);
            const igw = verdicts.find((v) => v.status === "igw");
            if (igw && igw.status === "igw") {
                results.push(
                    fail(igw.at, `${subject.name} runs in subnet ${subnet.name}, whose route table ${igw.table.name} routes to an internet gateway.`),
                );
                continue;
            }
            const open = verdicts.find((v) => v.status === "unknown");
            if (open && open.status === "unknown") {
                results.push(unknown(open.at, `Whether subnet ${subnet.name} of ${subject.name} is private cannot be verified yet: ${open.why}.`));
                continue;
            }
            results.push(pass(subnetAttr, `Subnet ${subnet.name} has no route to an internet gateway.`));
        }
        return results;
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-private-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "ml-private", props: { vpcId: ref("ml"), routes: [] } },
                    {
                        type: types.ec2RouteTableAssociation,
                        name: "ml-private-a-assoc",
                        props: { subnetId: ref("ml-private-a"), routeTableId: ref("ml-private") },
                    },
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            subnetId: ref("ml-private-a"),
                            directInternetAccess: "Disabled",
                        },
                    },
                ],
            ],
            bad: [
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2InternetGateway, name: "igw", props: { vpcId: ref("ml") } },
                    { type: types.ec2Subnet, name: "ml-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    {
                        type: types.ec2RouteTable,
                        name: "public",
                        props: { vpcId: ref("ml"), routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: ref("igw") }] },
                    },
                    { type: types.ec2RouteTableAssociation, name: "ml-a-assoc", props: { subnetId: ref("ml-a"), routeTableId: ref("public") } },
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            subnetId: ref("ml-a"),
                            directInternetAccess: "Disabled",
                        },
                    },
                ],
                [
                    { type: types.ec2Vpc, name: "ml", props: { cidrBlock: "10.20.0.0/16" } },
                    { type: types.ec2Subnet, name: "ml-a", props: { vpcId: ref("ml"), cidrBlock: "10.20.1.0/24" } },
                    { type: types.ec2RouteTable, name: "main", props: { vpcId: ref("ml") } },
                    { type: types.ec2MainRouteTableAssociation, name: "main-assoc", props: { vpcId: ref("ml"), routeTableId: ref("main") } },
                    {
                        type: types.ec2Route,
                        name: "default",
                        props: { routeTableId: ref("main"), destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0a1b2c3d" },
                    },
                    {
                        type: types.sagemakerNotebookInstance,
                        name: "research",
                        props: {
                            instanceType: "ml.t3.medium",
                            roleArn: "arn:aws:iam::111122223333:role/sagemaker-research",
                            subnetId: ref("ml-a"),
                            directInternetAccess: "Disabled",
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "ml_private_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_route_table" "ml_private" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_route_table_association" "ml_private_a" {
  subnet_id      = aws_subnet.ml_private_a.id
  route_table_id = aws_route_table.ml_private.id
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-research"
  subnet_id              = aws_subnet.ml_private_a.id
  direct_internet_access = "Disabled"
}
`,
            ],
            bad: [
                `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_subnet" "ml_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.ml.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

resource "aws_route_table_association" "ml_a" {
  subnet_id      = aws_subnet.ml_a.id
  route_table_id = aws_route_table.public.id
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-research"
  subnet_id              = aws_subnet.ml_a.id
  direct_internet_access = "Disabled"
}
`,
                `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "ml_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_route_table" "main" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_main_route_table_association" "main" {
  vpc_id         = aws_vpc.ml.id
  route_table_id = aws_route_table.main.id
}

resource "aws_route" "default" {
  route_table_id         = aws_route_table.main.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = "igw-0a1b2c3d"
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "research"
  instance_type          = "ml.t3.medium"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-research"
  subnet_id              = aws_subnet.ml_a.id
  direct_internet_access = "Disabled"
}
`,
            ],
        },
    },
});
