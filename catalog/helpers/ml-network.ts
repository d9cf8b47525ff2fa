import type { ResourceGraph } from "../graph";
import type { Resource } from "../model";
import { type ResourceType, types } from "../resource-types";
import { anyProp, containsUnknown, toPlain } from "./props";
import { displayName } from "./s3";

/**
 * Where ML compute names the subnets it runs in, one line per attribute (Pulumi vocabulary). A new
 * ML resource type is one more line.
 */
export const ML_SUBNET_REFERENCES: ReadonlyArray<{ type: ResourceType; path: string; what: string }> = [
    { type: types.sagemakerNotebookInstance, path: "subnetId", what: "notebook" },
    { type: types.sagemakerDomain, path: "subnetIds", what: "Studio domain" },
    { type: types.sagemakerModel, path: "vpcConfig", what: "model" },
    { type: types.sagemakerTrainingJob, path: "vpcConfig", what: "training job" },
    { type: types.sagemakerDataQualityJobDefinition, path: "networkConfig", what: "monitoring job" },
];

interface SubnetIndex {
    bySubnet: Map<string, string[]>;
    /** An ML resource whose subnet is computed and not a subnet declared here, if any. */
    unresolved?: string;
}

const indexes = new WeakMap<ResourceGraph, SubnetIndex>();

function subnetIndex(graph: ResourceGraph): SubnetIndex {
    let index = indexes.get(graph);
    if (index) return index;
    index = { bySubnet: new Map() };
    for (const e of ML_SUBNET_REFERENCES) {
        for (const ml of graph.ofType(e.type)) {
            const subnets = graph.targets(ml, e.path, [types.ec2Subnet]);
            if (subnets.length === 0 && index.unresolved === undefined) {
                const attr = anyProp(ml, e.path);
                if (attr.state === "unknown" || containsUnknown(toPlain(attr.node))) index.unresolved = `${e.what} ${displayName(ml)}`;
            }
            for (const subnet of subnets) {
                const why = `${e.what} ${displayName(ml)}`;
                const list = index.bySubnet.get(subnet.id);
                if (!list) index.bySubnet.set(subnet.id, [why]);
                else if (!list.includes(why)) list.push(why);
            }
        }
    }
    indexes.set(graph, index);
    return index;
}

/** Subnet resource id → the ML resources that run in it ("notebook sagemaker.NotebookInstance "nb""), built once per graph. */
export function mlSubnets(graph: ResourceGraph): Map<string, string[]> {
    return subnetIndex(graph).bySubnet;
}

/**
 * An ML resource whose subnet is computed but resolves to no subnet declared here (a join that
 * preview could not make): then any subnet may host ML compute, and the network controls check
 * them all rather than none.
 */
export function unresolvedMlSubnet(graph: ResourceGraph): string | undefined {
    return subnetIndex(graph).unresolved;
}

/** The VPC resource a subnet belongs to, when it is declared here. */
export function vpcOf(graph: ResourceGraph, subnet: Resource): Resource | undefined {
    return graph.targets(subnet, "vpcId", [types.ec2Vpc])[0];
}

/** Up to two reasons, then a count. */
export function summarise(whys: string[]): string {
    return whys.length > 2 ? `${whys.slice(0, 2).join(", ")} and ${whys.length - 2} more` : whys.join(", ");
}
