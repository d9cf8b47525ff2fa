import type { ResourceGraph } from "../graph";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { type Attr, anyProp, listItems, within } from "./props";
import { fail, pass, unknown } from "./results";

/**
 * Route analysis shared by every control that needs a subnet to be private (no route to an internet
 * gateway): aws-ml-subnet-private-route for notebooks, and the SageMaker model, job and domain
 * controls for their `subnets` / `subnetIds`.
 */

const ROUTE_TABLE_TYPES = [types.ec2RouteTable, types.ec2DefaultRouteTable];

/** Resource types the analysis reads (for controls' `related`). */
export const ROUTE_ANALYSIS_TYPES = [
    types.ec2Subnet,
    types.ec2Vpc,
    types.ec2RouteTable,
    types.ec2DefaultRouteTable,
    types.ec2RouteTableAssociation,
    types.ec2MainRouteTableAssociation,
    types.ec2Route,
    types.ec2InternetGateway,
];

export type Verdict = { status: "igw"; at: Attr; table: Resource } | { status: "unknown"; at: Attr | Resource; why: string } | { status: "private" };

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

/** Every route that governs a subnet, judged. */
export function judgeSubnet(graph: ResourceGraph, subnet: Resource): Verdict[] {
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

/**
 * Results for the subnets a subject names at `attr` (one id or a list): a failure per subnet whose
 * routes reach an internet gateway, not verifiable for subnets outside the stack that are not listed
 * in `privateSubnetIds`, a pass otherwise. `attr` must be present.
 */
export function subnetPrivacyResults(graph: ResourceGraph, subject: Resource, attr: Attr, privateSubnetIds: readonly string[]): CheckResult[] {
    // Terraform records references with block indexes (`vpcConfig.0.subnets`), Pulumi at the top-level
    // property: the top-level property, filtered to subnets, matches both.
    const subnets = graph.targets(subject, attr.path.split(".")[0], [types.ec2Subnet]);
    const results: CheckResult[] = [];
    if (subnets.length === 0) {
        const items = attr.node?.kind === "list" ? listItems(subject, attr) : [attr];
        const literals = items.map((i) => (typeof i.value === "string" ? i.value : undefined));
        if (literals.length > 0 && literals.every((l) => l !== undefined && privateSubnetIds.includes(l))) {
            return [pass(attr, `The subnets (${literals.join(", ")}) are listed as private (privateSubnetIds).`)];
        }
        return [
            unknown(attr, "The subnet is not a resource in the stack, so its routes cannot be checked; list it in privateSubnetIds once verified."),
        ];
    }
    for (const subnet of subnets) {
        const verdicts = judgeSubnet(graph, subnet);
        const igw = verdicts.find((v) => v.status === "igw");
        if (igw && igw.status === "igw") {
            results.push(fail(igw.at, `${subject.name} runs in subnet ${subnet.name}, whose route table ${igw.table.name} routes to an internet gateway.`));
            continue;
        }
        const open = verdicts.find((v) => v.status === "unknown");
        if (open && open.status === "unknown") {
            results.push(unknown(open.at, `Whether subnet ${subnet.name} of ${subject.name} is private cannot be verified yet: ${open.why}.`));
            continue;
        }
        results.push(pass(attr, `Subnet ${subnet.name} has no route to an internet gateway.`));
    }
    return results;
}
